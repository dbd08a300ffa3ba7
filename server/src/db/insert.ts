import type { Model, ModelStatic, Sequelize, Transaction } from 'sequelize';
import type { Database } from './database.js';
import { inTransaction, runNamed, transactionClient, withClient, type PgClient } from './pg-internals.js';
import { runPrepared, runSql, transactionConnection, type SqliteConnection } from './sqlite-internals.js';
import { numberPlaceholders, sqliteDate } from './sql-text.js';

/** One row to insert: its table and its column values, as {@link rowFor} makes them from a model. */
export interface InsertRow {
  table: string;
  values: Record<string, unknown>;
}

/** A row of `model`'s table, typed by the model's creation attributes. */
export function rowFor<M extends Model>(model: ModelStatic<M>, values: M['_creationAttributes'] & Record<string, unknown>): InsertRow {
  return { table: model.getTableName() as string, values };
}

/**
 * Inserts one row in the caller's transaction. On SQLite the statement goes straight to the
 * writer connection: Sequelize's `create` (validation, hooks, a stack trace per query) cost more
 * than the insert, and the submission path writes several rows per request. On PostgreSQL it is a
 * named prepared statement on the transaction's client, with no `RETURNING *` (which would send a
 * stored file back as hex text). Unique violations are raised as Sequelize's
 * `UniqueConstraintError` either way.
 */
export async function insertRow<M extends Model>(
  db: Database,
  model: ModelStatic<M>,
  row: M['_creationAttributes'] & Record<string, unknown>,
  transaction: Transaction,
): Promise<void> {
  if (db.dialect !== 'sqlite') return writePgRows(transactionClient(transaction), [rowFor(model, row)]);
  const columns = Object.keys(row);
  const sql = `INSERT INTO "${model.getTableName() as string}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const values = columns.map((column) => sqliteValue(row[column]));
  await runSql(transactionConnection(transaction), sql, values);
}

/** Inserts rows in the caller's transaction, one multi-row statement per table and column set. */
export async function insertRows(db: Database, rows: InsertRow[], transaction: Transaction): Promise<void> {
  if (rows.length === 0) return;
  if (db.dialect === 'sqlite') return writeSqliteRows(transactionConnection(transaction), rows);
  return writePgRows(transactionClient(transaction), rows);
}

/** Writes rows on a PostgreSQL client: one named multi-row INSERT per table and column set. */
export async function writePgRows(client: PgClient, rows: InsertRow[]): Promise<void> {
  for (const group of groupRows(rows)) {
    for (const part of chunks(group)) {
      const values = part.flatMap((row) => group.columns.map((column) => row[column] ?? null));
      await runNamed(client, numberPlaceholders(multiRowInsert(group.table, group.columns, part.length)), values);
    }
  }
}

/**
 * Writes rows on a PostgreSQL client as ONE statement, so that it needs no BEGIN and COMMIT of its
 * own and costs one round trip: the INSERT of each table and column set as a data-modifying `WITH`
 * part of the last one. A statement is atomic, so a request and the rows that point at it go in
 * together or not at all. Rows that would pass the parameter limit of one statement go in a
 * transaction of several statements instead.
 */
export async function insertPgStatement(sequelize: Sequelize, rows: InsertRow[]): Promise<void> {
  const parts = groupRows(rows).flatMap((group) => chunks(group).map((part) => ({ group, part })));
  const values = parts.flatMap(({ group, part }) => part.flatMap((row) => group.columns.map((column) => row[column] ?? null)));
  if (values.length > maxParams) return inTransaction(sequelize, (client) => writePgRows(client, rows));
  const inserts = parts.map(({ group, part }) => multiRowInsert(group.table, group.columns, part.length));
  const last = inserts.pop()!;
  const text = inserts.length > 0 ? `WITH ${inserts.map((insert, i) => `w${i} AS (${insert})`).join(', ')} ${last}` : last;
  await withClient(sequelize, (client) => runNamed(client, numberPlaceholders(text), values));
}

/** Rows of one table with the same columns, written by one statement. */
export interface RowGroup {
  table: string;
  columns: string[];
  rows: Record<string, unknown>[];
}

/**
 * Groups rows by table and columns, tables in the order they first appear: a parent row (a
 * request) comes before the rows that point at it when every caller lists it first.
 */
export function groupRows(rows: InsertRow[]): RowGroup[] {
  const groups = new Map<string, RowGroup>();
  for (const row of rows) {
    const columns = Object.keys(row.values);
    const key = `${row.table}\u0000${columns.join('\u0000')}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { table: row.table, columns, rows: [] }));
    group.rows.push(row.values);
  }
  return [...groups.values()];
}

/** A multi-row INSERT of `count` rows with `?` placeholders, valid in both dialects once numbered. */
export function multiRowInsert(table: string, columns: string[], count: number): string {
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  return `INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES ${Array.from({ length: count }, () => tuple).join(', ')}`;
}

// SQLite binds at most 32,766 parameters per statement; stay well under it.
const maxParams = 30_000;

/** The rows in statements of at most {@link maxParams} parameters each. */
export function chunks(group: RowGroup): Record<string, unknown>[][] {
  const size = Math.max(1, Math.floor(maxParams / group.columns.length));
  const parts: Record<string, unknown>[][] = [];
  for (let start = 0; start < group.rows.length; start += size) parts.push(group.rows.slice(start, start + size));
  return parts;
}

/**
 * Writes rows on the SQLite writer connection: one prepared multi-row INSERT per table and
 * column set, however many tasks the rows came from.
 */
export async function writeSqliteRows(connection: SqliteConnection, rows: InsertRow[]): Promise<void> {
  for (const group of groupRows(rows)) {
    for (const part of chunks(group)) {
      const params = part.flatMap((row) => group.columns.map((column) => sqliteValue(row[column])));
      await runPrepared(connection, multiRowInsert(group.table, group.columns, part.length), params);
    }
  }
}

/** The value as Sequelize would store it in SQLite (dates as `YYYY-MM-DD HH:MM:SS.SSS +00:00`). */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return sqliteDate(value);
  return value ?? null;
}
