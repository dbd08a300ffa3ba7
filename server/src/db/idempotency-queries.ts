import type { Database } from './database.js';

/** A remembered `Idempotency-Key`: the body hash it came with and the first answer, once there is one. */
export interface IdempotencyRecord {
  requestHash: string;
  status: string;
  responseStatus: number | null;
  responseBody: string | null;
}

/** The key as one citizen of one org used it, or `null`. */
export async function findIdempotencyKey(
  db: Database,
  scope: { orgId: string; citizenId: string; key: string },
): Promise<IdempotencyRecord | null> {
  const [row] = await db.reader.all<IdempotencyRecord>(
    'SELECT "requestHash", "status", "responseStatus", "responseBody" FROM "idempotency_keys" WHERE "orgId" = ? AND "citizenId" = ? AND "key" = ?',
    [scope.orgId, scope.citizenId, scope.key],
  );
  return row ?? null;
}
