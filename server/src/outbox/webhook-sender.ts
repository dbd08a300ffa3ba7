import type { Database } from '../db/database.js';
import { hmac } from '../lib/crypto.js';
import type { WebhookPayload } from './enqueue.js';

/** How long a receiver may take to answer before the delivery counts as failed and is retried. */
const timeoutMs = 10_000;

/**
 * The signature header's value for a body: `sha256=` and the hex HMAC-SHA256 of the exact bytes
 * sent, keyed with the webhook's secret, so a receiver can check the body came from this service.
 */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${hmac(secret, body)}`;
}

/**
 * POSTs one webhook event, signed. The URL and secret are read now, so a changed or removed webhook
 * is honoured; a removed one has nobody to deliver to and counts as done. A non-2xx answer throws.
 */
export async function sendWebhook(db: Database, orgId: string, payload: WebhookPayload): Promise<void> {
  const hook = await db.models.Webhook.findOne({ where: { orgId, id: payload.webhookId } });
  if (!hook) return;
  const body = JSON.stringify(payload.body);
  const response = await fetch(hook.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-citizen-counter-event': payload.body.type,
      'x-citizen-counter-signature': webhookSignature(hook.secret, body),
    },
    body,
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`Webhook answered ${response.status}`);
}
