// @ts-check
// Bulk seeding straight into the server's own tables (after its migrations ran), in one
// transaction per table with a recursive CTE, so a million rows take seconds, not minutes.
// Each seeded request gets its body file row — described as the filesystem store leaves it (name,
// size about 100 KB, a SHA-256 as the store's key, `store = 'filesystem'`, no content in the row) —
// and its `submitted` timeline event, as the server itself would write them; every tenth belongs to
// the benchmark citizen, the rest to 1,000 others. The contents of seeded files are not written: a
// million of 100 KB would not fit the disk, and no measurement reads them.
import sqlite3 from 'sqlite3';

/** @typedef {Record<string, unknown>} Row a result row; callers state the columns they selected */

/**
 * The four calls of sqlite3's callback API that seeding needs, as promises.
 * @param {string} file
 */
export function open(file) {
  const db = new sqlite3.Database(file);
  /** @param {string} sql */
  const exec = (sql) => new Promise((resolve, reject) => db.exec(sql, (error) => (error ? reject(error) : resolve(undefined))));
  /**
   * @param {string} sql
   * @param {unknown[]} params
   * @returns {Promise<Row | undefined>}
   */
  const get = (sql, ...params) => new Promise((resolve, reject) => db.get(sql, params, (error, row) => (error ? reject(error) : resolve(/** @type {Row | undefined} */ (row)))));
  /**
   * @param {string} sql
   * @param {unknown[]} params
   * @returns {Promise<Row[]>}
   */
  const all = (sql, ...params) => new Promise((resolve, reject) => db.all(sql, params, (error, rows) => (error ? reject(error) : resolve(/** @type {Row[]} */ (rows)))));
  const close = () => new Promise((resolve, reject) => db.close((error) => (error ? reject(error) : resolve(undefined))));
  return { exec, get, all, close };
}

/**
 * An SQL expression for a SHA-256-looking key of row `n`: 64 hex digits, scattered like real
 * digests (the row number through eight multiplicative hashes), the same for the key and the digest.
 * @param {'sqlite' | 'postgres'} dialect
 * @param {string} n an SQL integer expression
 */
export function fakeSha256(dialect, n) {
  const parts = [2654435761, 2246822519, 3266489917, 668265263, 374761393, 3323198485, 2869860233, 1540483477].map((k) => `(${n} * ${k}::bigint) % 4294967296`);
  return dialect === 'sqlite'
    ? `printf('${'%08x'.repeat(8)}', ${parts.map((part) => part.replace('::bigint', '')).join(', ')})`
    : parts.map((part) => `lpad(to_hex(${part}), 8, '0')`).join(' || ');
}

/** @param {unknown} value as an SQL string literal */
const quote = (value) => `'${String(value).replaceAll("'", "''")}'`;

/**
 * Reads one row: `SELECT … AS v`.
 * @param {string} file
 * @param {string} sql
 * @param {unknown[]} params
 */
export async function query(file, sql, ...params) {
  const db = open(file);
  try {
    return await db.get(sql, ...params);
  } finally {
    await db.close();
  }
}

/**
 * Adds requests to `orgId` until it holds `total`; answers with how many were added and the ms taken.
 * Seeded rows are numbered on from the ones already there, so repeated calls never reuse an id or
 * a tracking code (12 digits starting with 8: the server's own codes have 10).
 */
/**
 * @param {string} file
 * @param {{ orgId: string, unitId: string, citizenId: string, total: number }} options
 */
export async function seedRequests(file, { orgId, unitId, citizenId, total }) {
  const db = open(file);
  const started = Date.now();
  try {
    await db.exec('PRAGMA busy_timeout=10000; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;');
    /** @param {string} sql */
    const count = async (sql) => Number((await db.get(sql, orgId))?.n ?? 0);
    const existing = await count('SELECT COUNT(*) AS n FROM requests WHERE orgId = ?');
    const seededBefore = await count("SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND id LIKE 'seed-%'");
    const add = total - existing;
    if (add <= 0) return { added: 0, ms: 0, total: existing };
    const from = seededBefore + 1;
    const to = seededBefore + add;
    const numbers = `WITH RECURSIVE c(n) AS (SELECT ${from} UNION ALL SELECT n + 1 FROM c WHERE n < ${to})`;
    // Older than anything the API wrote: one second apart, ending well before now.
    const at = `strftime('%Y-%m-%d %H:%M:%f +00:00', '2020-01-01', '+' || n || ' seconds')`;
    const org = quote(orgId);
    const sha = fakeSha256('sqlite', 'n');
    /** @type {Record<string, Record<string, string>>} */
    const tables = {
      requests: {
        id: "printf('seed-%09d', n)", orgId: org, trackingCode: "printf('8%011d', n)", status: "'under_review'",
        fullName: "'Seeded Citizen'", subject: "'Seeded request ' || n", unitId: quote(unitId),
        citizenId: `CASE WHEN n % 10 = 0 THEN ${quote(citizenId)} ELSE 'seed-citizen-' || (n % 1000) END`,
        createdAt: at, updatedAt: at,
      },
      // As the filesystem store leaves them: a ~100 KB PDF, its SHA-256 the store's key, no content in the row.
      files: {
        id: "printf('seed-file-%09d', n)", orgId: org, requestId: "printf('seed-%09d', n)", role: "'body'", name: "'letter-' || n || '.pdf'",
        store: "'filesystem'", storageName: sha, type: "'application/pdf'", size: '100000 + ((n % 5000) * 7919) % 5000', sha256: sha,
        content: 'NULL', createdAt: at,
      },
      request_events: {
        id: "printf('seed-event-%09d', n)", orgId: org, requestId: "printf('seed-%09d', n)", type: "'submitted'", note: 'NULL', createdAt: at,
      },
    };
    for (const [table, values] of Object.entries(tables)) {
      // Columns the schema gained since this was written get a plain value when they are required.
      const info = await db.all(`PRAGMA table_info(${table})`);
      for (const column of info) {
        const name = String(column.name);
        if (name in values || !column.notnull || column.dflt_value !== null) continue;
        const type = String(column.type).toUpperCase();
        values[name] = /INT|REAL|NUM|DEC|FLOAT|DOUBLE|BOOL/.test(type) ? '0' : /DATE|TIME/.test(type) ? at : "''";
      }
      const columns = Object.keys(values).filter((name) => info.some((column) => column.name === name));
      await db.exec(`BEGIN;
        ${numbers}
        INSERT INTO ${table} (${columns.map((name) => `"${name}"`).join(', ')})
        SELECT ${columns.map((name) => values[name]).join(', ')} FROM c;
        COMMIT;`);
    }
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE);');
    return { added: add, ms: Date.now() - started, total };
  } finally {
    await db.close();
  }
}
