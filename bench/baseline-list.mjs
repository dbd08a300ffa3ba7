// @ts-check
// The list baselines: a bare node:http server answering the citizen's first page with one query on
// the very tables and rows of the real server, as JSON of the rows. No framework, no auth, no
// presenter: the floor the real server is compared with. Two queries:
// - `same`: the SQL the server runs, taken from server/src/db/request-queries.ts itself
//   (`citizenListQuery`: the list's columns, the unit's names and the body file from the covering
//   index of migration 0014), so the two can never drift apart;
// - `simple`: the simplest SELECT, `SELECT * FROM requests WHERE orgId = ? AND citizenId = ?
//   ORDER BY createdAt DESC, id DESC LIMIT 21`.
// On SQLite it reads through two read-only connections taken in turn, prepared once, as the
// server's reader does; on PostgreSQL through a `pg` pool of 10 (the server's pool size) with
// named prepared statements, as the server's PostgreSQL reader does.
// Usage: node --import tsx bench/baseline-list.mjs <sqlite file | postgres URL> <orgId> <citizenId> <port> <same|simple>
import http from 'node:http';
import pg from 'pg';
import sqlite3 from 'sqlite3';
import { citizenListQuery } from '../server/src/db/request-queries.js';
import { numberPlaceholders } from '../server/src/db/sql-text.js';

const [target, orgId, citizenId, port, mode] = process.argv.slice(2);
if (!target || !orgId || !citizenId || !port || (mode !== 'same' && mode !== 'simple')) {
  console.error('usage: node --import tsx bench/baseline-list.mjs <sqlite file | postgres URL> <orgId> <citizenId> <port> <same|simple>');
  process.exit(2);
}
const params = { orgId, citizenId, trackingCode: null, after: null, limit: 21 };
// The first page has no cursor: the query never asks the database object for a date parameter.
const unused = /** @type {Parameters<typeof citizenListQuery>[0]} */ (/** @type {unknown} */ ({}));
const { sql, values } =
  mode === 'same'
    ? citizenListQuery(unused, params)
    : { sql: 'SELECT * FROM "requests" WHERE "orgId" = ? AND "citizenId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT ?', values: [orgId, citizenId, 21] };

/** @type {() => Promise<Record<string, unknown>[]>} */
let select;
/** @type {() => Promise<void>} */
let close;
if (/^postgres(ql)?:\/\//.test(target)) {
  const pool = new pg.Pool({ connectionString: target, max: 10 });
  const text = numberPlaceholders(sql);
  select = async () => (await pool.query({ name: `bench-list-${mode}`, text, values })).rows;
  close = () => pool.end();
} else {
  const connections = [0, 1].map(() => {
    const db = new sqlite3.Database(target, sqlite3.OPEN_READONLY);
    db.exec('PRAGMA busy_timeout=5000;');
    return { db, statement: db.prepare(sql) };
  });
  let next = 0;
  select = () => {
    next = (next + 1) % connections.length;
    const { statement } = /** @type {(typeof connections)[number]} */ (connections[next]);
    return new Promise((resolve, reject) => statement.all(values, (/** @type {Error | null} */ error, /** @type {Record<string, unknown>[]} */ rows) => (error ? reject(error) : resolve(rows))));
  };
  close = async () => {
    for (const { db, statement } of connections) {
      statement.finalize();
      await new Promise((resolve) => db.close(() => resolve(undefined)));
    }
  };
}

const server = http.createServer(async (_req, res) => {
  try {
    const rows = await select();
    const items = rows.slice(0, 20);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ items, nextCursor: rows.length > 20 ? items.at(-1)?.id : null }));
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'internal_error', message: error instanceof Error ? error.message : String(error) } }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
process.on('SIGTERM', () => server.close(() => close().then(() => process.exit(0))));
