import type { WebhookEvent } from './types.js';
import { WebhookVerificationError } from './webhook-verification-error.js';

/** The headers of a delivery: a `Headers` object or Node's `request.headers` (names in any case). */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

/** Options of {@link verifyWebhook}. */
export interface VerifyWebhookOptions {
  /**
   * How far `webhook-timestamp` may be from now, either way, before the delivery counts as a replay.
   * @default 300
   */
  toleranceSeconds?: number;
  /**
   * The time to judge the timestamp against.
   * @default new Date()
   */
  now?: Date;
}

const encoder = new TextEncoder();

/**
 * Checks a webhook delivery the Standard Webhooks way and answers its event: the `webhook-signature`
 * must hold a `v1,` HMAC-SHA256 of `webhook-id.webhook-timestamp.body` under the webhook's secret,
 * and the timestamp must be within `toleranceSeconds` of now. Pass the body exactly as received
 * (the raw text or bytes, not re-serialized JSON). Works in Node 20+ and browsers (WebCrypto).
 *
 * @example
 * ```ts
 * const event = await verifyWebhook(process.env.WEBHOOK_SECRET, request.headers, rawBody);
 * if (event.type === 'request.approved') archive(event.data.requestId);
 * ```
 * @throws {WebhookVerificationError} when a header is missing, the timestamp is out of the window,
 * or no signature matches.
 */
export async function verifyWebhook(
  secret: string,
  headers: WebhookHeaders,
  body: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): Promise<WebhookEvent> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures) throw new WebhookVerificationError('missing_headers', 'The webhook-id, webhook-timestamp and webhook-signature headers are required.');
  const seconds = /^\d{1,15}$/.test(timestamp) ? Number(timestamp) : Number.NaN;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (!(Math.abs(now - seconds) <= (options.toleranceSeconds ?? 300))) {
    throw new WebhookVerificationError('timestamp_out_of_window', 'The webhook-timestamp is too old or too new.');
  }
  const bytes = typeof body === 'string' ? encoder.encode(body) : body;
  const prefix = encoder.encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bytes.length);
  signed.set(prefix);
  signed.set(bytes, prefix.length);
  const key = await crypto.subtle.importKey('raw', secretKey(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
  for (const entry of signatures.split(' ')) {
    const [version, signature] = entry.split(',');
    if (version !== 'v1' || !signature) continue;
    const candidate = base64Bytes(signature);
    // subtle.verify compares in constant time.
    if (candidate && (await crypto.subtle.verify('HMAC', key, candidate, signed))) {
      return JSON.parse(typeof body === 'string' ? body : new TextDecoder().decode(body)) as WebhookEvent;
    }
  }
  throw new WebhookVerificationError('invalid_signature', 'No webhook-signature matches the body and the secret.');
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof Headers !== 'undefined' && headers instanceof Headers) return headers.get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

/** The key bytes of a `whsec_…` secret (base64; base64url is read too). */
function secretKey(secret: string): Uint8Array<ArrayBuffer> {
  const bytes = base64Bytes(secret.replace(/^whsec_/, ''));
  if (!bytes || bytes.length === 0) throw new TypeError('The webhook secret must be whsec_ followed by base64.');
  return bytes;
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | null {
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}
