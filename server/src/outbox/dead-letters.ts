import type { DeadLetter } from '@citizen-counter/sdk';
import { Op } from 'sequelize';
import { notFound } from '../errors/app-error.js';
import type { OutboxRow } from '../models/index.js';
import type { OutboxKicker, StoreDeps } from '../types.js';
import type { SmsPayload, WebhookPayload } from './enqueue.js';

/** A dead letter as staff and operators see it: who or what it was for, never an SMS text. */
function present(row: OutboxRow): DeadLetter {
  const sms = row.kind === 'sms' ? (JSON.parse(row.payload) as SmsPayload) : null;
  const webhook = row.kind === 'webhook' ? (JSON.parse(row.payload) as WebhookPayload) : null;
  return {
    id: row.id,
    orgId: row.orgId,
    kind: row.kind,
    to: sms?.to ?? null,
    webhookId: webhook?.webhookId ?? null,
    eventType: webhook?.body.type ?? null,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    failedAt: (row.failedAt ?? row.createdAt).toISOString(),
    replayable: sms === null || (sms.secret !== true && sms.text !== null),
  };
}

/** The newest 100 dead letters, of one org or of all. */
export async function listDeadLetters(deps: StoreDeps, params: { orgId?: string | undefined }): Promise<DeadLetter[]> {
  const rows = await deps.db.models.Outbox.findAll({
    where: { deliveredAt: null, failedAt: { [Op.ne]: null }, ...(params.orgId ? { orgId: params.orgId } : {}) },
    order: [['failedAt', 'DESC'], ['id', 'DESC']],
    limit: 100,
  });
  return rows.map(present);
}

/**
 * Puts a dead letter back in the queue, due now with its attempts counted afresh (its id, and so its
 * idempotency key, unchanged). 404 for anything else — a delivered or waiting message, another
 * org's, or a login code, which is never sent late. The service's worker is woken up; from the CLI
 * the running service takes it at its next poll.
 */
export async function replayDeadLetter(deps: StoreDeps & { outbox?: OutboxKicker }, params: { id: string; orgId?: string | undefined }): Promise<void> {
  const { Outbox } = deps.db.models;
  const replayed = await deps.db.write(async (transaction) => {
    const row = await Outbox.findOne({
      where: { id: params.id, deliveredAt: null, failedAt: { [Op.ne]: null }, ...(params.orgId ? { orgId: params.orgId } : {}) },
      transaction,
    });
    if (!row || !present(row).replayable) return false;
    await Outbox.update(
      { failedAt: null, attempts: 0, claimedAt: null, nextAttemptAt: deps.config.now(), lastError: `Replayed after: ${row.lastError ?? 'failure'}`.slice(0, 1000) },
      { where: { id: row.id }, transaction },
    );
    return true;
  });
  if (!replayed) throw notFound('not_found', 'There is no dead letter with that id to replay.');
  // The CLI has no worker: the running service picks the row up at its next poll.
  deps.outbox?.kick();
}
