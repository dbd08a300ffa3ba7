import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { CitizenClient, solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { createDatabase } from '../db/database.js';
import { devInboxCode } from '../test-support/dev-inbox.js';
import { file, pdfBytes } from '../test-support/files.js';

const serverDir = fileURLToPath(new URL('../..', import.meta.url));
const mainFile = fileURLToPath(new URL('../main.ts', import.meta.url));

/** Runs `sql` on the PostgreSQL server of `url`. */
async function pgAdmin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

describe('the filesystem store under kill -9', () => {
  it('should lose no answered submission and leave no row naming a missing file', async () => {
    const own = await mkdtemp(join(tmpdir(), 'cc-crash-'));
    const files = join(own, 'files');
    // On PostgreSQL (TEST_DATABASE_URL) a database of its own: the service runs as in production, without a test schema.
    const pgUrl = process.env['TEST_DATABASE_URL'] || null;
    const pgName = `crash_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    let databaseUrl = `sqlite:${join(own, 'db.sqlite')}`;
    if (pgUrl) {
      await pgAdmin(pgUrl, `CREATE DATABASE ${pgName}`);
      const url = new URL(pgUrl);
      url.pathname = `/${pgName}`;
      databaseUrl = url.toString();
    }
    const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
      cwd: serverDir,
      env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: databaseUrl, DATA_DIR: own, STORAGE_URL: `file:${files}`, HOST: '127.0.0.1', PORT: '0', DEMO: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start in 30 s: ${output}`)), 30_000);
        child.stdout.on('data', () => {
          const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        });
      });
      const citizen = new CitizenClient({ baseUrl: base, org: 'demo' });
      const phone = '09121112244';
      await citizen.requestOtp({ phone, challenge: await solveChallenge((await citizen.createChallenge()) as PowChallenge) });
      await citizen.login({ phone, code: await devInboxCode(base, '+989121112244') });
      const unitId = (await citizen.getOrg()).units[0]!.id;

      // Eight lanes submit one after another; the process is killed in the middle of the burst.
      const answered: { trackingCode: string; sha256: string }[] = [];
      let killed = false;
      const lane = async (laneIndex: number) => {
        for (let i = 0; !killed; i++) {
          const content = pdfBytes(`crash ${laneIndex}-${i} ${'x'.repeat(20_000)}`);
          try {
            const request = await citizen.submitRequest({ fullName: 'Sara', subject: `Crash ${laneIndex}-${i}`, unitId, body: file(content, 'a.pdf') });
            answered.push({ trackingCode: request.trackingCode, sha256: request.bodyFile.sha256 });
          } catch {
            return;
          }
        }
      };
      const lanes = Array.from({ length: 8 }, (_, index) => lane(index));
      while (answered.length < 40) await new Promise((resolve) => setTimeout(resolve, 5));
      child.kill('SIGKILL');
      killed = true;
      await exited;
      await Promise.all(lanes);

      const db = await createDatabase(databaseUrl);
      try {
        const codes = new Set((await db.models.Request.findAll({ attributes: ['trackingCode'] })).map((row) => row.trackingCode));
        assert.deepEqual(answered.filter((request) => !codes.has(request.trackingCode)), []);
        const rows = await db.models.File.findAll({ attributes: ['id', 'store', 'storageName', 'sha256'] });
        assert.ok(rows.length >= answered.length);
        for (const row of rows) {
          assert.equal(row.store, 'filesystem');
          const content = await readFile(join(files, row.storageName.slice(0, 2), row.storageName.slice(2, 4), row.storageName));
          assert.equal(createHash('sha256').update(content).digest('hex'), row.sha256, `file ${row.id}`);
        }
      } finally {
        await db.close();
      }
    } finally {
      child.kill('SIGKILL');
      await rm(own, { recursive: true, force: true });
      if (pgUrl) await pgAdmin(pgUrl, `DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
    }
  });
});
