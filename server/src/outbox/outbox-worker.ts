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
      await this.#deliverAll(await this.#claim(ids));
    })().catch((error: unknown) => console.error('outbox: immediate delivery failed', error));
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, deliverNowBudgetMs)))]);
    clearTimeout(timer);
  }

  /** Runs one poll: claims due rows and delivers them. Exposed for tests and the CLI. */
  async runOnce(): Promise<number> {
    const rows = await this.#claim(null);
    await this.#deliverAll(rows);
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

  /**
   * Attempts every claimed row at once. The SMS outcomes are recorded together once the messages
   * are sent (one statement, instead of a write per message: the outbox's share of every
   * submission's writes); each webhook's as soon as it is done, with its delivery log.
   */
  async #deliverAll(rows: OutboxRow[]): Promise<void> {
    const sms = rows.filter((row) => row.kind === 'sms');
    await Promise.all([
      sms.length > 0 ? Promise.all(sms.map((row) => this.#attempt(row))).then((attempts) => this.#recordAll(attempts)) : null,
      ...rows
        .filter((row) => row.kind !== 'sms')
        .map(async (row) => {
          const attempt = await this.#attempt(row);
          await (attempt.log ? this.#recordLogged(attempt) : this.#recordAll([attempt]));
        }),
    ]);
  }

  /** Sends one row and works out what to record: delivered, rescheduled with backoff, or a dead letter. */
  async #attempt(row: OutboxRow): Promise<Attempt> {
    const outcome = row.kind === 'sms' ? await this.#sendSms(row) : await this.#sendWebhook(row);
    const now = this.#config.now();
    const attempts = row.attempts + 1;
    const lastError = outcome.error?.slice(0, 1000) ?? null;
    const limit = row.kind === 'webhook' ? maxAttempts.webhook : outcome.secret ? maxAttempts.code : maxAttempts.sms;
    // A login code's text goes once it is delivered or given up on.
    const payload = outcome.secret && (outcome.error === null || outcome.permanent || attempts >= limit) ? clearedText(row.payload) : null;
    const base = { id: row.id, orgId: row.orgId, attempts, lastError, payload, log: outcome.log, deliveredAt: null, failedAt: null, nextAttemptAt: null };
    if (outcome.error === null) return { ...base, deliveredAt: now };
    // A dead letter: no retry can reach a target the rules refuse, and no more are due.
    if (outcome.permanent || attempts >= limit) return { ...base, failedAt: now };
    return { ...base, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) };
  }

  /**
   * Records outcomes without a delivery log together: on PostgreSQL one named UPDATE over a JSON
   * array (atomic by itself), on SQLite one prepared UPDATE per row inside one task of the writer.
   */
  async #recordAll(attempts: Attempt[]): Promise<void> {
    if (this.#db.dialect === 'postgres') {
      const rows = attempts.map(({ log: _log, orgId: _orgId, ...row }) => row);
      await withClient(this.#db.sequelize, (client) => runNamed(client, pgRecordAll, [JSON.stringify(rows)]));
      return;
    }
    await this.#db.write(async (transaction) => {
      const connection = transactionConnection(transaction);
      for (const attempt of attempts) await runPrepared(connection, sqliteRecord, sqliteRecordValues(attempt));
    });
  }

  /** Records a webhook attempt with its delivery log, in one transaction. */
  async #recordLogged(attempt: Attempt): Promise<void> {
    const { Outbox, WebhookDelivery } = this.#db.models;
    const { log } = attempt;
    await this.#db.write(async (transaction) => {
      if (this.#db.dialect === 'sqlite') await runPrepared(transactionConnection(transaction), sqliteRecord, sqliteRecordValues(attempt));
      else await Outbox.update(changeOf(attempt), { where: { id: attempt.id }, transaction });
      if (log) await WebhookDelivery.create({ ...log, id: newId(), orgId: attempt.orgId, attempt: attempt.attempts, attemptedAt: this.#config.now() }, { transaction });
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

/**
 * The columns an attempt sets besides `attempts`, `lastError` and `claimedAt` (always written, the
 * claim cleared): each only where the attempt has a value for it, `null` meaning "as it is".
 */
const recorded = ['deliveredAt', 'failedAt', 'nextAttemptAt', 'payload'] as const;

/** PostgreSQL: every outcome of a batch in one UPDATE, the rows given as a JSON array. */
const pgRecordAll =
  `UPDATE "outbox" AS o SET "attempts" = v."attempts", "lastError" = v."lastError", "claimedAt" = NULL, ` +
  recorded.map((column) => `"${column}" = COALESCE(v."${column}", o."${column}")`).join(', ') +
  ` FROM json_to_recordset($1) AS v("id" text, "attempts" integer, "lastError" text, "deliveredAt" timestamptz, "failedAt" timestamptz, "nextAttemptAt" timestamptz, "payload" text)` +
  ` WHERE o."id" = v."id"`;

/** SQLite: one outcome, a prepared statement of one text whatever the outcome. */
const sqliteRecord =
  `UPDATE "outbox" SET "attempts" = ?, "lastError" = ?, "claimedAt" = NULL, ` +
  recorded.map((column) => `"${column}" = COALESCE(?, "${column}")`).join(', ') +
  ` WHERE "id" = ?`;

function sqliteRecordValues(attempt: Attempt): unknown[] {
  const date = (value: Date | null) => (value ? sqliteDate(value) : null);
  return [attempt.attempts, attempt.lastError, date(attempt.deliveredAt), date(attempt.failedAt), date(attempt.nextAttemptAt), attempt.payload, attempt.id];
}

/** An attempt's changes as model attributes. */
function changeOf(attempt: Attempt): Record<string, unknown> {
  const change: Record<string, unknown> = { attempts: attempt.attempts, lastError: attempt.lastError, claimedAt: null };
  for (const column of recorded) if (attempt[column] !== null) change[column] = attempt[column];
  return change;
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

/** One attempt at a row and what to record of it. */
interface Attempt {
  id: string;
  orgId: string;
  attempts: number;
  lastError: string | null;
  deliveredAt: Date | null;
  failedAt: Date | null;
  nextAttemptAt: Date | null;
  /** The row's payload with a code's text cleared, when it is to be. */
  payload: string | null;
  log: Outcome['log'];
}

/** What one attempt at a row came to; `log` is the webhook delivery entry to record, if any; `secret` for a login code. */
interface Outcome {
  error: string | null;
  permanent: boolean;
  secret: boolean;
  log: Pick<WebhookDeliveryRow, 'webhookId' | 'eventId' | 'eventType' | 'ok' | 'statusCode' | 'error' | 'durationMs'> | null;
}
