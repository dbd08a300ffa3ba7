import { createHash } from 'node:crypto';
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';

/**
 * The one place that reaches into Sequelize's PostgreSQL objects: its connection pool (to borrow a
 * `pg` client for the hot paths) and a transaction's client. Through them the hot queries run as
 * `pg` named prepared statements — parsed and planned once per connection — instead of through
 * Sequelize's query path. The pool stays Sequelize's: one set of connections, with the same
 * `search_path` and type parsers. Written for the Sequelize version that `sqlite-internals.ts`
 * pins and asserts.
 */

/** The part of a `pg` client the hot paths use. */
export interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[]; rowCount: number | null }>;
  query(text: string): Promise<unknown>;
}

interface PoolManager {
  getConnection(options?: { type?: string }): Promise<PgClient>;
  releaseConnection(connection: PgClient): void;
}

function poolOf(sequelize: Sequelize): PoolManager {
  const manager = sequelize.connectionManager as unknown as Partial<PoolManager>;
  if (typeof manager.getConnection !== 'function' || typeof manager.releaseConnection !== 'function') {
    throw new Error("Sequelize's PostgreSQL connection manager no longer has getConnection/releaseConnection.");
  }
  return manager as PoolManager;
}

/** Runs `work` with a client borrowed from Sequelize's pool, given back afterwards. */
export async function withClient<T>(sequelize: Sequelize, work: (client: PgClient) => Promise<T>): Promise<T> {
  const pool = poolOf(sequelize);
  const client = await pool.getConnection({ type: 'write' });
  try {
    return await work(client);
  } finally {
    pool.releaseConnection(client);
  }
}

/** The `pg` client of a Sequelize PostgreSQL transaction. */
export function transactionClient(transaction: Transaction): PgClient {
  const connection = (transaction as unknown as { connection?: Partial<PgClient> }).connection;
  if (typeof connection?.query !== 'function') throw new Error('A Sequelize PostgreSQL transaction no longer exposes its pg client.');
  return connection as PgClient;
}

// Statement names by SQL text: the same text gets the same name on every connection.
const names = new Map<string, string>();

/**
 * Runs one statement (`$n` placeholders) as a named prepared statement. A unique violation is
 * raised as Sequelize's `UniqueConstraintError`, as Sequelize would, so callers handle one type.
 */
export async function runNamed<T>(client: PgClient, text: string, values: unknown[]): Promise<T[]> {
  let name = names.get(text);
  if (!name) {
    if (names.size >= 1000) names.clear();
    name = `cc_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    names.set(text, name);
  }
  try {
    const result = await client.query({ name, text, values });
    return result.rows as T[];
  } catch (error) {
    const failure = error as Error & { code?: string };
    if (failure.code === '23505') throw new UniqueConstraintError({ message: failure.message, parent: Object.assign(failure, { sql: text }) });
    throw error;
  }
}

/** Runs `work` in a transaction of its own on a borrowed client: BEGIN, the work, COMMIT (or ROLLBACK). */
export function inTransaction(sequelize: Sequelize, work: (client: PgClient) => Promise<void>): Promise<void> {
  return withClient(sequelize, async (client) => {
    await client.query('BEGIN');
    try {
      await work(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
  });
}
