import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import { newId } from '../lib/crypto.js';

/** Sends one SMS; throws when the gateway did not take it (the outbox retries). */
export interface SmsProvider {
  send(message: { orgId: string; to: string; text: string }): Promise<void>;
}

/** Keeps messages in the database for `GET /dev/sms` instead of sending them. */
export function devSmsProvider(db: Database, now: () => Date): SmsProvider {
  return {
    async send(message) {
      await db.write((transaction) =>
        db.models.DevSms.create({ id: newId(), orgId: message.orgId, to: message.to, text: message.text, createdAt: now() }, { transaction }),
      );
    },
  };
}

/** POSTs `{to, text}` as JSON to a gateway, with an optional bearer token. */
export function httpSmsProvider(url: string, token: string | null): SmsProvider {
  return {
    async send(message) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (token) headers['authorization'] = `Bearer ${token}`;
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to: message.to, text: message.text }),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
    },
  };
}

/** The provider the configuration asks for; the dev provider refuses to run in production. */
export function createSmsProvider(config: Config, db: Database): SmsProvider {
  if (config.sms.provider === 'http') return httpSmsProvider(config.sms.url, config.sms.token);
  if (config.production) throw new Error('SMS_PROVIDER=dev cannot run with NODE_ENV=production; configure SMS_PROVIDER=http.');
  return devSmsProvider(db, config.now);
}
