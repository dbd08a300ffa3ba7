import type { Transaction } from 'sequelize';
import type { Database } from './database.js';

/**
 * Takes a PostgreSQL advisory lock on `key` until the transaction ends, so writers of the same key
 * (in any process sharing the database) take turns. On SQLite it does nothing: there is one writer.
 */
export async function lockForTransaction(db: Database, key: string, transaction: Transaction): Promise<void> {
  if (db.dialect !== 'postgres') return;
  await db.sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:key))', { replacements: { key }, transaction });
}
