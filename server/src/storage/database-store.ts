import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Op } from 'sequelize';
import type { Database } from '../db/database.js';
import type { FileRef, FileStore, StoredContent } from './file-store.js';
import { Measure } from './measure.js';

/**
 * Contents inside their file rows (`files.content`), as the service always kept them: nothing
 * beside the database to back up, fit for tiny installs and tests. A content's key is its row's id:
 * it is read by the primary key.
 */
export class DatabaseStore implements FileStore {
  readonly kind = 'database' as const;
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  async put(_orgId: string, source: Readable): Promise<StoredContent> {
    const measure = new Measure();
    const chunks: Buffer[] = [];
    await pipeline(source, measure, new Writable({
      write(chunk: Buffer, _encoding, callback) {
        chunks.push(chunk);
        callback();
      },
    }));
    return { store: this.kind, key: '', sha256: measure.digest(), size: measure.size, head: measure.head(), inline: Buffer.concat(chunks) };
  }

  async get(ref: FileRef): Promise<Readable> {
    const row = await this.#db.models.File.findOne({ where: { orgId: ref.orgId, id: ref.key }, attributes: ['content'] });
    if (!row?.content) throw new Error(`The database holds no content for file ${ref.key}.`);
    return Readable.from([row.content]);
  }

  async delete(ref: FileRef): Promise<void> {
    await this.#db.write((transaction) => this.#db.models.File.update({ content: null }, { where: { orgId: ref.orgId, id: ref.key }, transaction }));
  }

  async exists(ref: FileRef): Promise<boolean> {
    const found = await this.#db.models.File.count({ where: { orgId: ref.orgId, id: ref.key, store: 'database', content: { [Op.ne]: null } } });
    return found > 0;
  }

  async *listOlderThan(): AsyncIterable<string> {
    // A content of this store is its row: it cannot outlive it.
  }

  async removeStale(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}
}
