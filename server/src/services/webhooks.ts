import type { CreatedWebhook, Webhook, WebhookEventType } from '@citizen-counter/sdk';
import { WebhookEventTypeSchema } from '@citizen-counter/sdk/schemas';
import type { StoreDeps } from '../types.js';
import { presentWebhook } from '../presenters/org.js';
import { newId, randomToken } from '../lib/crypto.js';
import { webhookNotFound, webhookUrlInvalid } from '../errors/catalogue.js';

/** Every event a webhook can receive: the ones it gets when it names none. */
const allEvents: WebhookEventType[] = WebhookEventTypeSchema.anyOf.map((literal) => literal.const);

/** The org's webhooks. */
export async function listWebhooks(deps: StoreDeps, params: { orgId: string }): Promise<Webhook[]> {
  const { db } = deps;
  const rows = await db.models.Webhook.findAll({ where: { orgId: params.orgId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  return rows.map(presentWebhook);
}

/** Adds a webhook (every event unless given); its signing secret is in this answer only. */
export async function createWebhook(
  deps: StoreDeps,
  params: { orgId: string; url: string; events: WebhookEventType[] | undefined },
): Promise<CreatedWebhook> {
  const { db } = deps;
  const { url } = params;
  // The schema checked the shape; whether the URL parses is a question only the URL parser answers.
  if (!URL.canParse(url)) throw webhookUrlInvalid();
  const events = params.events ?? allEvents;
  const secret = `whsec_${randomToken(24)}`;
  const row = await db.write((transaction) =>
    db.models.Webhook.create(
      { id: newId(), orgId: params.orgId, url, events: JSON.stringify([...new Set(events)]), secret, createdAt: deps.config.now() },
      { transaction },
    ),
  );
  return { ...presentWebhook(row), secret };
}

/** Removes a webhook. */
export async function removeWebhook(deps: StoreDeps, params: { orgId: string; webhookId: string }): Promise<void> {
  const { db } = deps;
  const removed = await db.write((transaction) =>
    db.models.Webhook.destroy({ where: { orgId: params.orgId, id: params.webhookId }, transaction }),
  );
  if (removed === 0) throw webhookNotFound();
}
