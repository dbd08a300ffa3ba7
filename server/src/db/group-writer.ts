import type { Sequelize, Transaction } from 'sequelize';
import { execSql as exec, transactionConnection } from './sqlite-internals.js';

interface Task {
  work: (transaction: Transaction) => Promise<unknown>;
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
 */
export class GroupWriter {
  readonly #sequelize: Sequelize;
  readonly #queue: Task[] = [];
  #draining: Promise<void> = Promise.resolve();
  #active = false;

  constructor(sequelize: Sequelize) {
    this.#sequelize = sequelize;
  }

  /** Runs `work` in a write transaction (a savepoint of a shared one) and answers after the commit. */
  run<T>(work: (transaction: Transaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#active) {
        this.#active = true;
        this.#draining = this.#drain();
      }
    });
  }

  /** Waits until every queued task has finished. */
  async idle(): Promise<void> {
    while (this.#active) await this.#draining;
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
    const outcomes: Outcome[] = [];
    try {
      await this.#sequelize.transaction(async (shared) => {
        const connection = transactionConnection(shared);
        for (const [index, task] of batch.entries()) {
          // Plain SQL savepoints on the writer connection: Sequelize's nested transactions cost more than the work.
          const name = `task_${index}`;
          await exec(connection, `SAVEPOINT ${name}`);
          try {
            const value = await task.work(shared);
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
}
