import type { CreatedWebhook, Webhook, WebhookDelivery, WebhookEventType } from '@citizen-counter/sdk';
import { WebhookEventTypeSchema } from '@citizen-counter/sdk/schemas';
import type { StoreDeps } from '../types.js';
import { presentWebhook, presentWebhookDelivery } from '../presenters/org.js';
import { newId } from '../lib/crypto.js';
import { newWebhookSecret } from '../outbox/webhook-signature.js';
import { webhookNotFound, webhookUrlInvalid, webhookUrlNotAllowed } from '../errors/catalogue.js';
import { checkWebhookTarget, isWebhookTargetRefused } from '../outbox/webhook-targets.js';

/** Every event a webhook can receive: the ones it gets when it names none. */
const allEvents: WebhookEventType[] = WebhookEventTypeSchema.anyOf.map((literal) => literal.const);

/** The org's webhooks. */
export async function listWebhooks(deps: StoreDeps, params: { orgId: string }): Promise<Webhook[]> {
  const { db } = deps;
  const rows = await db.models.Webhook.findAll({ where: { orgId: params.orgId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  return rows.map(presentWebhook);
}

/**
 * Adds a webhook (every event unless given); its signing secret is in this answer only. A URL the
 * target rules refuse (not https, credentials in it, a host that is or resolves to a private
 * address) is 400 `webhook_url_not_allowed` and nothing is stored.
 */
export async function createWebhook(
  deps: StoreDeps,
  params: { orgId: string; url: string; events: WebhookEventType[] | undefined },
): Promise<CreatedWebhook> {
  const { db } = deps;
  const { url } = params;
  // The schema checked the shape; whether the URL parses is a question only the URL parser answers.
  if (!URL.canParse(url)) throw webhookUrlInvalid();
  try {
    await checkWebhookTarget(deps.config.webhooks, new URL(url));
  } catch (error) {
    if (isWebhookTargetRefused(error)) throw webhookUrlNotAllowed(error.problem, error.message);
    throw error;
  }
  const events = params.events ?? allEvents;
  const secret = newWebhookSecret();
  const row = await db.write((transaction) =>
    db.models.Webhook.create(
      { id: newId(), orgId: params.orgId, url, events: JSON.stringify([...new Set(events)]), secret, createdAt: deps.config.now() },
      { transaction },
    ),
  );
  return { ...presentWebhook(row), secret };
}

/** How many delivery attempts a webhook's log shows. */
const deliveryLogSize = 50;

/** A webhook's latest delivery attempts, newest first; 404 when the org has no such webhook. */
export async function listWebhookDeliveries(deps: StoreDeps, params: { orgId: string; webhookId: string }): Promise<WebhookDelivery[]> {
  const { db } = deps;
  const { orgId, webhookId } = params;
  if ((await db.models.Webhook.count({ where: { orgId, id: webhookId } })) === 0) throw webhookNotFound();
  const rows = await db.models.WebhookDelivery.findAll({
    where: { orgId, webhookId },
    order: [['attemptedAt', 'DESC'], ['attempt', 'DESC'], ['id', 'DESC']],
    limit: deliveryLogSize,
  });
  return rows.map(presentWebhookDelivery);
}

/** Removes a webhook and its delivery log. */
export async function removeWebhook(deps: StoreDeps, params: { orgId: string; webhookId: string }): Promise<void> {
  const { db } = deps;
  const { orgId, webhookId } = params;
  const removed = await db.write(async (transaction) => {
    const count = await db.models.Webhook.destroy({ where: { orgId, id: webhookId }, transaction });
    await db.models.WebhookDelivery.destroy({ where: { orgId, webhookId }, transaction });
    return count;
  });
  if (removed === 0) throw webhookNotFound();
}
