import type { CitizenRequest } from '@citizen-counter/sdk';
import type { Transaction } from 'sequelize';
import type { Deps, StoreDeps } from '../types.js';
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

/** The `Idempotency-Key` a citizen's call came with, with the hash of its body. */
export interface IdempotencyKeyInput {
  key: string;
  requestHash: string;
}

/** The scope of a citizen's key in an org, or `null` for a call without one. */
export function idempotencyScope(orgId: string, citizenId: string, idempotency: IdempotencyKeyInput | null): IdempotencyScope | null {
  return idempotency ? { orgId, citizenId, key: idempotency.key, requestHash: idempotency.requestHash } : null;
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

/** What a citizen's change to a request gives back from its transaction: the answer and the outbox rows to deliver. */
export interface ChangeResult {
  request: CitizenRequest;
  outbox: string[];
}

/**
 * A citizen's change to one of their requests (a supplement, an appeal) under an optional key: a
 * key already answered is answered again without running `work`; otherwise `work` runs in one
 * write transaction, the answer is recorded with it, and its outbox rows are delivered once it has
 * committed. A retry sent while the first attempt runs gets that attempt's answer.
 */
export async function idempotentChange(
  deps: Deps,
  scope: IdempotencyScope | null,
  work: (transaction: Transaction, now: Date) => Promise<ChangeResult>,
): Promise<{ request: CitizenRequest; replayed: boolean }> {
  if (scope) {
    const replay = await findReplay(deps, scope);
    if (replay) return { request: replay, replayed: true };
  }
  try {
    const result = await deps.db.write(async (transaction) => {
      const now = deps.config.now();
      const done = await work(transaction, now);
      if (scope) await storeResponse(deps, scope, done.request, now, transaction);
      return done;
    });
    await deps.outbox.deliverNow(result.outbox);
    return { request: result.request, replayed: false };
  } catch (error) {
    // A first attempt with the same key that committed meanwhile: this one failed on the key's
    // unique index, or earlier on what that attempt changed (an appeal finds the request no longer
    // rejected). Either way that attempt's answer is this one's.
    const replay = scope ? await findReplay(deps, scope) : null;
    if (replay) return { request: replay, replayed: true };
    throw error;
  }
}
