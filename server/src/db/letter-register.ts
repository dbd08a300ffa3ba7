import { QueryTypes, type Transaction } from 'sequelize';
import type { Database } from './database.js';

/** Which sequence of the register: incoming letters (وارده) or outgoing ones (صادره). */
export type LetterDirection = 'incoming' | 'outgoing';

/** The sequence a number is taken from. */
export interface RegisterKey {
  orgId: string;
  year: number;
  direction: LetterDirection;
}

/**
 * Takes the next number of a sequence inside the caller's write transaction. The upsert locks the
 * register row until the transaction ends (PostgreSQL row lock; on SQLite the single writer), so
 * concurrent takers queue, and a transaction that rolls back gives its number back: the sequence
 * is gap-free and never repeats. The first number of a year is 1.
 */
export async function takeNextNumber(db: Database, key: RegisterKey, transaction: Transaction): Promise<number> {
  const params = [key.orgId, key.year, key.direction];
  await db.sequelize.query(
    `INSERT INTO "letter_registers" ("orgId", "year", "direction", "lastNumber") VALUES (?, ?, ?, 1)
     ON CONFLICT ("orgId", "year", "direction") DO UPDATE SET "lastNumber" = "letter_registers"."lastNumber" + 1`,
    { replacements: params, transaction, type: QueryTypes.RAW },
  );
  const [row] = await db.sequelize.query<{ lastNumber: number }>(
    'SELECT "lastNumber" FROM "letter_registers" WHERE "orgId" = ? AND "year" = ? AND "direction" = ?',
    { replacements: params, transaction, type: QueryTypes.SELECT },
  );
  if (!row) throw new Error(`The letter register of ${key.orgId} lost its row for ${key.year}.`);
  return Number(row.lastNumber);
}

/** The last number given in a sequence, 0 when none was. */
export async function lastNumber(db: Database, key: RegisterKey): Promise<number> {
  const [row] = await db.sequelize.query<{ lastNumber: number }>(
    'SELECT "lastNumber" FROM "letter_registers" WHERE "orgId" = ? AND "year" = ? AND "direction" = ?',
    { replacements: [key.orgId, key.year, key.direction], type: QueryTypes.SELECT },
  );
  return row ? Number(row.lastNumber) : 0;
}
