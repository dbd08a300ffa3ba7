import type { Database } from './database.js';

/** Answers when the database answers a trivial query; throws when it cannot be reached. */
export async function pingDatabase(db: Database): Promise<void> {
  await db.sequelize.query('SELECT 1');
}
