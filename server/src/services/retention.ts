import type { Logger } from '../lib/logger.js';
import { deleteContents, markRemoved, type RemovableFile } from '../storage/remove-contents.js';
import type { FileDeps } from '../types.js';
import { parseSettings } from './org-settings.js';

const day = 24 * 60 * 60 * 1000;

/** Requests looked at in one transaction, so one org's backlog never holds the writer long. */
const batchSize = 200;

/** What one org's retention round removed. */
export interface RetentionResult {
  orgId: string;
  /** The requests whose files went. */
  requestIds: string[];
  /** How many files were marked removed. */
  files: number;
}

/**
 * Applies every org's `retention.days`: the files of requests closed (approved or rejected) longer
 * ago than that are removed from their store and marked removed under the retention policy; the
 * requests and the files' descriptions stay, and a download answers 410 `file_removed`. A request
 * reopened by an appeal is not closed, so it keeps its files. Logs what it removed, per org.
 */
export async function removeExpiredFiles(deps: FileDeps, logger?: Pick<Logger, 'info'>): Promise<RetentionResult[]> {
  const { db } = deps;
  const orgs = await db.models.Org.findAll({ attributes: ['id', 'settings'] });
  const results: RetentionResult[] = [];
  for (const org of orgs) {
    const days = parseSettings(org.settings).retention.days;
    if (days === null) continue;
    const result = await removeOrgFiles(deps, org.id, days);
    if (result.files === 0) continue;
    results.push(result);
    logger?.info({ orgId: result.orgId, files: result.files, requests: result.requestIds.length, requestIds: result.requestIds }, 'retention: files removed');
  }
  return results;
}

async function removeOrgFiles(deps: FileDeps, orgId: string, days: number): Promise<RetentionResult> {
  const { db } = deps;
  const result: RetentionResult = { orgId, requestIds: [], files: 0 };
  const seen = new Set<string>();
  for (;;) {
    const since = deps.config.now();
    const deadline = new Date(since.getTime() - days * day);
    // Only files still there: each round marks what it found, so the loop ends.
    const files = await db.reader.all<RemovableFile & { requestId: string }>(
      `SELECT f."id", f."orgId", f."requestId", f."store", f."storageName" FROM "files" f
       JOIN "requests" r ON r."orgId" = f."orgId" AND r."id" = f."requestId"
       WHERE f."orgId" = ? AND f."removedAt" IS NULL AND r."status" IN ('approved', 'rejected') AND r."closedAt" < ?
       ORDER BY f."id" LIMIT ${batchSize}`,
      [orgId, db.reader.dateParam(deadline)],
    );
    if (files.length === 0) return result;
    const removed = await db.write((transaction) => markRemoved(deps, { files, reason: 'retention', now: since, transaction }));
    await deleteContents(deps, removed, since);
    result.files += files.length;
    for (const file of files) {
      if (seen.has(file.requestId)) continue;
      seen.add(file.requestId);
      result.requestIds.push(file.requestId);
    }
    if (files.length < batchSize) return result;
  }
}
