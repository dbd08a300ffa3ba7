import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** The signing headers of one delivery, as the Standard Webhooks specification names them. */
export interface WebhookSignatureHeaders {
  /** The event id: the same in every retry, so receivers can drop duplicates. */
  'webhook-id': string;
  /** Unix seconds of this attempt; receivers refuse old ones (replays). */
  'webhook-timestamp': string;
  /** `v1,` and the base64 HMAC-SHA256 of `id.timestamp.body` under the secret's key. */
  'webhook-signature': string;
}

/** A new signing secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/**
 * The key bytes' base64 in the standard alphabet. Secrets made before the Standard Webhooks
 * scheme were base64url; both spell the same bytes, and the signing library reads only one.
 */
function standardBase64(secret: string): string {
  return secret.replace(/^whsec_/, '').replace(/-/g, '+').replace(/_/g, '/');
}

/** Signs one attempt of a delivery: `body` must be the exact text sent. */
export function signWebhook(secret: string, id: string, timestamp: Date, body: string): WebhookSignatureHeaders {
  const seconds = Math.floor(timestamp.getTime() / 1000);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(seconds),
    'webhook-signature': new Webhook(standardBase64(secret)).sign(id, new Date(seconds * 1000), body),
  };
}
