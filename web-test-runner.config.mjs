// @ts-check
// Browser tests of <citizen-counter> in real headless Chromium against a REAL server.
// The server (server/src/main.ts, demo org, dev SMS) starts as a child process on a free port
// with a fresh SQLite file; the test dev server proxies /v1 and /dev to it, so the widget calls
// its API same-origin (api = location.origin) just as on the demo page.
// Set CC_API_URL to use a server that is already running instead.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import { AdminClient, StaffClient } from '@citizen-counter/sdk';
import sqlite3 from 'sqlite3';

const root = fileURLToPath(new URL('.', import.meta.url));

/** The first Chromium found; `undefined` lets the launcher report that there is none. */
function chromePath() {
  const candidates = [process.env.CHROME_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path) => path && existsSync(path));
}

/** @returns {Promise<number>} a TCP port free on 127.0.0.1 right now */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(port));
    });
  });
}

// The operator key of the spawned server, so tests can play the org's staff (approve, reject, reply).
const adminKey = process.env.CC_ADMIN_KEY ?? `cc_admin_test_${randomBytes(16).toString('hex')}`;

/** @returns {Promise<string>} the API's base URL */
/** The test server's SQLite file; `null` when the tests run against a server of someone else's (`CC_API_URL`). */
/** @type {string | null} */
let databaseFile = null;

async function startServer() {
  if (process.env.CC_API_URL) return process.env.CC_API_URL.replace(/\/+$/, '');
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-wtr-'));
  databaseFile = join(dataDir, 'citizen-counter.sqlite');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts'), '--demo'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${databaseFile}`,
      DATA_DIR: dataDir,
      DEMO: '1',
      SMS_PROVIDER: 'dev',
      ADMIN_KEY: adminKey,
      // Every test logs people in from 127.0.0.1, with numbers of few ranges: the caps per address,
      // network and range would refuse the suite (a test that is about them sets its org's own).
      OTP_PER_IP: '100000',
      OTP_PER_IP_ALL_ORGS: '100000',
      OTP_PER_ADDRESS_BLOCK: '100000',
      OTP_PER_PHONE_PREFIX: '100000',
      OTP_PER_ORG: '100000',
      HUMAN_CHECKS_PER_IP: '100000',
      KEY_FAILURES_PER_IP: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout.on('data', (chunk) => (log += chunk));
  child.stderr.on('data', (chunk) => (log += chunk));
  process.on('exit', () => {
    child.kill();
    rmSync(dataDir, { recursive: true, force: true });
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`The server exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return url;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The server did not start in 30 s:\n${log}`);
}

const apiUrl = await startServer();

/**
 * Forwards the API paths to the server, without the browser's Origin (same-origin for the widget).
 * @param {import('@web/dev-server-core').Context} ctx
 * @param {() => Promise<unknown>} next
 */
async function proxyApi(ctx, next) {
  if (!ctx.path.startsWith('/v1/') && !ctx.path.startsWith('/dev/') && ctx.path !== '/healthz') return next();
  /** @type {Buffer[]} */
  const chunks = [];
  if (!['GET', 'HEAD'].includes(ctx.method)) for await (const chunk of ctx.req) chunks.push(chunk);
  const headers = new Headers();
  const dropped = ['host', 'origin', 'referer', 'connection', 'content-length', 'accept-encoding'];
  for (const [name, value] of Object.entries(ctx.headers)) {
    if (value !== undefined && !dropped.includes(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const answer = await fetch(`${apiUrl}${ctx.url}`, {
    method: ctx.method,
    headers,
    body: chunks.length > 0 ? Buffer.concat(chunks) : null,
    redirect: 'manual',
  });
  ctx.status = answer.status;
  for (const [name, value] of answer.headers) {
    if (!['content-encoding', 'content-length', 'transfer-encoding', 'connection'].includes(name)) ctx.set(name, value);
  }
  ctx.body = Buffer.from(await answer.arrayBuffer());
}

/** @type {StaffClient | undefined} */
let staff;

/**
 * Test-only helpers on the test server, through the SDK as the operator and the org's staff:
 * `POST /__cc-test/staff` with `{id, action: 'approve' | 'reject' | 'refer' | 'documents' | 'none',
 * reason?, message?, reply?}` works a demo request (a staff key is made once; `refer` sends it to the
 * demo org's last unit, `documents` asks for `message`, `reply` then replies); `POST /__cc-test/org` with `{id, settings}` creates an org; `POST /__cc-test/api-url` answers the service's own URL;
 * `POST /__cc-test/staff-member` with `{phone, name, role, unitIds?}` adds a demo staff member;
 * `POST /__cc-test/remove-files` with `{id}` marks every file of a request removed by the retention
 * policy in the server's database, as the retention job leaves them (it runs on closed requests days
 * old, which a test cannot wait for).
 */
async function staffDesk(/** @type {import('@web/dev-server-core').Context} */ ctx, /** @type {() => Promise<unknown>} */ next) {
  if (!ctx.path.startsWith('/__cc-test/') || ctx.method !== 'POST') return next();
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of ctx.req) chunks.push(chunk);
  const input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  if (ctx.path === '/__cc-test/api-url') {
    // The service's own origin: a page calling it there is a cross-origin host site.
    ctx.body = { url: apiUrl };
    return;
  }
  if (ctx.path === '/__cc-test/org') {
    // Another org, e.g. one that chose the visual code image.
    const admin = new AdminClient({ baseUrl: apiUrl, adminKey });
    const org = await admin.createOrg({ id: input.id, name: { fa: 'سازمان آزمایشی', en: 'Test Org' }, settings: input.settings ?? {} });
    await admin.addUnit(input.id, { name: { fa: 'دبیرخانه', en: 'Secretariat' } });
    ctx.body = org;
    return;
  }
  if (ctx.path === '/__cc-test/staff-member') {
    // A demo-org staff member for the desk's tests: `{phone, name, role, unitIds?}`.
    const admin = new AdminClient({ baseUrl: apiUrl, adminKey });
    ctx.body = await admin.addStaff('demo', { phone: input.phone, name: input.name, role: input.role, unitIds: input.unitIds ?? [] });
    return;
  }
  if (ctx.path === '/__cc-test/remove-files') {
    if (!databaseFile) throw new Error('remove-files needs the test server of this run, not CC_API_URL');
    const removedAt = new Date().toISOString().replace('T', ' ').replace('Z', ' +00:00');
    ctx.body = { removed: await sqliteRun(databaseFile, `UPDATE "files" SET "removedAt" = ?, "removedReason" = 'retention' WHERE "requestId" = ?`, [removedAt, input.id]) };
    return;
  }
  const { id, action, reason, reply } = input;
  if (!staff) {
    const { key } = await new AdminClient({ baseUrl: apiUrl, adminKey }).createApiKey('demo', 'widget tests');
    staff = new StaffClient({ baseUrl: apiUrl, org: 'demo', apiKey: key });
  }
  /** @type {import('@citizen-counter/sdk').StaffRequest} */
  let request;
  if (action === 'refer') {
    const { units } = await staff.getProfile();
    request = await staff.refer(id, { unitId: /** @type {{id: string}} */ (units.at(-1)).id });
  } else if (action === 'documents') request = await staff.requestDocuments(id, { message: input.message });
  else if (action === 'approve') request = await staff.approve(id);
  else if (action === 'reject') request = await staff.reject(id, { reason });
  else request = await staff.getRequest(id);
  if (reply) {
    const file = new Blob(['%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'], { type: 'application/pdf' });
    request = await staff.reply(id, { text: reply, file, fileName: 'reply.pdf' });
  }
  ctx.body = request;
}

/**
 * Runs one statement on a SQLite file, waiting for the server's writer if it holds the lock.
 * @param {string} file
 * @param {string} sql
 * @param {unknown[]} values
 * @returns {Promise<number>} the rows changed
 */
function sqliteRun(file, sql, values) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (openError) => {
      if (openError) return reject(openError);
      db.configure('busyTimeout', 5000);
      db.run(sql, values, function (error) {
        const changes = this?.changes ?? 0;
        db.close(() => (error ? reject(error) : resolve(changes)));
      });
    });
  });
}

/**
 * Prints `N passed, N failed` on a line of its own at the very end (CI greps for it).
 * @returns {import('@web/test-runner').Reporter}
 */
function summaryReporter() {
  let passed = 0;
  let failed = 0;
  /** @param {import('@web/test-runner').TestSuiteResult} suite */
  const count = (suite) => {
    for (const test of suite.tests) {
      if (test.skipped) continue;
      if (test.passed) passed++;
      else failed++;
    }
    for (const child of suite.suites) count(child);
  };
  return {
    onTestRunFinished({ sessions }) {
      passed = 0;
      failed = 0;
      for (const session of sessions) {
        if (session.testResults) count(session.testResults);
        // A file that failed to load or run has no test results but must still fail the run.
        if (!session.passed && (session.errors?.length ?? 0) > 0) failed++;
      }
    },
    stop() {
      // After everything else, including the progress the CLI prints once more on exit.
      process.once('exit', () => process.stdout.write(`\n${passed} passed, ${failed} failed\n`));
    },
  };
}

const executablePath = chromePath();

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  rootDir: root,
  // Absolute, so the run works from the root and from widget/ (npm test -w widget).
  files: [join(root, 'widget/src/**/*.test.ts')],
  nodeResolve: { exportConditions: ['production', 'default'] },
  plugins: [esbuildPlugin({ ts: true, tsconfig: join(root, 'widget/tsconfig.json'), target: 'es2022' })],
  middleware: [proxyApi, staffDesk],
  browsers: [
    chromeLauncher({
      launchOptions: {
        ...(executablePath ? { executablePath } : {}),
        headless: true,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--disable-quic',
        ],
      },
    }),
  ],
  // One page at a time: the tests share one real server and its per-IP OTP cap, and a page's
  // proof-of-work would otherwise compete with another page's timers for the same renderer.
  concurrency: 1,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  reporters: [defaultReporter(), summaryReporter()],
};
