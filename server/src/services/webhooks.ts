import type { CreatedWebhook, Webhook, WebhookEventType } from '@citizen-counter/sdk';
import type { Database } from '../db/database.js';
import { presentWebhook } from '../presenters/org.js';
import { newId, randomToken } from '../lib/crypto.js';
import { webhookNotFound, webhookUrlInvalid } from '../errors/catalogue.js';

const allEvents: WebhookEventType[] = ['request.submitted', 'request.approved', 'request.rejected', 'request.replied'];

/** The org's webhooks. */
export async function listWebhooks(db: Database, params: { orgId: string }): Promise<Webhook[]> {
  const rows = await db.models.Webhook.findAll({ where: { orgId: params.orgId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  return rows.map(presentWebhook);
}

/** Adds a webhook (every event unless given); its signing secret is in this answer only. */
export async function createWebhook(
  db: Database,
  params: { orgId: string; url: string; events: WebhookEventType[] | undefined; now: Date },
): Promise<CreatedWebhook> {
  const { url } = params;
  // The schema checked the shape; whether the URL parses is a question only the URL parser answers.
  if (!URL.canParse(url)) throw webhookUrlInvalid();
  const events = params.events ?? allEvents;
  const secret = `whsec_${randomToken(24)}`;
  const row = await db.write((transaction) =>
    db.models.Webhook.create(
      { id: newId(), orgId: params.orgId, url, events: JSON.stringify([...new Set(events)]), secret, createdAt: params.now },
      { transaction },
    ),
  );
  return { ...presentWebhook(row), secret };
}

/** Removes a webhook. */
export async function removeWebhook(db: Database, params: { orgId: string; webhookId: string }): Promise<void> {
  const removed = await db.write((transaction) =>
    db.models.Webhook.destroy({ where: { orgId: params.orgId, id: params.webhookId }, transaction }),
  );
  if (removed === 0) throw webhookNotFound();
}
