import type { CreatedWebhook, WebhookEventType } from '@citizen-counter/sdk';
import type { Database } from '../db/database.js';
import { fieldRequired, invalidInput, notFound } from '../errors/app-error.js';
import type { WebhookRow } from '../models/index.js';
import { presentWebhook } from '../presenters/org.js';
import { newId, randomToken } from './crypto.js';
import { isObject } from './org-settings.js';

const allEvents: WebhookEventType[] = ['request.submitted', 'request.approved', 'request.rejected', 'request.replied'];

/** The org's webhooks. */
export function listWebhooks(db: Database, params: { orgId: string }): Promise<WebhookRow[]> {
  return db.models.Webhook.findAll({ where: { orgId: params.orgId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
}

/** Adds a webhook (every event unless given); its signing secret is in this answer only. */
export async function createWebhook(db: Database, params: { orgId: string; body: unknown; now: Date }): Promise<CreatedWebhook> {
  const body = isObject(params.body) ? params.body : {};
  const url = typeof body['url'] === 'string' ? body['url'].trim() : '';
  if (!url) throw fieldRequired('url');
  if (!/^https?:\/\/\S+$/.test(url) || url.length > 2000 || !URL.canParse(url)) throw invalidInput('url must be an http(s) URL.', { field: 'url' });
  const events = body['events'] === undefined ? allEvents : body['events'];
  if (!Array.isArray(events) || events.length === 0 || !events.every((event) => allEvents.includes(event as WebhookEventType))) {
    throw invalidInput('events must be a list of known event types.', { field: 'events', allowed: allEvents });
  }
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
  if (removed === 0) throw notFound('not_found', 'There is no such webhook.');
}
