import { deleteContents, markRemoved } from '../storage/remove-contents.js';
import type { CitizenState, Deps } from '../types.js';
import { recordAudit } from './audit.js';
import { isOpen } from '../presenters/request.js';
import { searchTextOf } from '../lib/search-text.js';
import { forgetSession } from './session-cache.js';
import { enqueueWebhooks } from '../outbox/enqueue.js';

/** What stands for the citizen's name, subject and words once their account is deleted. */
export const deletedMarker = '[deleted]';

/** The reason an open request is closed with when its citizen deletes their account. */
export const withdrawnReason = 'Withdrawn: the citizen deleted their account.';

/** What {@link deleteCitizenAccount} did. */
export interface AccountDeletion {
  /** The citizen's requests, all kept without their personal data. */
  requests: number;
  /** Of those, the open ones it closed as withdrawn. */
  withdrawn: number;
  /** Files whose content it removed. */
  files: number;
}

/**
 * Deletes a citizen's account at an org, in one transaction: the citizen row with their phone,
 * every session (each token is 401 from the next call, in every process within the session
 * cache's second) and their idempotency records (which hold copies of their answers). Requests are
 * the org's record and stay, but without the person: name and subject become
 * {@link deletedMarker}, the search text keeps only the tracking code and letter number, and the
 * citizen's own words in the timeline (supplements, appeals) are dropped. A decided request keeps
 * its status and letter number, as the register needs; an open one is closed as rejected with
 * {@link withdrawnReason}, and the org's `request.rejected` webhooks are told of it (the change
 * alone: id, tracking code, status), as of a rejection by staff. Every file of theirs — body, supplements, appeals and replies — is
 * removed from its store and marked `account_deleted`. Each request gets a
 * `citizen.account_deleted` step in the audit trail. One-time codes stay until housekeeping
 * removes them: they count against the phone's send caps, which a deletion must not reset.
 */
export async function deleteCitizenAccount(deps: Deps, params: { citizen: CitizenState }): Promise<AccountDeletion> {
  const { orgId, citizenId } = params.citizen;
  const { db } = deps;
  const m = db.models;
  const since = deps.config.now();
  const result = await db.write(async (transaction) => {
    const now = deps.config.now();
    const requests = await m.Request.findAll({ where: { orgId, citizenId }, transaction });
    const requestIds = requests.map((row) => row.id);
    const files = requestIds.length === 0 ? [] : await m.File.findAll({
      where: { orgId, requestId: requestIds, removedAt: null },
      attributes: ['id', 'orgId', 'store', 'storageName'],
      transaction,
    });
    const actor = { actorType: 'citizen' as const, actorId: citizenId, name: '', role: 'citizen' as const };
    let withdrawn = 0;
    const outbox: string[] = [];
    const hooks = await m.Webhook.findAll({ where: { orgId }, transaction });
    for (const row of requests) {
      const open = isOpen(row.status);
      if (open) withdrawn += 1;
      const fromStatus = row.status;
      const closing = open ? { status: 'rejected' as const, rejectionReason: withdrawnReason, rejectedAt: now, closedAt: now, pausedAt: null } : {};
      await row.update(
        {
          fullName: deletedMarker, subject: deletedMarker, version: row.version + 1, updatedAt: now, ...closing,
          searchText: searchTextOf({ subject: '', fullName: '', trackingCode: row.trackingCode, letterNumber: row.letterNumber, phone: null }),
        },
        { transaction },
      );
      await recordAudit(deps, {
        orgId, actor, action: 'citizen.account_deleted', requestId: row.id, fromStatus, toStatus: row.status,
        details: { withdrawn: open, filesRemoved: files.length }, now, transaction,
      });
      if (open) {
        const data = { requestId: row.id, trackingCode: row.trackingCode, status: row.status };
        outbox.push(...(await enqueueWebhooks(db, { orgId, type: 'request.rejected', subjectId: `${row.id}:account_deleted:${row.version}`, data, now, transaction, hooks })));
      }
    }
    if (requestIds.length > 0) {
      await m.RequestEvent.update({ note: null }, { where: { orgId, requestId: requestIds, actorType: 'citizen' }, transaction });
    }
    const removed = await markRemoved(deps, { files, reason: 'account_deleted', now, transaction });
    const sessions = await m.Session.findAll({ where: { orgId, citizenId }, attributes: ['id'], transaction });
    await m.Session.destroy({ where: { orgId, citizenId }, transaction });
    await m.IdempotencyKey.destroy({ where: { orgId, citizenId }, transaction });
    await m.Citizen.destroy({ where: { orgId, id: citizenId }, transaction });
    return { removed, sessionIds: sessions.map((session) => session.id), requests: requests.length, withdrawn, files: files.length, outbox };
  });
  await deps.outbox.deliverNow(result.outbox);
  for (const sessionId of result.sessionIds) forgetSession(db, sessionId);
  await deleteContents(deps, result.removed, since);
  return { requests: result.requests, withdrawn: result.withdrawn, files: result.files };
}
