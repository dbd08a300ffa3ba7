import type { Model, ModelStatic, Transaction } from 'sequelize';
import type { Database } from './database.js';
import { runSql, transactionConnection } from './sqlite-internals.js';
import { sqliteDate } from './sql-text.js';

/**
 * Inserts one row in the caller's transaction. On SQLite the statement goes straight to the
 * writer connection: Sequelize's `create` (validation, hooks, a stack trace per query) cost more
 * than the insert, and the submission path writes several rows per request. On PostgreSQL it is
 * `Model.create`. Unique violations are raised as Sequelize's `UniqueConstraintError` either way.
 */
export async function insertRow<M extends Model>(
  db: Database,
  model: ModelStatic<M>,
  row: M['_creationAttributes'] & Record<string, unknown>,
  transaction: Transaction,
): Promise<void> {
  if (db.dialect !== 'sqlite') {
    await model.create(row, { transaction });
    return;
  }
  const columns = Object.keys(row);
  const sql = `INSERT INTO "${model.getTableName() as string}" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const values = columns.map((column) => sqliteValue(row[column]));
  await runSql(transactionConnection(transaction), sql, values);
}

/** The value as Sequelize would store it in SQLite (dates as `YYYY-MM-DD HH:MM:SS.SSS +00:00`). */
function sqliteValue(value: unknown): unknown {
  if (value instanceof Date) return sqliteDate(value);
  return value ?? null;
}
