import { Op } from 'sequelize';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { OutboxRow } from '../models/index.js';
import { removeStaleRows } from '../services/housekeeping.js';
import type { SmsPayload, WebhookPayload } from './enqueue.js';
import type { SmsProvider } from '../sms/providers.js';
import type { OutboxKicker } from '../types.js';
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
    const { Outbox } = this.#db.models;
    try {
      if (row.kind === 'sms') {
        const payload = JSON.parse(row.payload) as SmsPayload;
        await this.#sms.send({ orgId: row.orgId, to: payload.to, text: payload.text });
      } else {
        await sendWebhook(this.#db, row.orgId, JSON.parse(row.payload) as WebhookPayload);
      }
      await this.#db.write((transaction) =>
        Outbox.update({ deliveredAt: this.#config.now(), claimedAt: null, lastError: null }, { where: { id: row.id }, transaction }),
      );
    } catch (error) {
      const attempts = row.attempts + 1;
      const delay = Math.min(1000 * 2 ** attempts, maxBackoffMs);
      await this.#db.write((transaction) =>
        Outbox.update(
          { attempts, claimedAt: null, lastError: String(error).slice(0, 1000), nextAttemptAt: new Date(this.#config.now().getTime() + delay) },
          { where: { id: row.id }, transaction },
        ),
      );
    }
  }
}
