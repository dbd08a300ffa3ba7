import type { CitizenRequest } from '@citizen-counter/sdk';
import { UniqueConstraintError } from 'sequelize';
import { documentsNotRequested, requestNotFound } from '../errors/catalogue.js';
import { newId } from '../lib/crypto.js';
import { enqueueWebhooks } from '../outbox/enqueue.js';
import { presentRequest, type ReceiptLinker } from '../presenters/request.js';
import type { CitizenState, Deps } from '../types.js';
import { recordAudit } from './audit.js';
import { storeFile } from './citizen-requests.js';
import type { CheckedFile } from './file-rules.js';
import { findReplay, storeResponse, type IdempotencyScope } from './idempotency.js';
import type { LoadedOrg } from './orgs.js';
import { loadViews, plainRequest } from './request-views.js';
import { resumedDueDate } from './request-deadlines.js';

/** Input of {@link submitSupplement}. */
export interface SupplementParams {
  org: LoadedOrg;
  citizen: CitizenState;
  requestId: string;
  text: string | null;
  file: CheckedFile;
  /** The `Idempotency-Key` with the hash of the body it came with, or `null`. */
  idempotency: { key: string; requestHash: string } | null;
  /** Makes the receipt's link the answer carries. */
  link: ReceiptLinker;
}

/**
 * The citizen's answer to a request for documents: a text and one file. The request goes back to
 * review, its clock runs again (the due date moves by the working days it waited), the timeline
 * shows the supplement, webhooks get `request.supplemented`. A retry with the same
 * `Idempotency-Key` answers as the first attempt did.
 */
export async function submitSupplement(deps: Deps, params: SupplementParams): Promise<{ request: CitizenRequest; replayed: boolean }> {
  const { org, citizen, requestId, file } = params;
  const orgId = org.row.id;
  const scope: IdempotencyScope | null = params.idempotency
    ? { orgId, citizenId: citizen.citizenId, key: params.idempotency.key, requestHash: params.idempotency.requestHash }
    : null;
  if (scope) {
    const replay = await findReplay(deps, scope);
    if (replay) return { request: replay, replayed: true };
  }
  try {
    const result = await deps.db.write(async (transaction) => {
      const row = await deps.db.models.Request.findOne({ where: { orgId, citizenId: citizen.citizenId, id: requestId }, transaction, lock: true });
      if (!row) throw requestNotFound();
      if (row.status !== 'needs_documents') throw documentsNotRequested();
      const now = deps.config.now();
      const stored = await storeFile(deps, { orgId, requestId, role: 'supplement', file, now, transaction });
      const dueDate = resumedDueDate(org, row, now);
      await row.update({ status: 'under_review', pausedAt: null, dueDate, version: row.version + 1, updatedAt: now }, { transaction });
      await deps.db.models.RequestEvent.create(
        {
          id: newId(), orgId, requestId, type: 'supplemented', note: params.text, createdAt: now,
          actorType: 'citizen', actorRole: 'citizen', actorId: citizen.citizenId, actorName: null, unitId: null, fileId: stored.id,
        },
        { transaction },
      );
      const actor = { actorType: 'citizen' as const, actorId: citizen.citizenId, name: '', role: 'citizen' as const };
      await recordAudit(deps, { orgId, actor, action: 'request.supplemented', requestId, fromStatus: 'needs_documents', toStatus: 'under_review', details: { fileId: stored.id }, now, transaction });
      const [view] = await loadViews(deps, orgId, [plainRequest(row)]);
      const request = presentRequest(view!, params.link);
      const outbox = await enqueueWebhooks(deps.db, { orgId, type: 'request.supplemented', subjectId: `${requestId}:supplemented:${row.version}`, data: { requestId, trackingCode: row.trackingCode, status: row.status }, now, transaction });
      if (scope) await storeResponse(deps, scope, request, now, transaction);
      return { request, outbox };
    });
    await deps.outbox.deliverNow(result.outbox);
    return { request: result.request, replayed: false };
  } catch (error) {
    // The same key stored meanwhile by a concurrent first attempt: answer as it did.
    const replay = error instanceof UniqueConstraintError && scope ? await findReplay(deps, scope) : null;
    if (replay) return { request: replay, replayed: true };
    throw error;
  }
}
