import type { Transaction } from 'sequelize';
import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { OutboxRow, WebhookDeliveryRow } from '../models/index.js';
import { removeStaleRows } from '../services/housekeeping.js';
import { orphanGraceMs, removeOrphanFiles } from '../storage/orphans.js';
import { removeExpiredFiles } from '../services/retention.js';
import type { Logger } from '../lib/logger.js';
import type { FileStores } from '../storage/stores.js';
import type { SmsPayload, WebhookPayload } from './enqueue.js';
import type { SmsProvider } from '../sms/providers.js';
import type { OutboxKicker } from '../types.js';
import { newId } from '../lib/crypto.js';
import { runNamed, withClient } from '../db/pg-internals.js';
import { allPrepared, runPrepared, transactionConnection } from '../db/sqlite-internals.js';
import { sqliteDate } from '../db/sql-text.js';
import { sendWebhook, webhookTimeoutMs } from './webhook-sender.js';

const maxBackoffMs = 60 * 60 * 1000;
/**
 * Attempts before a message becomes a dead letter (`failedAt`), kept for staff and operators to see
 * and replay: a webhook gets about a day (the waits double up to an hour); an SMS fewer; a login
 * code only about a minute's worth — a code that arrives later than that is of no use.
 */
const maxAttempts = { webhook: 15, sms: 10, code: 5 } as const;
const batchSize = 20;
const deliverNowBudgetMs = 3_000;
const housekeepingEveryMs = 10 * 60 * 1000;

/**
 * Delivers outbox rows at least once, and once to a receiver that honours its key: polls for due
 * rows, claims them (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so several processes share the work;
 * SQLite: inside the one writer), sends with the row's stable id as the idempotency key (SMS:
 * `Idempotency-Key` and `id`; webhooks: `webhook-id`), and reschedules failures with exponential
 * backoff and jitter up to {@link maxAttempts}, then keeps them as dead letters. A claim outlives
 * any attempt (six times the longest timeout), so a slow gateway's message is not claimed twice at
 * once; a claim left by a process that died is taken again after it. Rows survive restarts.
 */
export class OutboxWorker implements OutboxKicker {
  readonly #db: Database;
  readonly #files: FileStores | null;
  readonly #logger: Pick<Logger, 'info'> | undefined;
  #lastOrphanSweep = 0;
  readonly #config: Config;
  readonly #sms: SmsProvider;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #again = false;
  #stopped = true;
  #lastHousekeeping = 0;

  /** A claim older than this was abandoned (its process died) and may be taken again. */
  readonly #claimTimeoutMs: number;

  /**
   * @param files the stores whose orphan contents, and the contents past an org's retention, housekeeping removes.
   * @param logger where housekeeping says what the retention policy removed.
   */
  constructor(db: Database, config: Config, sms: SmsProvider, files: FileStores | null = null, logger?: Pick<Logger, 'info'>) {
    this.#files = files;
    this.#logger = logger;
    this.#db = db;
    this.#config = config;
    this.#sms = sms;
    this.#claimTimeoutMs = 6 * Math.max(config.smsTimeoutMs, webhookTimeoutMs);
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
        // Each org's retention policy: files of requests closed longer ago than its `retention.days`.
        if (this.#files) await removeExpiredFiles({ db: this.#db, config: this.#config, files: this.#files }, this.#logger);
        // Walking a store is costlier than deleting rows: once per grace period is soon enough.
        if (this.#files && Date.now() - this.#lastOrphanSweep > orphanGraceMs) {
          this.#lastOrphanSweep = Date.now();
          await removeOrphanFiles({ db: this.#db, config: this.#config, files: this.#files });
        }
      }
    } catch (error) {
      console.error('outbox: poll failed', error);
    }
  }

  async #claim(ids: string[] | null): Promise<OutboxRow[]> {
    const now = this.#config.now();
    if (this.#db.dialect === 'postgres') return this.#claimAtOnce(ids, now);
    // SQLite: the same single UPDATE … RETURNING, inside the one writer (so no other claim runs
    // meanwhile), as a prepared statement of one text whatever the ids (they go as a JSON array).
    const due = `"deliveredAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= ?1 AND ("claimedAt" IS NULL OR "claimedAt" < ?2)`;
    const sql = `UPDATE "outbox" SET "claimedAt" = ?1 WHERE "id" IN (SELECT "id" FROM "outbox" WHERE ${due}${ids ? ' AND "id" IN (SELECT "value" FROM json_each(?4))' : ''} ORDER BY "nextAttemptAt" LIMIT ?3) RETURNING "id", "orgId", "kind", "payload", "attempts"`;
    const values: unknown[] = [sqliteDate(now), sqliteDate(new Date(now.getTime() - this.#claimTimeoutMs)), batchSize, ...(ids ? [JSON.stringify(ids)] : [])];
    // Plain rows: the worker reads only these columns, as it would a model's.
    return this.#db.write((transaction) => allPrepared<OutboxRow>(transactionConnection(transaction), sql, values));
  }

  /**
   * The PostgreSQL claim in one statement — the due rows picked `FOR UPDATE SKIP LOCKED` and marked
   * claimed by the same UPDATE — instead of a transaction of a SELECT and an UPDATE: one round trip
   * for what every queued SMS and webhook goes through.
   */
  async #claimAtOnce(ids: string[] | null, now: Date): Promise<OutboxRow[]> {
    const due = `"deliveredAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= $1 AND ("claimedAt" IS NULL OR "claimedAt" < $2)`;
    const sql = `UPDATE "outbox" SET "claimedAt" = $1 WHERE "id" IN (SELECT "id" FROM "outbox" WHERE ${due}${ids ? ' AND "id" = ANY($4)' : ''} ORDER BY "nextAttemptAt" LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING *`;
    const values: unknown[] = [now, new Date(now.getTime() - this.#claimTimeoutMs), batchSize, ...(ids ? [ids] : [])];
    // Plain rows: the worker reads their columns, as it does a model's.
    return withClient(this.#db.sequelize, (client) => runNamed<OutboxRow>(client, sql, values));
  }

  /** Records an attempt's outcome on PostgreSQL: one named UPDATE of the changed columns. */
  async #recordAtOnce(id: string, change: Record<string, unknown>): Promise<void> {
    const columns = Object.keys(change);
    const sql = `UPDATE "outbox" SET ${columns.map((column, i) => `"${column}" = $${i + 1}`).join(', ')} WHERE "id" = $${columns.length + 1}`;
    await withClient(this.#db.sequelize, (client) => runNamed(client, sql, [...columns.map((column) => change[column] ?? null), id]));
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const outcome = row.kind === 'sms' ? await this.#sendSms(row) : await this.#sendWebhook(row);
    const { Outbox, WebhookDelivery } = this.#db.models;
    const now = this.#config.now();
    const attempts = row.attempts + 1;
    const lastError = outcome.error?.slice(0, 1000) ?? null;
    const limit = row.kind === 'webhook' ? maxAttempts.webhook : outcome.secret ? maxAttempts.code : maxAttempts.sms;
    // A login code's text goes once it is delivered or given up on.
    const cleared = outcome.secret && (outcome.error === null || outcome.permanent || attempts >= limit) ? { payload: clearedText(row.payload) } : {};
    const change =
      outcome.error === null
        ? { deliveredAt: now, claimedAt: null, lastError, attempts, ...cleared }
        : outcome.permanent || attempts >= limit
          ? // A dead letter: no retry can reach a target the rules refuse, and no more are due.
            { failedAt: now, claimedAt: null, lastError, attempts, ...cleared }
          : { attempts, claimedAt: null, lastError, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
    // On PostgreSQL a lone UPDATE is atomic by itself: a transaction only when a delivery log goes with it.
    if (!outcome.log && this.#db.dialect === 'postgres') return this.#recordAtOnce(row.id, change);
    await this.#db.write(async (transaction) => {
      if (this.#db.dialect === 'sqlite') await recordOnSqlite(transaction, row.id, change);
      else await Outbox.update(change, { where: { id: row.id }, transaction });
      if (outcome.log) await WebhookDelivery.create({ ...outcome.log, id: newId(), orgId: row.orgId, attempt: attempts, attemptedAt: now }, { transaction });
    });
  }

  async #sendSms(row: OutboxRow): Promise<Outcome> {
    const payload = JSON.parse(row.payload) as SmsPayload;
    const secret = payload.secret === true;
    // A replayed dead letter whose text was cleared has nothing to send.
    if (payload.text === null) return { error: 'The text of this message was cleared.', permanent: true, log: null, secret };
    try {
      await this.#sms.send({ id: row.id, orgId: row.orgId, to: payload.to, text: payload.text });
      return { error: null, permanent: false, log: null, secret };
    } catch (error) {
      return { error: String(error), permanent: false, log: null, secret };
    }
  }

  async #sendWebhook(row: OutboxRow): Promise<Outcome> {
    const payload = JSON.parse(row.payload) as WebhookPayload;
    const attempt = await sendWebhook({ db: this.#db, targets: this.#config.webhooks, now: this.#config.now }, row.orgId, payload);
    // A removed webhook has nobody to deliver to and no log to show: the row is done.
    if (attempt.webhookId === null) return { error: null, permanent: false, log: null, secret: false };
    const { webhookId, ok, statusCode, error, durationMs } = attempt;
    return {
      error: ok ? null : (error ?? 'failed'),
      permanent: attempt.permanent,
      secret: false,
      log: { webhookId, eventId: payload.body.id, eventType: payload.body.type, ok, statusCode, error: error?.slice(0, 1000) ?? null, durationMs },
    };
  }
}

/** Records an attempt's outcome on SQLite: one prepared UPDATE of the changed columns, in the writer's transaction. */
function recordOnSqlite(transaction: Transaction, id: string, change: Record<string, unknown>): Promise<void> {
  const columns = Object.keys(change);
  const sql = `UPDATE "outbox" SET ${columns.map((column) => `"${column}" = ?`).join(', ')} WHERE "id" = ?`;
  const values = columns.map((column) => {
    const value = change[column];
    return value instanceof Date ? sqliteDate(value) : (value ?? null);
  });
  return runPrepared(transactionConnection(transaction), sql, [...values, id]);
}

/**
 * The wait before attempt `attempts + 1`: doubling from 2 s up to an hour, each wait drawn between
 * half and all of it so that messages failed together (a gateway outage) do not retry together.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(1000 * 2 ** attempts, maxBackoffMs);
  return Math.round(ceiling * (0.5 + random() * 0.5));
}

/** An SMS payload with its text removed, the rest kept (who it went to, that it was a code). */
function clearedText(payload: string): string {
  const parsed = JSON.parse(payload) as SmsPayload;
  return JSON.stringify({ ...parsed, text: null });
}

/** What one attempt at a row came to; `log` is the webhook delivery entry to record, if any; `secret` for a login code. */
interface Outcome {
  error: string | null;
  permanent: boolean;
  secret: boolean;
  log: Pick<WebhookDeliveryRow, 'webhookId' | 'eventId' | 'eventType' | 'ok' | 'statusCode' | 'error' | 'durationMs'> | null;
}
