import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
 * Any 2xx is taken; anything else (a redirect too) is a failure the outbox retries. The connections
 * to the gateway are kept alive and reused (one TCP and TLS handshake for many messages), through
 * node:http rather than `fetch`, which cost several times as much CPU per message.
 */
export function httpSmsProvider(url: string, token: string | null, timeoutMs: number): SmsProvider {
  const target = new URL(url);
  const secure = target.protocol === 'https:';
  const agent = secure ? new HttpsAgent({ keepAlive: true }) : new HttpAgent({ keepAlive: true });
  const post = secure ? httpsRequest : httpRequest;
  return {
    send(message) {
      const body = JSON.stringify({ id: message.id, to: message.to, text: message.text });
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(body)),
        'idempotency-key': message.id,
      };
      if (token) headers['authorization'] = `Bearer ${token}`;
      return new Promise<void>((resolve, reject) => {
        const request = post(target, { method: 'POST', headers, agent, signal: AbortSignal.timeout(timeoutMs) }, (response) => {
          // The answer's body is not needed; reading it frees the connection for the next message.
          response.resume();
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`SMS gateway answered ${status}`));
        });
        request.on('error', (error: Error) => {
          reject(error.name === 'AbortError' ? new Error(`No answer from the SMS gateway within ${timeoutMs / 1000} s`) : error);
        });
        request.end(body);
      });
    },
  };
}

/** The provider the configuration asks for; the dev provider refuses to run in production. */
export function createSmsProvider(config: Config, db: Database): SmsProvider {
  if (config.sms.provider === 'http') return httpSmsProvider(config.sms.url, config.sms.token, config.smsTimeoutMs);
  if (config.production) throw new Error('SMS_PROVIDER=dev cannot run with NODE_ENV=production; configure SMS_PROVIDER=http.');
  return devSmsProvider(db, config.now);
}
