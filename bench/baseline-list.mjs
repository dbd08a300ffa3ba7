// @ts-check
// The list baseline: a bare node:http + sqlite3 server doing one indexed SELECT per request — the
// citizen's newest requests, the same shape as `GET /v1/orgs/:org/requests` — on the very same
// table and rows as the real server. No framework, no auth, no ORM: the floor the real server is
// compared with.
// Usage: node bench/baseline-list.mjs <sqlite file> <orgId> <citizenId> <port>
import http from 'node:http';
import sqlite3 from 'sqlite3';

const [file, orgId, citizenId, port] = process.argv.slice(2);
const db = new sqlite3.Database(file, sqlite3.OPEN_READWRITE);
db.exec('PRAGMA busy_timeout=5000;');
const select = db.prepare(
  'SELECT * FROM requests WHERE orgId = ? AND citizenId = ? ORDER BY createdAt DESC, id DESC LIMIT 21',
);

const server = http.createServer((_req, res) => {
  select.all(orgId, citizenId, (/** @type {Error | null} */ error, /** @type {{ id: string }[]} */ rows) => {
    if (error) {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'internal_error', message: error.message } }));
      return;
    }
    const items = rows.slice(0, 20);
    const body = JSON.stringify({ items, nextCursor: rows.length > 20 ? items.at(-1)?.id : null });
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
process.on('SIGTERM', () => server.close(() => db.close(() => process.exit(0))));
