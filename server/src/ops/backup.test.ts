import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli.js';
import { createDatabase } from '../db/database.js';
import { file, pdfBytes } from '../test-support/files.js';
import { useTestServer, type TestCitizen } from '../test-support/test-server.js';

/** Runs the CLI against the test server's database and data folder, quietly; answers the exit code and what it printed. */
async function cli(args: string[], env: Record<string, string>): Promise<{ code: number; printed: string }> {
  const printed: string[] = [];
  const log = console.log;
  console.log = (...parts: unknown[]) => void printed.push(parts.join(' '));
  try {
    return { code: await runCli(args, env), printed: printed.join('\n') };
  } finally {
    console.log = log;
  }
}

describe('backup and restore (SQLite)', () => {
  const server = useTestServer({ sqlite: true });
  let dir: string;
  let citizen: TestCitizen;
  let env: Record<string, string>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-backup-'));
    citizen = await server().login();
    env = { DATABASE_URL: server().config.databaseUrl, DATA_DIR: server().config.dataDir };
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('should back up during writes a copy that holds every submission answered before it began, and restore it', async () => {
    const answered: string[] = [];
    let writing = true;
    const writer = async (lane: number) => {
      for (let i = 0; writing; i++) {
        const subject = `Backup ${lane}-${i}`;
        answered.push((await citizen.client.submitRequest({ fullName: 'Sara', subject, unitId: server().unitId, body: file(pdfBytes(subject), 'a.pdf') })).trackingCode);
      }
    };
    const writers = [writer(1), writer(2), writer(3)];
    while (answered.length < 30) await new Promise((resolve) => setTimeout(resolve, 20));
    const before = [...answered];
    const backup = join(dir, 'counter-backup.sqlite');
    const { code, printed } = await cli(['backup', backup], env);
    const during = answered.length;
    writing = false;
    await Promise.all(writers);
    assert.equal(code, 0);
    assert.match(printed, /Backed up to .*counter-backup\.sqlite/);
    // The files are not in a database backup (but on the database store): it says where they are.
    if (server().config.storage.kind === 'filesystem') {
      assert.match(printed, new RegExp(`files' descriptions, not their contents: \\d+ under ${server().config.dataDir}/files \\(copy that directory`));
    } else if (server().config.storage.kind === 'database') {
      assert.doesNotMatch(printed, /descriptions/);
    }
    assert.equal((await stat(backup)).mode & 0o777, 0o600);
    assert.ok(during > before.length, 'the writers kept writing while the backup ran');

    assert.match((await cli(['backup:check', backup], env)).printed, /sound, \d+ requests/);
    const restoredFile = join(dir, 'restored', 'counter.sqlite');
    const restored = await cli(['restore', backup], { ...env, DATABASE_URL: `sqlite:${restoredFile}` });
    assert.equal(restored.code, 0);
    const db = await createDatabase(`sqlite:${restoredFile}`);
    try {
      const codes = new Set((await db.models.Request.findAll({ attributes: ['trackingCode'] })).map((row) => row.trackingCode));
      const missing = before.filter((trackingCode) => !codes.has(trackingCode));
      assert.deepEqual(missing, []);
    } finally {
      await db.close();
    }
  });

  it('should refuse to overwrite a file, or to restore what is not a backup of this service', async () => {
    const taken = join(dir, 'taken.sqlite');
    await writeFile(taken, 'x');
    await assert.rejects(cli(['backup', taken], env), /already exists/);
    const notSqlite = join(dir, 'notes.txt');
    await writeFile(notSqlite, 'hello');
    const target = join(dir, 'untouched', 'counter.sqlite');
    await assert.rejects(cli(['restore', notSqlite], { ...env, DATABASE_URL: `sqlite:${target}` }), /not a SQLite database/);
    const other = await createDatabase(`sqlite:${join(dir, 'other.sqlite')}`);
    await other.sequelize.query('CREATE TABLE notes (text TEXT)');
    await other.close();
    await assert.rejects(cli(['restore', join(dir, 'other.sqlite')], { ...env, DATABASE_URL: `sqlite:${target}` }), /not a backup of this service/);
    await assert.rejects(stat(target), /ENOENT/);
  });

  it('should send PostgreSQL operators to pg_dump', async () => {
    await assert.rejects(cli(['restore', join(dir, 'x.dump')], { ...env, DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }), /pg_dump/);
  });
});
