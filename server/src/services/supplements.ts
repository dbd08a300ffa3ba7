import type { CitizenRequest } from '@citizen-counter/sdk';
import { documentsNotRequested, requestNotFound } from '../errors/catalogue.js';
import { newId } from '../lib/crypto.js';
import { enqueueWebhooks } from '../outbox/enqueue.js';
import { presentRequest, type ReceiptLinker } from '../presenters/request.js';
import type { CitizenState, Deps } from '../types.js';
import { recordAudit } from './audit.js';
import { storeFile } from './citizen-requests.js';
import type { CheckedFile } from './file-rules.js';
import { idempotencyScope, idempotentChange, type IdempotencyKeyInput } from './idempotency.js';
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
  idempotency: IdempotencyKeyInput | null;
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
  const scope = idempotencyScope(orgId, citizen.citizenId, params.idempotency);
  return idempotentChange(deps, scope, async (transaction, now) => {
    const row = await deps.db.models.Request.findOne({ where: { orgId, citizenId: citizen.citizenId, id: requestId }, transaction, lock: true });
    if (!row) throw requestNotFound();
    if (row.status !== 'needs_documents') throw documentsNotRequested();
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
    return { request, outbox };
  });
}
