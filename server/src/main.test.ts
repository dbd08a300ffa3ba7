import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runCli } from './cli.js';

const serverDir = fileURLToPath(new URL('..', import.meta.url));
const mainFile = fileURLToPath(new URL('./main.ts', import.meta.url));

/** What a finished process left. */
interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `main.ts` as an operator would, with only `env` (and PATH) as its environment; kills it
 * after `ms` so a start that hangs fails the test instead of stalling the suite.
 */
function runMain(env: Record<string, string>, ms = 30_000, onStdout?: (text: string, stop: () => void) => void): Promise<Outcome> {
  const child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
    cwd: serverDir,
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    onStdout?.(stdout, () => child.kill('SIGTERM'));
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr: signal ? `${stderr}[ended by ${signal}]` : stderr });
    });
  });
}

/** A loopback port nothing listens on: opened, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Asserts the process stopped with a failure and one line, without a stack, that starts with `line`. */
function assertRefused(outcome: Outcome, line: RegExp): void {
  assert.notEqual(outcome.code, null, `killed after the time limit; stderr: ${outcome.stderr}`);
  assert.notEqual(outcome.code, 0);
  const lines = outcome.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${outcome.stderr}`);
  assert.match(lines[0] ?? '', line);
  assert.doesNotMatch(outcome.stderr, /^\s+at /m);
}

describe('starting the service (main.ts)', () => {
  let dir: string;
  let sqlite: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-main-'));
    sqlite = `sqlite:${join(dir, 'db.sqlite')}`;
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should start on a good configuration and stop cleanly on SIGTERM', async () => {
    let listening = '';
    const outcome = await runMain({ DATABASE_URL: sqlite, DATA_DIR: dir, HOST: '127.0.0.1', PORT: '0' }, 30_000, (text, stop) => {
      const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      if (url && !listening) {
        listening = url;
        stop();
      }
    });
    assert.match(listening, /^http:\/\/127\.0\.0\.1:\d+$/, outcome.stdout + outcome.stderr);
    assert.equal(outcome.code, 0, outcome.stderr);
  });

  it('should create its SQLite files for its owner only and keep the generated admin key out of its output', async () => {
    const own = await mkdtemp(join(tmpdir(), 'cc-main-private-'));
    try {
      const env = { DATABASE_URL: `sqlite:${join(own, 'db', 'counter.sqlite')}`, DATA_DIR: own, HOST: '127.0.0.1', PORT: '0' };
      const outcome = await runMain(env, 30_000, (text, stop) => {
        if (/admin key:/.test(text)) stop();
      });
      assert.equal(outcome.code, 0, outcome.stderr);
      const key = (await readFile(join(own, 'admin-key'), 'utf8')).trim();
      assert.match(key, /^cc_admin_/);
      assert.ok(!outcome.stdout.includes(key), 'the admin key was printed');
      assert.match(outcome.stdout, /admin key: {4}generated now, in .*admin-key \(npm run cli -- admin-key\)/);
      for (const file of (await readdir(join(own, 'db'))).filter((name) => name.startsWith('counter.sqlite'))) {
        assert.equal((await stat(join(own, 'db', file))).mode & 0o777, 0o600, file);
      }
      // The operator reads it on request.
      const printed: string[] = [];
      const log = console.log;
      console.log = (...args: unknown[]) => void printed.push(args.join(' '));
      try {
        assert.equal(await runCli(['admin-key'], { DATA_DIR: own, DATABASE_URL: env.DATABASE_URL }), 0);
      } finally {
        console.log = log;
      }
      assert.deepEqual(printed, [key]);
    } finally {
      await rm(own, { recursive: true, force: true });
    }
  });

  it('should refuse an unknown DATABASE_URL scheme', async () => {
    const outcome = await runMain({ DATABASE_URL: 'postgress://postgres@127.0.0.1:5432/db', DATA_DIR: dir });
    assertRefused(outcome, /^Cannot start: DATABASE_URL has an unknown scheme "postgress:"/);
  });

  for (const port of ['eighty', '70000', '-1', '80.5']) {
    it(`should refuse PORT=${port}`, async () => {
      const outcome = await runMain({ DATABASE_URL: sqlite, DATA_DIR: dir, PORT: port });
      assertRefused(outcome, new RegExp(`^Cannot start: PORT must be a whole number from 0 to 65535, not "${port}"`));
    });
  }

  it('should refuse a port in use', async () => {
    const holder: Server = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const { port } = holder.address() as { port: number };
    try {
      const outcome = await runMain({ DATABASE_URL: sqlite, DATA_DIR: dir, HOST: '127.0.0.1', PORT: String(port) });
      assertRefused(outcome, new RegExp(`^Cannot start: PORT ${port} is already in use on 127\\.0\\.0\\.1`));
    } finally {
      holder.close();
    }
  });

  it('should refuse an unreachable PostgreSQL, without its password', async () => {
    const port = await closedPort();
    const outcome = await runMain({ DATABASE_URL: `postgres://postgres:hunter2@127.0.0.1:${port}/counter`, DATA_DIR: dir });
    assertRefused(outcome, new RegExp(`^Cannot start: DATABASE_URL names a database the service cannot connect to \\(PostgreSQL at 127\\.0\\.0\\.1:${port}/counter\\)`));
    assert.doesNotMatch(outcome.stderr, /hunter2/);
  });

  const production = { NODE_ENV: 'production', DATABASE_URL: 'sqlite:unused.sqlite', SMS_PROVIDER: 'http', SMS_HTTP_URL: 'http://127.0.0.1:9/send' };
  for (const [name, other] of [['ADMIN_KEY', 'SERVER_SECRET'], ['SERVER_SECRET', 'ADMIN_KEY']] as const) {
    it(`should refuse a ${name} shorter than 32 characters in production`, async () => {
      const outcome = await runMain({ ...production, DATA_DIR: dir, [name]: 'x'.repeat(31), [other]: 'y'.repeat(32) });
      assertRefused(outcome, new RegExp(`^Cannot start: ${name} must be at least 32 characters when NODE_ENV=production; it has 31`));
    });
  }
});
