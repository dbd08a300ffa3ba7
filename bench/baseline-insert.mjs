// @ts-check
// The submission baselines: a bare node:http server that stores each request's body the way the
// server's filesystem store does (bench/lib/bare-file-store.mjs: written, fsynced, renamed under
// its SHA-256, directory fsynced) and then writes one row holding the file's description (name,
// type, size, sha256, store, key). The body is stored whole: no multipart parsing.
// On SQLite: the server's durability settings (WAL, synchronous=FULL), one connection (one writer).
// On PostgreSQL (a `postgres://` URL; its table lands in the URL's search_path): a `pg` pool of 10.
// Two modes:
// - `single`: one INSERT, committed on its own (a WAL fsync) per request;
// - `group`: the server's group commit (server/src/db/group-writer.ts) without its framework — the
//   rows wait in a queue, and the writer takes up to 64 of them into one transaction, one COMMIT
//   for the batch, answering each request after it.
// Usage: node bench/baseline-insert.mjs <sqlite file | postgres URL> <port> <files dir> <single|group>
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { prepareRoot, storeBody } from './lib/bare-file-store.mjs';

const [target, port, filesDir, mode] = process.argv.slice(2);
if (!target || !port || !filesDir || (mode !== 'single' && mode !== 'group')) {
  console.error('usage: node bench/baseline-insert.mjs <sqlite file | postgres URL> <port> <files dir> <single|group>');
  process.exit(2);
}
const maxBatch = 64;
const table = `CREATE TABLE IF NOT EXISTS bare_files (id TEXT PRIMARY KEY, "orgId" TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL,
  size INTEGER NOT NULL, sha256 TEXT NOT NULL, store TEXT NOT NULL, "storageName" TEXT NOT NULL, "createdAt" TEXT NOT NULL)`;
const insertSql = 'INSERT INTO bare_files (id, "orgId", name, type, size, sha256, store, "storageName", "createdAt") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * The database, reduced to what the baseline does with it.
 * @typedef {object} Store
 * @property {(params: unknown[]) => Promise<void>} insert one row, committed on its own
 * @property {(rows: unknown[][]) => Promise<void>} insertBatch rows in one transaction
 * @property {() => Promise<void>} close
 */

/** @returns {Promise<Store>} */
async function openSqlite() {
  const db = new sqlite3.Database(target ?? '');
  /** @param {string} sql @param {unknown[]} [params] */
  const run = (sql, params = []) => new Promise((resolve, reject) => db.run(sql, params, (error) => (error ? reject(error) : resolve(undefined))));
  await new Promise((resolve, reject) =>
    db.exec(`PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; ${table};`, (error) => (error ? reject(error) : resolve(undefined))),
  );
  return {
    insert: async (params) => {
      await run(insertSql, params);
    },
    insertBatch: async (rows) => {
      try {
        await run('BEGIN IMMEDIATE');
        for (const params of rows) await run(insertSql, params);
        await run('COMMIT');
      } catch (error) {
        await run('ROLLBACK').catch(() => undefined);
        throw error;
      }
    },
    close: () => new Promise((resolve) => db.close(() => resolve(undefined))),
  };
}

/** @returns {Promise<Store>} */
async function openPostgres() {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  await pool.query(table);
  let mark = 0;
  const text = insertSql.replace(/\?/g, () => `$${++mark}`);
  return {
    insert: async (params) => {
      await pool.query({ name: 'bare-insert', text, values: params });
    },
    insertBatch: async (rows) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        for (const params of rows) await client.query({ name: 'bare-insert', text, values: params });
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const store = /^postgres(ql)?:\/\//.test(target) ? await openPostgres() : await openSqlite();
await prepareRoot(filesDir);

/** @typedef {{ params: unknown[], done: (error: Error | null) => void }} Pending */
/** @type {Pending[]} */
const queue = [];
let draining = false;

/** The group writer: batches of up to 64 rows, one transaction and one COMMIT each. */
async function drain() {
  draining = true;
  while (queue.length > 0) {
    const batch = queue.splice(0, maxBatch);
    try {
      await store.insertBatch(batch.map((pending) => pending.params));
      for (const pending of batch) pending.done(null);
    } catch (error) {
      for (const pending of batch) pending.done(/** @type {Error} */ (error));
    }
  }
  draining = false;
}

/** @param {unknown[]} params @returns {Promise<void>} */
function write(params) {
  if (mode === 'single') return store.insert(params);
  return new Promise((resolve, reject) => {
    queue.push({ params, done: (error) => (error ? reject(error) : resolve()) });
    if (!draining) void drain();
  });
}

const server = http.createServer(async (req, res) => {
  try {
    const { key, size } = await storeBody(filesDir, req);
    const id = randomUUID();
    await write([id, 'bench', 'letter.pdf', 'application/pdf', size, key, 'filesystem', key, new Date().toISOString()]);
    res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ id }));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal_error', message: error instanceof Error ? error.message : String(error) } }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
process.on('SIGTERM', () => server.close(() => store.close().then(() => process.exit(0))));
