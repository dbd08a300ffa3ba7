import type { CitizenRequest } from '@citizen-counter/sdk';
import type { Transaction } from 'sequelize';
import type { StoreDeps } from '../types.js';
import { findIdempotencyKey } from '../db/idempotency-queries.js';
import { insertRows, rowFor, type InsertRow } from '../db/insert.js';
import { newId } from '../lib/crypto.js';
import { idempotencyInProgress, idempotencyKeyReused } from '../errors/catalogue.js';

/** The scope of an `Idempotency-Key`: one citizen of one org. */
export interface IdempotencyScope {
  orgId: string;
  citizenId: string;
  key: string;
  requestHash: string;
}

/**
 * The status stored with every first answer. The column predates this service's only idempotent
 * route, which always answers 201 Created (a replay too), so the route decides and this is a record.
 */
const storedStatus = 201;

/**
 * Stripe semantics: the same key with the same body answers with the first answer; with another
 * body it is a 422; a first attempt that has not finished is a 409. Answers `null` for a new key.
 */
export async function findReplay(deps: StoreDeps, scope: IdempotencyScope): Promise<CitizenRequest | null> {
  const { db } = deps;
  const row = await findIdempotencyKey(db, scope);
  if (!row) return null;
  if (row.requestHash !== scope.requestHash) {
    throw idempotencyKeyReused();
  }
  if (row.status !== 'done' || row.responseStatus === null || row.responseBody === null) {
    throw idempotencyInProgress();
  }
  // Written by storeResponse from a presented request, so it has that shape.
  return JSON.parse(row.responseBody) as CitizenRequest;
}

/** Records the answer given to a key, in the same transaction as the work it answers for. */
export async function storeResponse(
  deps: StoreDeps,
  scope: IdempotencyScope,
  response: CitizenRequest,
  now: Date,
  transaction: Transaction,
): Promise<void> {
  await insertRows(deps.db, [responseRow(deps, scope, response, now)], transaction);
}

/** The row that records the answer given to a key, for a caller that inserts it with the work's own rows. */
export function responseRow(deps: StoreDeps, scope: IdempotencyScope, response: CitizenRequest, now: Date): InsertRow {
  return rowFor(deps.db.models.IdempotencyKey, {
    id: newId(),
    orgId: scope.orgId,
    citizenId: scope.citizenId,
    key: scope.key,
    requestHash: scope.requestHash,
    status: 'done',
    responseStatus: storedStatus,
    responseBody: JSON.stringify(response),
    createdAt: now,
  });
}
