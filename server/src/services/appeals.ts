import type { CitizenRequest } from '@citizen-counter/sdk';
import { appealNotAllowed, appealWindowClosed, requestNotFound } from '../errors/catalogue.js';
import { newId } from '../lib/crypto.js';
import { enqueueWebhooks } from '../outbox/enqueue.js';
import { presentRequest, type ReceiptLinker } from '../presenters/request.js';
import type { CitizenState, Deps } from '../types.js';
import { recordAudit } from './audit.js';
import { storeFile } from './citizen-requests.js';
import type { CheckedFile } from './file-rules.js';
import { idempotencyScope, idempotentChange, type IdempotencyKeyInput } from './idempotency.js';
import type { LoadedOrg } from './orgs.js';
import { initialDueDate } from './request-deadlines.js';
import { loadViews, plainRequest } from './request-views.js';

/** Input of {@link submitAppeal}. */
export interface AppealParams {
  org: LoadedOrg;
  citizen: CitizenState;
  requestId: string;
  text: string;
  /** A document sent with the appeal, or `null`. */
  file: CheckedFile | null;
  /** The `Idempotency-Key` with the hash of the body it came with, or `null`. */
  idempotency: IdempotencyKeyInput | null;
  /** Makes the receipt's link the answer carries. */
  link: ReceiptLinker;
}

const dayMs = 24 * 60 * 60 * 1000;

/**
 * The citizen's appeal (اعتراض) of a rejection: a text and optionally a document. Allowed while the
 * request is rejected, the org takes appeals and the request had fewer than `appeals.rounds`, within
 * `appeals.days` of the rejection. The request goes back to the secretariat under review with a new
 * due date, counted and dated as appealed; the rejection stays in the timeline, which shows the
 * appeal, the audit trail records it and webhooks get `request.appealed`. A retry with the same `Idempotency-Key` answers as the
 * first attempt did.
 */
export async function submitAppeal(deps: Deps, params: AppealParams): Promise<{ request: CitizenRequest; replayed: boolean }> {
  const { org, citizen, requestId, file } = params;
  const orgId = org.row.id;
  const { rounds, days } = org.settings.appeals;
  const scope = idempotencyScope(orgId, citizen.citizenId, params.idempotency);
  return idempotentChange(deps, scope, async (transaction, now) => {
    const row = await deps.db.models.Request.findOne({ where: { orgId, citizenId: citizen.citizenId, id: requestId }, transaction, lock: true });
    if (!row) throw requestNotFound();
    if (row.status !== 'rejected') throw appealNotAllowed('not_rejected', rounds);
    if (rounds === 0) throw appealNotAllowed('appeals_off', rounds);
    if (row.appealRounds >= rounds) throw appealNotAllowed('rounds_used', rounds);
    const deadline = new Date((row.rejectedAt ?? row.updatedAt).getTime() + days * dayMs);
    if (now.getTime() > deadline.getTime()) throw appealWindowClosed(deadline, days);
    const stored = file ? await storeFile(deps, { orgId, requestId, role: 'appeal', file, now, transaction }) : null;
    const unit = org.units.find((candidate) => candidate.id === row.unitId);
    // Back at the secretariat, which decides again; the rejection itself stays in the timeline.
    await row.update(
      {
        status: 'under_review', rejectionReason: null, rejectedAt: null, currentUnitId: null, assigneeId: null,
        dueDate: initialDueDate(org, unit?.responseDays ?? null, now), pausedAt: null,
        appealRounds: row.appealRounds + 1, appealedAt: now, version: row.version + 1, updatedAt: now,
      },
      { transaction },
    );
    await deps.db.models.RequestEvent.create(
      {
        id: newId(), orgId, requestId, type: 'appealed', note: params.text, createdAt: now,
        actorType: 'citizen', actorRole: 'citizen', actorId: citizen.citizenId, actorName: null, unitId: null, fileId: stored?.id ?? null,
      },
      { transaction },
    );
    const actor = { actorType: 'citizen' as const, actorId: citizen.citizenId, name: '', role: 'citizen' as const };
    await recordAudit(deps, {
      orgId, actor, action: 'request.appealed', requestId, fromStatus: 'rejected', toStatus: 'under_review',
      details: { round: row.appealRounds, fileId: stored?.id ?? null }, now, transaction,
    });
    const [view] = await loadViews(deps, orgId, [plainRequest(row)]);
    const request = presentRequest(view!, params.link);
    const outbox = await enqueueWebhooks(deps.db, { orgId, type: 'request.appealed', subjectId: `${requestId}:appealed:${row.version}`, data: { requestId, trackingCode: row.trackingCode, status: row.status }, now, transaction });
    return { request, outbox };
  });
}
