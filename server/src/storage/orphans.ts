import { Op } from 'sequelize';
import type { FileDeps } from '../types.js';

/** How long a content no row names is kept: longer than any upload takes to commit. @default 1 hour */
export const orphanGraceMs = 60 * 60 * 1000;

/** Keys looked up in the database at once. */
const batchSize = 200;

/**
 * Removes contents of the current store that no file row names and that were written more than
 * `graceMs` ago: uploads refused after they were stored, and those a crash cut off before their
 * transaction committed. A younger one may belong to a transaction still in flight, so it stays.
 * Answers how many were removed.
 */
export async function removeOrphanFiles(deps: FileDeps, graceMs = orphanGraceMs): Promise<number> {
  const store = deps.files.current;
  const before = new Date(deps.config.now().getTime() - graceMs);
  let removed = 0;
  let batch: string[] = [];
  const sweep = async () => {
    const named = await deps.db.models.File.findAll({ where: { store: store.kind, storageName: { [Op.in]: batch } }, attributes: ['storageName'] });
    const kept = new Set(named.map((row) => row.storageName));
    for (const key of batch) {
      if (!kept.has(key) && (await store.removeStale({ orgId: '', key }, before))) removed += 1;
    }
    batch = [];
  };
  for await (const key of store.listOlderThan(before)) {
    batch.push(key);
    if (batch.length >= batchSize) await sweep();
  }
  if (batch.length > 0) await sweep();
  return removed;
}
