import type Koa from 'koa';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { Router } from '@koa/router';
import { Op, col, fn } from 'sequelize';
import { requireAdminKey, type KeyGuard } from '../middleware/key-guard.js';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { UploadBudget } from '../middleware/upload-budget.js';
import type { SmsProvider } from '../sms/providers.js';

/**
 * The service's Prometheus metrics, one registry per app (tests run several apps in one process):
 * requests by route pattern (never the raw path, whose ids would make one series per request),
 * their latency, the outbox backlog, its dead letters and its oldest waiting message (read from the
 * database on each scrape, so every process reports the shared outbox), SMS sent per org, upload
 * bytes in flight, and Node's own process metrics.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly #requests: Counter<'method' | 'route' | 'status'>;
  readonly #latency: Histogram<'method' | 'route'>;
  readonly #smsSent: Counter<'org'>;
  readonly #smsFailed: Counter<'org'>;

  constructor(db: Database) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'citizen_counter_' });
    this.#requests = new Counter({ name: 'citizen_counter_http_requests_total', help: 'HTTP answers by method, route pattern and status.', labelNames: ['method', 'route', 'status'], registers });
    this.#latency = new Histogram({
      name: 'citizen_counter_http_request_duration_seconds',
      help: 'Time to answer, by method and route pattern.',
      labelNames: ['method', 'route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.#smsSent = new Counter({ name: 'citizen_counter_sms_sent_total', help: 'SMS handed to the provider, by org.', labelNames: ['org'], registers });
    this.#smsFailed = new Counter({ name: 'citizen_counter_sms_failed_total', help: 'SMS the provider refused or did not take (retried by the outbox), by org.', labelNames: ['org'], registers });
    const outbox = async () => {
      const rows = (await db.models.Outbox.findAll({
        attributes: ['kind', [fn('COUNT', col('id')), 'n'], [fn('MIN', col('createdAt')), 'oldest']],
        where: { deliveredAt: null, failedAt: null },
        group: ['kind'],
        raw: true,
      })) as unknown as { kind: string; n: number | string; oldest: Date | string | null }[];
      const dead = (await db.models.Outbox.findAll({
        attributes: ['kind', [fn('COUNT', col('id')), 'n']],
        where: { deliveredAt: null, failedAt: { [Op.ne]: null } },
        group: ['kind'],
        raw: true,
      })) as unknown as { kind: string; n: number | string }[];
      return { rows, dead };
    };
    // The three outbox gauges of one scrape share one database read.
    let snapshot: ReturnType<typeof outbox> | null = null;
    const read = () => (snapshot ??= outbox().finally(() => setTimeout(() => (snapshot = null), 0)));
    new Gauge({
      name: 'citizen_counter_outbox_pending',
      help: 'Messages (sms, webhook) waiting in the outbox.',
      labelNames: ['kind'],
      registers,
      async collect() {
        this.reset();
        for (const kind of ['sms', 'webhook']) this.set({ kind }, 0);
        for (const row of (await read()).rows) this.set({ kind: row.kind }, Number(row.n));
      },
    });
    new Gauge({
      name: 'citizen_counter_outbox_oldest_pending_seconds',
      help: 'Age of the oldest message waiting in the outbox, by kind (0 when none).',
      labelNames: ['kind'],
      registers,
      async collect() {
        this.reset();
        for (const kind of ['sms', 'webhook']) this.set({ kind }, 0);
        for (const row of (await read()).rows) {
          if (row.oldest) this.set({ kind: row.kind }, Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000));
        }
      },
    });
    new Gauge({
      name: 'citizen_counter_outbox_dead',
      help: 'Messages the outbox gave up on (dead letters), by kind.',
      labelNames: ['kind'],
      registers,
      async collect() {
        this.reset();
        for (const kind of ['sms', 'webhook']) this.set({ kind }, 0);
        for (const row of (await read()).dead) this.set({ kind: row.kind }, Number(row.n));
      },
    });
  }

  /** Reports the upload bytes the process holds now, against its cap (`UPLOAD_BYTES_IN_FLIGHT`). */
  watchUploads(budget: UploadBudget, limit: number): void {
    new Gauge({
      name: 'citizen_counter_upload_bytes_in_flight',
      help: 'Upload bytes reserved by uploads in progress; new uploads get 503 past citizen_counter_upload_bytes_limit.',
      registers: [this.registry],
      collect() {
        this.set(budget.inFlight);
      },
    });
    new Gauge({ name: 'citizen_counter_upload_bytes_limit', help: 'UPLOAD_BYTES_IN_FLIGHT.', registers: [this.registry] }).set(limit);
  }

  /** Counts every answer by its route pattern; put it outside the error handler to see the final status. */
  middleware(): Koa.Middleware {
    return async (ctx, next) => {
      const stop = this.#latency.startTimer();
      try {
        await next();
      } finally {
        const matched = (ctx as Koa.Context & { _matchedRoute?: string | RegExp })._matchedRoute;
        const route = typeof matched === 'string' ? matched : ctx.path.startsWith('/widget/') ? '/widget/*' : 'unmatched';
        stop({ method: ctx.method, route });
        this.#requests.inc({ method: ctx.method, route, status: String(ctx.status) });
      }
    };
  }

  /** The SMS provider, counting what it sends and what fails per org. */
  countSms(provider: SmsProvider): SmsProvider {
    return {
      send: async (message) => {
        try {
          await provider.send(message);
          this.#smsSent.inc({ org: message.orgId });
        } catch (error) {
          this.#smsFailed.inc({ org: message.orgId });
          throw error;
        }
      },
    };
  }
}

/** `GET /metrics` in the Prometheus text format, behind the operator key (`Authorization: Bearer $ADMIN_KEY`). */
export function metricsRoutes(metrics: Metrics, config: Pick<Config, 'adminKey'>, keyGuard: KeyGuard): Router {
  const router = new Router();
  router.get('/metrics', requireAdminKey(keyGuard, config), async (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/plain';
    ctx.body = await metrics.registry.metrics();
  });
  return router;
}
