import { createRequire } from 'node:module';
import { UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';

/**
 * The one place that reaches into Sequelize's private SQLite objects: its connection manager (to
 * share one writer connection and set pragmas) and a transaction's raw `sqlite3` connection (for
 * savepoints and plain INSERTs on the hot write path). These are not public API, so they are
 * written for one Sequelize version, pinned exactly in server/package.json, and
 * {@link assertSequelizeVersion} refuses to start on any other.
 */
export const sequelizeVersion = '6.37.8';

/** A prepared `sqlite3` statement. */
export interface SqliteStatement {
  run(params: unknown[], callback: (error: (Error & { code?: string }) | null) => void): void;
  all(params: unknown[], callback: (error: (Error & { code?: string }) | null, rows: unknown[]) => void): void;
  finalize(callback?: () => void): void;
}

/** The raw `sqlite3` connection under a Sequelize SQLite transaction. */
export interface SqliteConnection {
  exec(sql: string, callback: (error: Error | null) => void): void;
  run(sql: string, params: unknown[], callback: (error: (Error & { code?: string }) | null) => void): void;
  prepare(sql: string): SqliteStatement;
}

/** Throws unless the installed Sequelize is the version the code in this file was written for. */
export function assertSequelizeVersion(installed: string = installedSequelizeVersion()): void {
  if (installed !== sequelizeVersion) {
    throw new Error(
      `Sequelize ${installed} is installed, but the SQLite fast path (server/src/db/sqlite-internals.ts) was written for ${sequelizeVersion}: check its private connection API, then update the pin.`,
    );
  }
}

function installedSequelizeVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('sequelize/package.json') as { version: string }).version;
}

/** The raw connection of a transaction, checked to be what this file expects. */
export function transactionConnection(transaction: Transaction): SqliteConnection {
  const connection = (transaction as unknown as { connection?: Partial<SqliteConnection> }).connection;
  if (typeof connection?.exec !== 'function' || typeof connection.run !== 'function' || typeof connection.prepare !== 'function') {
    throw new Error('A Sequelize SQLite transaction no longer exposes its sqlite3 connection.');
  }
  return connection as SqliteConnection;
}

/** Runs one or more statements without parameters on a raw connection. */
export function execSql(connection: SqliteConnection, sql: string): Promise<void> {
  return new Promise((resolve, reject) => connection.exec(sql, (error) => (error ? reject(error) : resolve())));
}

/**
 * Runs one parameterized statement on a raw connection. A unique violation is raised as
 * Sequelize's `UniqueConstraintError`, as `Model.create` would, so callers handle one error type.
 */
export function runSql(connection: SqliteConnection, sql: string, params: unknown[]): Promise<void> {
  return new Promise((resolve, reject) => connection.run(sql, params, settle(sql, resolve, reject)));
}

// Statements prepared on a connection, by SQL text; the writer's hot INSERTs repeat all the time.
const statements = new WeakMap<SqliteConnection, Map<string, SqliteStatement>>();
const maxStatements = 500;

/**
 * Like {@link runSql}, through a statement prepared once per connection and SQL text (parsing a
 * many-row INSERT costs about as much as running it). {@link finalizeStatements} must run before
 * the connection closes: SQLite refuses to close a connection with live statements.
 */
export function runPrepared(connection: SqliteConnection, sql: string, params: unknown[]): Promise<void> {
  const prepared = preparedStatement(connection, sql);
  return new Promise((resolve, reject) => prepared.run(params, settle(sql, resolve, reject)));
}

/** Like {@link runPrepared}, for a statement that answers rows (a SELECT, or a write with `RETURNING`). */
export function allPrepared<T>(connection: SqliteConnection, sql: string, params: unknown[]): Promise<T[]> {
  const prepared = preparedStatement(connection, sql);
  return new Promise((resolve, reject) => {
    let rows: unknown[] = [];
    const done = settle(sql, () => resolve(rows as T[]), reject);
    prepared.all(params, (error, answered) => {
      rows = answered;
      done(error);
    });
  });
}

function preparedStatement(connection: SqliteConnection, sql: string): SqliteStatement {
  let cache = statements.get(connection);
  if (!cache) statements.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    // Bounded without bookkeeping: the texts in use are few and come back prepared at once.
    if (cache.size >= maxStatements) void finalizeAll(cache);
    statement = connection.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/** Finalizes every statement {@link runPrepared} prepared on the connection. */
export async function finalizeStatements(connection: SqliteConnection): Promise<void> {
  const cache = statements.get(connection);
  if (cache) await finalizeAll(cache);
}

async function finalizeAll(cache: Map<string, SqliteStatement>): Promise<void> {
  const open = [...cache.values()];
  cache.clear();
  await Promise.all(open.map((statement) => new Promise<void>((resolve) => statement.finalize(() => resolve()))));
}

function settle(sql: string, resolve: () => void, reject: (error: unknown) => void) {
  return (error: (Error & { code?: string }) | null) => {
    if (!error) return resolve();
    if (error.code === 'SQLITE_CONSTRAINT' && /UNIQUE/.test(error.message)) {
      return reject(new UniqueConstraintError({ message: error.message, parent: Object.assign(error, { sql }) }));
    }
    reject(error);
  };
}

/**
 * Sequelize opens (and afterwards closes) a new SQLite connection for every transaction and offers
 * no `afterConnect` hook for this dialect. Its connection factory is wrapped so that every
 * connection gets the pragmas, and so that transactions share one long-lived writer connection:
 * the group writer already guarantees they never overlap, and reopening the file (and re-reading its
 * schema) per transaction was most of a submission's cost.
 */
export function shareWriterConnection(sequelize: Sequelize, pragmas: string): void {
  const manager = sequelize.connectionManager as unknown as {
    getConnection?(options?: { uuid?: string }): Promise<SqliteConnection>;
    releaseConnection?(connection: SqliteConnection, force?: boolean): Promise<void> | void;
  };
  if (typeof manager.getConnection !== 'function' || typeof manager.releaseConnection !== 'function') {
    throw new Error("Sequelize's SQLite connection manager no longer has getConnection/releaseConnection.");
  }
  const original = manager.getConnection.bind(manager);
  const release = manager.releaseConnection.bind(manager);
  const prepared = new WeakSet<SqliteConnection>();
  const prepare = async (connection: SqliteConnection) => {
    if (prepared.has(connection)) return connection;
    prepared.add(connection);
    await execSql(connection, pragmas);
    return connection;
  };
  let writer: Promise<SqliteConnection> | null = null;
  manager.getConnection = async (options?: { uuid?: string }) => {
    if (options?.uuid && options.uuid !== 'default') {
      writer ??= original({ uuid: 'writer' }).then(prepare);
      return writer;
    }
    return prepare(await original(options));
  };
  manager.releaseConnection = async (connection: SqliteConnection, force?: boolean) => {
    if (writer && connection === (await writer) && !force) return;
    await finalizeStatements(connection);
    return release(connection, force);
  };
}
