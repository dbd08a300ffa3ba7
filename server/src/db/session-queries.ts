import type { Database } from './database.js';
import { toDate } from './sql-text.js';

/** What authentication reads of a session. */
export interface SessionRecord {
  id: string;
  citizenId: string;
  expiresAt: Date;
  lastSeenAt: Date;
}

/** The org's session with this token hash, or `null`; the fast path, off Sequelize on SQLite. */
export async function findSessionByTokenHash(db: Database, orgId: string, tokenHash: string): Promise<SessionRecord | null> {
  const [found] = await db.reader.all<{ id: string; citizenId: string; expiresAt: string | Date; lastSeenAt: string | Date }>(
    'SELECT "id", "citizenId", "expiresAt", "lastSeenAt" FROM "sessions" WHERE "orgId" = ? AND "tokenHash" = ?',
    [orgId, tokenHash],
  );
  return found ? { ...found, expiresAt: toDate(found.expiresAt), lastSeenAt: toDate(found.lastSeenAt) } : null;
}
