import type { CitizenRequest, RequestChange, WebhookEventType } from '@citizen-counter/sdk';
import type { Transaction } from 'sequelize';
import type { Database } from '../db/database.js';
import { insertRow } from '../db/insert.js';
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

/** Queues an SMS in the caller's transaction; `dedupeKey` makes a repeated enqueue a no-op; `secret` for a login code. */
export async function enqueueSms(
  db: Database,
  params: { orgId: string; to: string; text: string; secret?: boolean; dedupeKey: string; now: Date; transaction: Transaction },
): Promise<string> {
  const id = newId();
  const payload: SmsPayload = params.secret ? { to: params.to, text: params.text, secret: true } : { to: params.to, text: params.text };
  await insertRow(
    db,
    db.models.Outbox,
    { id, orgId: params.orgId, kind: 'sms', payload: JSON.stringify(payload), dedupeKey: params.dedupeKey, attempts: 0, nextAttemptAt: params.now, deliveredAt: null, lastError: null, claimedAt: null, failedAt: null, createdAt: params.now },
    params.transaction,
  );
  return id;
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
  const { transaction, now } = params;
  const hooks = params.hooks ?? (await db.models.Webhook.findAll({ where: { orgId: params.orgId }, transaction }));
  const ids: string[] = [];
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
    await insertRow(
      db,
      db.models.Outbox,
      {
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
      },
      transaction,
    );
  }
  return ids;
}
