import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CitizenClient, solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { runCli } from './cli.js';
import { devInboxCode } from './test-support/dev-inbox.js';

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
      let stopped = false;
      const outcome = await runMain(env, 30_000, (text, stop) => {
        if (/admin key:/.test(text) && !stopped) {
          stopped = true;
          stop();
        }
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

  it('should let 40 submissions and 5 slow uploads in flight finish on SIGTERM, then refuse new connections', async () => {
    const own = await mkdtemp(join(tmpdir(), 'cc-main-grace-'));
    let child: ChildProcess | undefined;
    try {
      child = spawn(process.execPath, ['--import', 'tsx', mainFile], {
        cwd: serverDir,
        env: { PATH: process.env['PATH'] ?? '', DATABASE_URL: `sqlite:${join(own, 'db.sqlite')}`, DATA_DIR: own, HOST: '127.0.0.1', PORT: '0', DEMO: '1', SHUTDOWN_GRACE_SECONDS: '20' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const running = child;
      let output = '';
      running.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      running.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => running.on('close', (code) => resolve(code)));
      const base = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start in 30 s: ${output}`)), 30_000);
        running.stdout!.on('data', () => {
          const url = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
          if (url) {
            clearTimeout(timer);
            resolve(url);
          }
        });
      });
      const citizen = new CitizenClient({ baseUrl: base, org: 'demo' });
      const phone = '09121112233';
      await citizen.requestOtp({ phone, challenge: await solveChallenge((await citizen.createChallenge()) as PowChallenge) });
      const code = await devInboxCode(base, '+989121112233');
      await citizen.login({ phone, code });
      const unitId = (await citizen.getOrg()).units[0]!.id;

      // Each request sends its head and a first part, then waits at the gate; the slow ones then trickle.
      let open!: () => void;
      const gate = new Promise<void>((resolve) => (open = resolve));
      const agent = new Agent({ keepAlive: true, maxSockets: 100 });
      /** One submission: its head and a first part go now, the rest after the gate (in 20 pieces 100 ms apart when slow). */
      const send = (index: number, slow: boolean) => {
        const boundary = `cc-grace-${index}`;
        const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(slow ? 200_000 : 2_000, 0x20), Buffer.from('\n%%EOF\n')]);
        const head = Buffer.from(
          [['fullName', 'Sara'], ['subject', `Grace ${index}`], ['unitId', unitId]]
            .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
            .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="body"; filename="f.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
        );
        const body = Buffer.concat([head, pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]);
        const request = httpRequest(`${base}/v1/orgs/demo/requests`, {
          method: 'POST',
          agent,
          headers: { authorization: `Bearer ${citizen.token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length, 'idempotency-key': randomUUID() },
        });
        const status = new Promise<number>((resolve, reject) => {
          request.on('error', reject);
          request.on('response', (response) => {
            response.resume();
            response.on('end', () => resolve(response.statusCode ?? 0));
          });
        });
        const cut = head.length + 100;
        const sent = new Promise<void>((resolve) => request.write(body.subarray(0, cut), () => resolve()));
        void gate.then(async () => {
          const pieces = slow ? 20 : 1;
          const size = Math.ceil((body.length - cut) / pieces);
          for (let i = 0; i < pieces; i++) {
            request.write(body.subarray(cut + i * size, cut + (i + 1) * size));
            if (slow) await new Promise((wait) => setTimeout(wait, 100));
          }
          request.end();
        });
        return { status, sent };
      };
      const requests = Array.from({ length: 45 }, (_, i) => send(i, i >= 40));
      // Every first part is written to its socket; the server has them or is reading them.
      await Promise.all(requests.map((request) => request.sent));
      await new Promise((resolve) => setTimeout(resolve, 200));
      running.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      // The service no longer accepts…
      await assert.rejects(fetch(`${base}/healthz`), (error: Error & { cause?: { code?: string } }) => error.cause?.code === 'ECONNREFUSED');
      // …and everything in flight is answered: no reset.
      open();
      const statuses = await Promise.all(requests.map((request) => request.status));
      assert.deepEqual(statuses, statuses.map(() => 201));
      assert.equal(await exited, 0, output);
      agent.destroy();
    } finally {
      child?.kill('SIGKILL');
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
