import type { CitizenRequest, RequestChange, WebhookEventType } from '@citizen-counter/sdk';
import type { Transaction } from 'sequelize';
import type { Database } from '../db/database.js';
import { insertRows, rowFor, type InsertRow } from '../db/insert.js';
import { newId } from '../lib/crypto.js';

/**
 * What an SMS outbox row carries. A `secret` message (a login code) loses its text once delivered
 * or given up on: no code stays in clear in the database.
 */
export interface SmsPayload {
  to: string;
  text: string | null;
  secret?: true;
}

/** What a webhook outbox row carries; the URL and secret are read at delivery time. */
export interface WebhookPayload {
  webhookId: string;
  body: { id: string; type: WebhookEventType; createdAt: string; data: CitizenRequest | RequestChange };
}

/** What an SMS outbox row is made of. */
export interface SmsParams {
  orgId: string;
  to: string;
  text: string;
  secret?: boolean;
  dedupeKey: string;
  now: Date;
}

/** Queues an SMS in the caller's transaction; `dedupeKey` makes a repeated enqueue a no-op; `secret` for a login code. */
export async function enqueueSms(db: Database, params: SmsParams & { transaction: Transaction }): Promise<string> {
  const { id, row } = smsRow(db, params);
  await insertRows(db, [row], params.transaction);
  return id;
}

/** The outbox row of an SMS, for a caller that inserts it with others ({@link Database.insert}). */
export function smsRow(db: Database, params: SmsParams): { id: string; row: InsertRow } {
  const id = newId();
  const payload: SmsPayload = params.secret ? { to: params.to, text: params.text, secret: true } : { to: params.to, text: params.text };
  const row = rowFor(db.models.Outbox, {
    id, orgId: params.orgId, kind: 'sms', payload: JSON.stringify(payload), dedupeKey: params.dedupeKey, attempts: 0,
    nextAttemptAt: params.now, deliveredAt: null, lastError: null, claimedAt: null, failedAt: null, createdAt: params.now,
  });
  return { id, row };
}

/** Queues one delivery per webhook of the org that listens to `type`, in the caller's transaction. */
export async function enqueueWebhooks(
  db: Database,
  params: {
    orgId: string;
    type: WebhookEventType;
    subjectId: string;
    /** The request (`request.submitted`) or the change made to it (the others). */
    data: CitizenRequest | RequestChange;
    now: Date;
    transaction: Transaction;
    /** The org's webhooks when the caller read them already. */
    hooks?: { id: string; events: string }[];
  },
): Promise<string[]> {
  const { transaction } = params;
  const hooks = params.hooks ?? (await db.models.Webhook.findAll({ where: { orgId: params.orgId }, transaction }));
  const { ids, rows } = webhookRows(db, { ...params, hooks });
  await insertRows(db, rows, transaction);
  return ids;
}

/** The outbox rows of one event, one per webhook of the org that listens to `type`. */
export function webhookRows(
  db: Database,
  params: {
    orgId: string;
    type: WebhookEventType;
    subjectId: string;
    data: CitizenRequest | RequestChange;
    now: Date;
    hooks: { id: string; events: string }[];
  },
): { ids: string[]; rows: InsertRow[] } {
  const { now, hooks } = params;
  const ids: string[] = [];
  const rows: InsertRow[] = [];
  const eventId = newId();
  for (const hook of hooks) {
    const events = JSON.parse(hook.events) as WebhookEventType[];
    if (!events.includes(params.type)) continue;
    const payload: WebhookPayload = {
      webhookId: hook.id,
      body: { id: eventId, type: params.type, createdAt: now.toISOString(), data: params.data },
    };
    const id = newId();
    ids.push(id);
    rows.push(
      rowFor(db.models.Outbox, {
        id,
        orgId: params.orgId,
        kind: 'webhook',
        payload: JSON.stringify(payload),
        dedupeKey: `${params.type}:${params.subjectId}:${eventId}:${hook.id}`,
        attempts: 0,
        deliveredAt: null,
        lastError: null,
        claimedAt: null,
        failedAt: null,
        nextAttemptAt: now,
        createdAt: now,
      }),
    );
  }
  return { ids, rows };
}
