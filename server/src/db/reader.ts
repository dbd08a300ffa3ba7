import sqlite3 from 'sqlite3';
import type { Sequelize } from 'sequelize';
import { runNamed, withClient } from './pg-internals.js';
import { numberPlaceholders, sqliteDate } from './sql-text.js';

export { toDate, toDateOrNull } from './sql-text.js';

/**
 * Raw reads for the hottest routes (session lookup, the citizen's list). On SQLite they go to a
 * connection of their own, without Sequelize: its SQLite dialect asks `PRAGMA table_info` before
 * every SELECT and captures a stack trace per query, which costs more than the query itself.
 * SQL is written with `?` placeholders and double-quoted identifiers, valid in both dialects.
 */
export interface Reader {
  all<T>(sql: string, params: unknown[]): Promise<T[]>;
  /** A date as a query parameter compared with stored dates. */
  dateParam(date: Date): string | Date;
  close(): Promise<void>;
}

/**
 * A reader over read-only SQLite connections of its own, opened on first use (after migrations).
 * Two of them, taken in turn: a connection runs one statement at a time, and WAL lets readers
 * work side by side.
 */
export function sqliteReader(file: string, size = 2): Reader {
  let connections: Promise<sqlite3.Database>[] | null = null;
  let next = 0;
  // Prepared once per connection and SQL text: the hot queries are few and repeat all the time.
  const statements = new WeakMap<sqlite3.Database, Map<string, sqlite3.Statement>>();
  const prepared = (db: sqlite3.Database, sql: string): sqlite3.Statement => {
    let cache = statements.get(db);
    if (!cache) statements.set(db, (cache = new Map()));
    let statement = cache.get(sql);
    if (!statement) {
      if (cache.size >= 200) cache.clear();
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement;
  };
  const openOne = () =>
    new Promise<sqlite3.Database>((resolve, reject) => {
      const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (error) => {
        if (error) return reject(error);
        db.exec('PRAGMA busy_timeout=5000;', (pragmaError) => (pragmaError ? reject(pragmaError) : resolve(db)));
      });
    });
  const pick = () => {
    connections ??= Array.from({ length: size }, openOne);
    next = (next + 1) % connections.length;
    return connections[next]!;
  };
  return {
    async all<T>(sql: string, params: unknown[]) {
      const db = await pick();
      const statement = prepared(db, sql);
      return new Promise<T[]>((resolve, reject) =>
        statement.all(params, (error: Error | null, rows: unknown[]) => (error ? reject(error) : resolve(rows as T[]))),
      );
    },
    dateParam: sqliteDate,
    async close() {
      if (!connections) return;
      const open = connections;
      connections = null;
      for (const connection of open) {
        const db = await connection;
        for (const statement of statements.get(db)?.values() ?? []) statement.finalize();
        await new Promise<void>((resolve) => db.close(() => resolve()));
      }
    },
  };
}

/**
 * A reader on clients of Sequelize's PostgreSQL pool, with `?` turned into `$n`: each query is a
 * `pg` named prepared statement, parsed and planned once per connection, without Sequelize's
 * query path (which costs more than a hot query itself).
 */
export function postgresReader(sequelize: Sequelize): Reader {
  const numbered = new Map<string, string>();
  const textOf = (sql: string) => {
    let text = numbered.get(sql);
    if (text === undefined) {
      if (numbered.size >= 1000) numbered.clear();
      numbered.set(sql, (text = numberPlaceholders(sql)));
    }
    return text;
  };
  return {
    all<T>(sql: string, params: unknown[]) {
      return withClient(sequelize, (client) => runNamed<T>(client, textOf(sql), params));
    },
    dateParam: (date) => date,
    close: async () => undefined,
  };
}
