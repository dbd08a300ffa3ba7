import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { rowFor } from '../db/insert.js';
import { newId } from '../lib/crypto.js';

/** One SMS as the outbox hands it over; `id` is the outbox row's, the same on every attempt. */
export interface SmsMessage {
  id: string;
  orgId: string;
  to: string;
  text: string;
}

/** Sends one SMS; throws when the gateway did not take it (the outbox retries). */
export interface SmsProvider {
  send(message: SmsMessage): Promise<void>;
}

/** Keeps messages in the database for `GET /dev/sms` instead of sending them. */
export function devSmsProvider(db: Database, now: () => Date): SmsProvider {
  return {
    async send(message) {
      await db.insert([rowFor(db.models.DevSms, { id: newId(), orgId: message.orgId, to: message.to, text: message.text, createdAt: now() })]);
    },
  };
}

/**
 * POSTs `{id, to, text}` as JSON to a gateway, with an optional bearer token. `id` — also sent as
 * `Idempotency-Key` — is the same on every attempt at one message, so a gateway that honours it
 * sends the message once even when an answer was lost (a timeout, a crash) and the outbox tried again.
 */
export function httpSmsProvider(url: string, token: string | null, timeoutMs: number): SmsProvider {
  return {
    async send(message) {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': message.id };
      if (token) headers['authorization'] = `Bearer ${token}`;
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ id: message.id, to: message.to, text: message.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** The provider the configuration asks for; the dev provider refuses to run in production. */
export function createSmsProvider(config: Config, db: Database): SmsProvider {
  if (config.sms.provider === 'http') return httpSmsProvider(config.sms.url, config.sms.token, config.smsTimeoutMs);
  if (config.production) throw new Error('SMS_PROVIDER=dev cannot run with NODE_ENV=production; configure SMS_PROVIDER=http.');
  return devSmsProvider(db, config.now);
}
