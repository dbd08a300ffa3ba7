import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Database } from '../db/database.js';
import type { WebhookPayload } from './enqueue.js';
import { signWebhook } from './webhook-signature.js';
import { checkWebhookUrlForm, guardedLookup, isWebhookTargetRefused, type WebhookTargetConfig } from './webhook-targets.js';

/** How long a receiver may take to answer before the delivery counts as failed and is retried. */
/** Milliseconds a receiver has to start its answer. */
export const webhookTimeoutMs = 10_000;

/** What one delivery attempt did, for the outbox and the webhook's delivery log. */
export interface WebhookAttempt {
  /** The webhook delivered to; `null` when it was removed meanwhile (nobody to deliver to: done). */
  webhookId: string | null;
  /** `true` for a 2xx answer. */
  ok: boolean;
  /** The receiver's HTTP status, `null` when none came (refused, unreachable, timed out). */
  statusCode: number | null;
  /** Why the attempt failed, `null` when it succeeded. */
  error: string | null;
  durationMs: number;
  /** `true` when retrying cannot help: the target is one the rules refuse. */
  permanent: boolean;
}

/** What the sender needs: the database for the webhook's current URL and secret, the target rules, the clock. */
export interface WebhookSenderDeps {
  db: Database;
  targets: WebhookTargetConfig;
  now: () => Date;
}

/**
 * POSTs one webhook event, signed the Standard Webhooks way (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`). The URL and secret are read now, so a changed or removed webhook is
 * honoured. The target rules are applied to the address actually connected to; redirects are not
 * followed (a 3xx is a failed attempt, like any answer but a 2xx). Never throws.
 */
export async function sendWebhook(deps: WebhookSenderDeps, orgId: string, payload: WebhookPayload): Promise<WebhookAttempt> {
  const hook = await deps.db.models.Webhook.findOne({ where: { orgId, id: payload.webhookId } });
  if (!hook) return { webhookId: null, ok: true, statusCode: null, error: null, durationMs: 0, permanent: false };
  const body = JSON.stringify(payload.body);
  const started = performance.now();
  const finish = (result: Pick<WebhookAttempt, 'ok' | 'statusCode' | 'error' | 'permanent'>): WebhookAttempt => ({
    webhookId: hook.id,
    ...result,
    durationMs: Math.round(performance.now() - started),
  });
  try {
    const url = new URL(hook.url);
    checkWebhookUrlForm(deps.targets, url);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'CitizenCounter-Webhooks',
      ...signWebhook(hook.secret, payload.body.id, deps.now(), body),
    };
    const statusCode = await post(url, headers, body, deps.targets);
    const ok = statusCode >= 200 && statusCode < 300;
    return finish({ ok, statusCode, error: ok ? null : `The receiver answered ${statusCode}.`, permanent: false });
  } catch (error) {
    // A name that does not resolve now may resolve later (DNS down): only a refused address or form is final.
    if (isWebhookTargetRefused(error) && error.problem !== 'unresolvable') {
      return finish({ ok: false, statusCode: null, error: `Undeliverable: ${error.message}`, permanent: true });
    }
    return finish({ ok: false, statusCode: null, error: describe(error), permanent: false });
  }
}

/** One POST without following redirects; answers the status once the response starts. */
function post(url: URL, headers: Record<string, string>, body: string, targets: WebhookTargetConfig): Promise<number> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      url,
      // A fresh connection each time (no agent pool): every connection goes through the guarded lookup.
      { method: 'POST', headers, agent: false, lookup: guardedLookup(targets), signal: AbortSignal.timeout(webhookTimeoutMs) },
      (response: IncomingMessage) => {
        // The body is not needed; reading it lets the socket close cleanly.
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

function describe(error: unknown): string {
  if (error instanceof Error && error.name === 'AbortError') return `No answer within ${webhookTimeoutMs / 1000} s.`;
  if (error instanceof Error) return [(error as NodeJS.ErrnoException).code, error.message].filter(Boolean).join(': ');
  return String(error);
}
