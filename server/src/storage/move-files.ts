import { Op } from 'sequelize';
import type { Database } from '../db/database.js';
import type { FileStore } from './file-store.js';
import { FileStores } from './stores.js';

/** What {@link moveFiles} did. */
export interface MoveResult {
  moved: number;
  bytes: number;
}

/** Rows read at once. */
const batchSize = 100;

/**
 * Moves every file whose content is not yet in `target` there, one at a time: read from the store
 * its row names, written to `target`, checked against the row's sha256 and size, then the row
 * switched over in one statement and the old content removed (a content-addressed file only once no
 * row names it any more). Stopped at any point — a crash, a mismatch, Ctrl-C — it is resumed by
 * running it again: rows already moved are skipped, and a content written but not yet named is an
 * orphan that housekeeping removes.
 * @throws {Error} on a content whose hash or size differs from its row's (nothing of that file changes).
 */
export async function moveFiles(deps: { db: Database; files: FileStores }, target: FileStore, onMoved?: (done: number) => void): Promise<MoveResult> {
  const { File } = deps.db.models;
  const result: MoveResult = { moved: 0, bytes: 0 };
  for (;;) {
    const rows = await File.findAll({
      where: { store: { [Op.ne]: target.kind } },
      attributes: ['id', 'orgId', 'store', 'storageName', 'sha256', 'size'],
      order: [['id', 'ASC']],
      limit: batchSize,
    });
    if (rows.length === 0) return result;
    for (const row of rows) {
      const source = deps.files.of(row.store);
      const stored = await target.put(row.orgId, await source.get(FileStores.refOf(row)));
      if (stored.sha256 !== row.sha256 || stored.size !== row.size) {
        if (stored.store === 's3') await target.delete({ orgId: row.orgId, key: stored.key });
        throw new Error(`File ${row.id} of ${row.orgId}: its content in the ${row.store} store has sha256 ${stored.sha256} (${stored.size} bytes), its row says ${row.sha256} (${row.size} bytes). Nothing of it was moved.`);
      }
      const changed = await deps.db.write((transaction) =>
        File.update(FileStores.columnsFor(stored, row.id), { where: { orgId: row.orgId, id: row.id, store: row.store }, transaction }),
      );
      if (changed[0] === 1 && row.store !== 'database') {
        const stillNamed = await File.count({ where: { store: row.store, storageName: row.storageName } });
        if (stillNamed === 0) await source.delete(FileStores.refOf(row));
      }
      result.moved += 1;
      result.bytes += row.size;
      onMoved?.(result.moved);
    }
  }
}
