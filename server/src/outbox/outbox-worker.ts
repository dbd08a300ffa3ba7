import { Op } from 'sequelize';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { OutboxRow, WebhookDeliveryRow } from '../models/index.js';
import { removeStaleRows } from '../services/housekeeping.js';
import type { SmsPayload, WebhookPayload } from './enqueue.js';
import type { SmsProvider } from '../sms/providers.js';
import type { OutboxKicker } from '../types.js';
import { newId } from '../lib/crypto.js';
import { sendWebhook } from './webhook-sender.js';

/** A claim older than this is considered abandoned (its process died) and may be taken again. */
const claimTimeoutMs = 60_000;
const maxBackoffMs = 60 * 60 * 1000;
const batchSize = 20;
const deliverNowBudgetMs = 3_000;
const housekeepingEveryMs = 10 * 60 * 1000;

/**
 * Delivers outbox rows at least once: polls for due rows, claims them (PostgreSQL: `FOR UPDATE
 * SKIP LOCKED`, so several processes share the work; SQLite: inside the one writer), sends, and
 * reschedules failures with exponential backoff. Rows survive restarts because they are rows.
 */
export class OutboxWorker implements OutboxKicker {
  readonly #db: Database;
  readonly #config: Config;
  readonly #sms: SmsProvider;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #lastHousekeeping = 0;

  constructor(db: Database, config: Config, sms: SmsProvider) {
    this.#db = db;
    this.#config = config;
    this.#sms = sms;
  }

  /** Starts polling. */
  start(): void {
    this.#stopped = false;
    this.#schedule();
  }

  /** Stops polling and waits for the delivery in flight. */
  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#running;
  }

  /** Wakes the worker up now (after a commit that queued rows). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#running = this.#tick().finally(() => {
      this.#running = null;
      if (this.#again) {
        this.#again = false;
        this.kick();
      } else this.#schedule();
    });
  }

  /** Delivers the given rows right away, within a short budget; failures are left to the poller. */
  async deliverNow(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    const work = (async () => {
      const rows = await this.#claim(ids);
      await Promise.all(rows.map((row) => this.#deliver(row)));
    })().catch((error: unknown) => console.error('outbox: immediate delivery failed', error));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, deliverNowBudgetMs)))]);
    clearTimeout(timer);
  }

  /** Runs one poll: claims due rows and delivers them. Exposed for tests and the CLI. */
  async runOnce(): Promise<number> {
    const rows = await this.#claim(null);
    await Promise.all(rows.map((row) => this.#deliver(row)));
    return rows.length;
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => this.kick(), this.#config.outboxIntervalMs);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    try {
      while (!this.#stopped && (await this.runOnce()) === batchSize);
      // The worker already wakes up regularly; it also keeps the short-lived tables small.
      if (Date.now() - this.#lastHousekeeping > housekeepingEveryMs) {
        this.#lastHousekeeping = Date.now();
        await removeStaleRows({ db: this.#db, config: this.#config });
      }
    } catch (error) {
      console.error('outbox: poll failed', error);
    }
  }

  async #claim(ids: string[] | null): Promise<OutboxRow[]> {
    const { Outbox } = this.#db.models;
    const now = this.#config.now();
    return this.#db.write(async (transaction) => {
      const rows = await Outbox.findAll({
        where: {
          deliveredAt: null,
          failedAt: null,
          nextAttemptAt: { [Op.lte]: now },
          [Op.or]: [{ claimedAt: null }, { claimedAt: { [Op.lt]: new Date(now.getTime() - claimTimeoutMs) } }],
          ...(ids ? { id: ids } : {}),
        },
        order: [['nextAttemptAt', 'ASC']],
        limit: batchSize,
        transaction,
        ...(this.#db.dialect === 'postgres' ? { lock: true, skipLocked: true } : {}),
      });
      if (rows.length > 0) await Outbox.update({ claimedAt: now }, { where: { id: rows.map((row) => row.id) }, transaction });
      return rows;
    });
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const outcome = row.kind === 'sms' ? await this.#sendSms(row) : await this.#sendWebhook(row);
    const { Outbox, WebhookDelivery } = this.#db.models;
    const now = this.#config.now();
    const attempts = row.attempts + 1;
    const lastError = outcome.error?.slice(0, 1000) ?? null;
    const change =
      outcome.error === null
        ? { deliveredAt: now, claimedAt: null, lastError, attempts }
        : outcome.permanent
          ? // No retry can reach a target the rules refuse: the row is given up on, its reason kept.
            { failedAt: now, claimedAt: null, lastError, attempts }
          : { attempts, claimedAt: null, lastError, nextAttemptAt: new Date(now.getTime() + Math.min(1000 * 2 ** attempts, maxBackoffMs)) };
    await this.#db.write(async (transaction) => {
      await Outbox.update(change, { where: { id: row.id }, transaction });
      if (outcome.log) await WebhookDelivery.create({ ...outcome.log, id: newId(), orgId: row.orgId, attempt: attempts, attemptedAt: now }, { transaction });
    });
  }

  async #sendSms(row: OutboxRow): Promise<Outcome> {
    try {
      const payload = JSON.parse(row.payload) as SmsPayload;
      await this.#sms.send({ orgId: row.orgId, to: payload.to, text: payload.text });
      return { error: null, permanent: false, log: null };
    } catch (error) {
      return { error: String(error), permanent: false, log: null };
    }
  }

  async #sendWebhook(row: OutboxRow): Promise<Outcome> {
    const payload = JSON.parse(row.payload) as WebhookPayload;
    const attempt = await sendWebhook({ db: this.#db, targets: this.#config.webhooks, now: this.#config.now }, row.orgId, payload);
    // A removed webhook has nobody to deliver to and no log to show: the row is done.
    if (attempt.webhookId === null) return { error: null, permanent: false, log: null };
    const { webhookId, ok, statusCode, error, durationMs } = attempt;
    return {
      error: ok ? null : (error ?? 'failed'),
      permanent: attempt.permanent,
      log: { webhookId, eventId: payload.body.id, eventType: payload.body.type, ok, statusCode, error: error?.slice(0, 1000) ?? null, durationMs },
    };
  }
}

/** What one attempt at a row came to; `log` is the webhook delivery entry to record, if any. */
interface Outcome {
  error: string | null;
  permanent: boolean;
  log: Pick<WebhookDeliveryRow, 'webhookId' | 'eventId' | 'eventType' | 'ok' | 'statusCode' | 'error' | 'durationMs'> | null;
}
