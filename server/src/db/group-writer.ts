import type { Sequelize, Transaction } from 'sequelize';
import { writeSqliteRows, type InsertRow } from './insert.js';
import { execSql as exec, finalizeStatements, transactionConnection, type SqliteConnection } from './sqlite-internals.js';

interface Task {
  /** Work in the transaction, or `null` for an insert-only task. */
  work: ((transaction: Transaction) => Promise<unknown>) | null;
  /** The rows of an insert-only task. */
  rows: InsertRow[];
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const maxBatch = 64;

/**
 * The one SQLite writer, with group commit. SQLite allows one writer, so write transactions are
 * queued here instead of colliding on SQLITE_BUSY; and since the durable part of a transaction is
 * its COMMIT (an fsync with `synchronous=FULL`), the tasks waiting in the queue run together in one
 * transaction, each inside a savepoint of its own (plain SQL on the writer connection): a task that fails is rolled back alone, and
 * every task learns its outcome only after the shared COMMIT succeeded.
 *
 * Insert-only tasks ({@link GroupWriter.insert}) have a fast path: a batch made only of them is
 * written without savepoints, as one prepared multi-row INSERT per table for all its tasks. Should
 * one of its rows be refused (a unique violation), the batch is rolled back and written again the
 * general way, so that only the task that owns the row fails.
 */
export class GroupWriter {
  readonly #sequelize: Sequelize;
  readonly #queue: Task[] = [];
  #draining: Promise<void> = Promise.resolve();
  #active = false;
  // The writer connection, once a transaction showed it: its prepared statements are finalized on close.
  #connection: SqliteConnection | null = null;

  constructor(sequelize: Sequelize) {
    this.#sequelize = sequelize;
  }

  /** Runs `work` in a write transaction (a savepoint of a shared one) and answers after the commit. */
  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return this.#enqueue<T>(work, []);
  }

  /** Inserts rows in a write transaction and answers after the commit; all of them or none. */
  async insert(rows: InsertRow[]): Promise<void> {
    if (rows.length > 0) await this.#enqueue<unknown>(null, rows);
  }

  /** Waits until every queued task has finished. */
  async idle(): Promise<void> {
    while (this.#active) await this.#draining;
  }

  /** Finalizes the writer's prepared statements; call after {@link idle}, before closing Sequelize. */
  async close(): Promise<void> {
    if (this.#connection) await finalizeStatements(this.#connection);
    this.#connection = null;
  }

  #enqueue<T>(work: Task['work'], rows: InsertRow[]): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, rows, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#active) {
        this.#active = true;
        this.#draining = this.#drain();
      }
    });
  }

  async #drain(): Promise<void> {
    // `#active` is cleared in the very turn the queue is seen empty: a task queued later starts a new drain.
    try {
      while (this.#queue.length > 0) {
        await this.#runBatch(this.#queue.splice(0, maxBatch));
      }
    } finally {
      this.#active = false;
    }
  }

  async #runBatch(batch: Task[]): Promise<void> {
    if (batch.every((task) => task.work === null)) {
      try {
        await this.#sequelize.transaction((shared) => writeSqliteRows(this.#connectionOf(shared), batch.flatMap((task) => task.rows)));
        for (const task of batch) task.resolve(undefined);
        return;
      } catch {
        // A row was refused and everything was rolled back: the general way tells whose it was.
      }
    }
    const outcomes: Outcome[] = [];
    try {
      await this.#sequelize.transaction(async (shared) => {
        const connection = this.#connectionOf(shared);
        for (const [index, task] of batch.entries()) {
          // Plain SQL savepoints on the writer connection: Sequelize's nested transactions cost more than the work.
          const name = `task_${index}`;
          await exec(connection, `SAVEPOINT ${name}`);
          try {
            const value = task.work ? await task.work(shared) : await writeSqliteRows(connection, task.rows);
            await exec(connection, `RELEASE ${name}`);
            outcomes.push({ ok: true, value });
          } catch (error) {
            await exec(connection, `ROLLBACK TO ${name}; RELEASE ${name}`);
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      for (const task of batch) task.reject(error);
      return;
    }
    batch.forEach((task, index) => {
      const outcome = outcomes[index]!;
      if (outcome.ok) task.resolve(outcome.value);
      else task.reject(outcome.error);
    });
  }

  #connectionOf(transaction: Transaction): SqliteConnection {
    this.#connection = transactionConnection(transaction);
    return this.#connection;
  }
}
