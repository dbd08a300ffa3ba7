import type { Transaction } from 'sequelize';
import type { Database } from '../db/database.js';
import { AppError } from '../errors/app-error.js';
import { insertRow } from '../db/insert.js';
import { newId } from './crypto.js';

/** The scope of an `Idempotency-Key`: one citizen of one org. */
export interface IdempotencyScope {
  orgId: string;
  citizenId: string;
  key: string;
  requestHash: string;
}

/** A first answer to replay. */
export interface StoredResponse {
  status: number;
  body: unknown;
}

/** Reads an `Idempotency-Key` header: 1–255 visible characters, or none. */
export function readIdempotencyKey(value: string | undefined): string | null {
  if (value === undefined || value === '') return null;
  if (!/^[\x21-\x7e]{1,255}$/.test(value)) throw new AppError(400, 'invalid_input', 'Idempotency-Key must be 1–255 visible ASCII characters.', { field: 'Idempotency-Key' });
  return value;
}

/**
 * Stripe semantics: the same key with the same body answers with the first answer; with another
 * body it is a 422; a first attempt that has not finished is a 409. Answers `null` for a new key.
 */
export async function findReplay(db: Database, scope: IdempotencyScope): Promise<StoredResponse | null> {
  const [row] = await db.reader.all<{ requestHash: string; status: string; responseStatus: number | null; responseBody: string | null }>(
    'SELECT "requestHash", "status", "responseStatus", "responseBody" FROM "idempotency_keys" WHERE "orgId" = ? AND "citizenId" = ? AND "key" = ?',
    [scope.orgId, scope.citizenId, scope.key],
  );
  if (!row) return null;
  if (row.requestHash !== scope.requestHash) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was used with another request.');
  }
  if (row.status !== 'done' || row.responseStatus === null || row.responseBody === null) {
    throw new AppError(409, 'idempotency_in_progress', 'A request with this Idempotency-Key is still being processed.');
  }
  return { status: Number(row.responseStatus), body: JSON.parse(row.responseBody) as unknown };
}

/** Records the answer given to a key, in the same transaction as the work it answers for. */
export async function storeResponse(
  db: Database,
  scope: IdempotencyScope,
  response: StoredResponse,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await insertRow(
    db,
    db.models.IdempotencyKey,
    {
      id: newId(),
      orgId: scope.orgId,
      citizenId: scope.citizenId,
      key: scope.key,
      requestHash: scope.requestHash,
      status: 'done',
      responseStatus: response.status,
      responseBody: JSON.stringify(response.body),
      createdAt: now,
    },
    transaction,
  );
}
