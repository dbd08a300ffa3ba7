// @ts-check
// The submission baseline: a bare node:http + sqlite3 server that reads the request body and does
// one INSERT of it as a blob per request, with the same durability settings as the real server
// (WAL, synchronous=FULL) and a single connection (one writer). The floor the real server's
// submission throughput is compared with.
// Usage: node bench/baseline-insert.mjs <sqlite file> <port>
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import sqlite3 from 'sqlite3';

const [file, port] = process.argv.slice(2);
const db = new sqlite3.Database(file);
db.exec(
  `PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;
   CREATE TABLE IF NOT EXISTS blobs (id TEXT PRIMARY KEY, orgId TEXT NOT NULL, content BLOB NOT NULL, createdAt TEXT NOT NULL);`,
  (error) => {
    if (error) throw error;
    const insert = db.prepare('INSERT INTO blobs (id, orgId, content, createdAt) VALUES (?, ?, ?, ?)');
    const server = http.createServer((req, res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const id = randomUUID();
        insert.run(id, 'bench', Buffer.concat(chunks), new Date().toISOString(), (/** @type {Error | null} */ insertError) => {
          if (insertError) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'internal_error', message: insertError.message } }));
            return;
          }
          res.writeHead(201, { 'content-type': 'application/json; charset=utf-8' });
          res.end(JSON.stringify({ id }));
        });
      });
    });
    server.keepAliveTimeout = 60_000;
    server.listen(Number(port), '127.0.0.1', () => console.log(`listening ${port}`));
    process.on('SIGTERM', () => server.close(() => db.close(() => process.exit(0))));
  },
);
