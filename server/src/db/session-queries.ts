import type { Database } from './database.js';
import { runNamed, withClient } from './pg-internals.js';
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

/**
 * Records that a session was used at `at`. On PostgreSQL one named UPDATE on its own (it needs no
 * transaction); on SQLite through the one writer.
 */
export async function touchSession(db: Database, params: { orgId: string; sessionId: string; at: Date }): Promise<void> {
  const { orgId, sessionId, at } = params;
  if (db.dialect === 'postgres') {
    await withClient(db.sequelize, (client) =>
      runNamed(client, 'UPDATE "sessions" SET "lastSeenAt" = $1 WHERE "orgId" = $2 AND "id" = $3', [at, orgId, sessionId]),
    );
    return;
  }
  await db.write((transaction) => db.models.Session.update({ lastSeenAt: at }, { where: { orgId, id: sessionId }, transaction }));
}
