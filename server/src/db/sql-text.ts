/**
 * Dates and placeholders as the two dialects want them in raw SQL. Sequelize stores SQLite dates
 * as text, `YYYY-MM-DD HH:MM:SS.SSS +00:00`, and compares them textually; PostgreSQL has real
 * timestamps. Raw SQL is written once with `?` placeholders and double-quoted identifiers.
 */

/** A date in the text form Sequelize stores in SQLite (`2026-11-22 10:15:00.000 +00:00`). */
export function sqliteDate(date: Date): string {
  return date.toISOString().replace('T', ' ').replace('Z', ' +00:00');
}

/** Reads a stored date from a raw row (a string on SQLite, a `Date` on PostgreSQL). */
export function toDate(value: unknown): Date {
  if (value instanceof Date) return value;
  return new Date(String(value).replace(' ', 'T').replace(' +00:00', 'Z'));
}

/** Like {@link toDate}, keeping `null`. */
export function toDateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : toDate(value);
}

/**
 * Turns `?` placeholders into PostgreSQL's `$1, $2, …`. A `?` inside a quoted string or
 * identifier is refused rather than numbered: it would silently shift every later parameter
 * (the SQL here never needs one; pass such text as a parameter instead).
 */
export function numberPlaceholders(sql: string): string {
  let index = 0;
  let quote: "'" | '"' | null = null;
  let result = '';
  for (const char of sql) {
    if (quote) {
      if (char === '?') throw new Error(`A "?" inside quotes in raw SQL: ${sql}`);
      if (char === quote) quote = null;
      result += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      result += char;
    } else {
      result += char === '?' ? `$${++index}` : char;
    }
  }
  if (quote) throw new Error(`An unclosed ${quote} in raw SQL: ${sql}`);
  return result;
}
