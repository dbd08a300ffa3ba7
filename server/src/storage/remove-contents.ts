import type { Transaction } from 'sequelize';
import type { FileRow } from '../models/index.js';
import type { FileDeps } from '../types.js';
import type { StoreKind } from './file-store.js';

/** Why a file's content was removed. */
export type RemovalReason = 'retention' | 'account_deleted';

/** Where a removed content was, for {@link deleteContents} once the marking has committed. */
export interface RemovedContent {
  orgId: string;
  store: StoreKind;
  key: string;
}

/** The file columns {@link markRemoved} needs. */
export type RemovableFile = Pick<FileRow, 'id' | 'orgId' | 'store' | 'storageName'>;

/**
 * Marks files removed in the caller's transaction: the row keeps the name, type, size and hash the
 * citizen and the register know it by, and says when and why; the database store's content goes
 * with the same statement. The row stops naming its store key, so the orphan sweep removes the
 * content should {@link deleteContents} never get to it (a crash right after the commit).
 */
export async function markRemoved(
  deps: Pick<FileDeps, 'db'>,
  params: { files: RemovableFile[]; reason: RemovalReason; now: Date; transaction: Transaction },
): Promise<RemovedContent[]> {
  const { files, reason, now, transaction } = params;
  if (files.length === 0) return [];
  const ids = files.map((file) => file.id);
  const orgIds = [...new Set(files.map((file) => file.orgId))];
  await deps.db.models.File.update(
    { removedAt: now, removedReason: reason, content: null, storageName: '' },
    { where: { orgId: orgIds, id: ids, removedAt: null }, transaction },
  );
  return files.filter((file) => file.store !== 'database' && file.storageName !== '').map((file) => ({ orgId: file.orgId, store: file.store, key: file.storageName }));
}

/**
 * Deletes contents {@link markRemoved} let go, after its transaction committed. A filesystem
 * content is shared by every row of the same bytes, so it goes only when no row names it any more
 * and it was not written again since `since` (an upload of the same bytes in flight). Answers how
 * many contents were deleted; one that fails stays for the orphan sweep.
 */
export async function deleteContents(deps: FileDeps, contents: RemovedContent[], since: Date): Promise<number> {
  let deleted = 0;
  const seen = new Set<string>();
  for (const content of contents) {
    const id = `${content.store}:${content.key}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const named = await deps.db.models.File.count({ where: { store: content.store, storageName: content.key } });
    if (named > 0) continue;
    const store = deps.files.of(content.store);
    const ref = { orgId: content.orgId, key: content.key };
    try {
      // An S3 key is one upload's own; a filesystem one is the content's hash.
      const removed = content.store === 's3' ? await store.delete(ref).then(() => true) : await store.removeStale(ref, since);
      if (removed) deleted += 1;
    } catch {
      // The row no longer names it: the orphan sweep removes it on its next round.
    }
  }
  return deleted;
}
