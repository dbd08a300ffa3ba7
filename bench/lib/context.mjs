// @ts-check
// What every measurement shares: the figures table, the log, a temporary directory, child
// processes, and — made once, the first time a measurement asks for it — the real server (its files
// in the filesystem store, the default, named explicitly) with one org, one unit and one citizen
// logged in through the real flow, who has filed 50 requests with a 100 KB body file each.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdminClient, CitizenClient, normalizeDigits, solveChallenge } from '@citizen-counter/sdk';
import { query } from './seed.mjs';
import { startSmsSink } from './sms-sink.mjs';
import { makePdf } from './submit.mjs';
import { freePort, sleep, spawnChild, waitForHttp } from './util.mjs';

/** @typedef {import('./util.mjs').Child} Child */
/** @typedef {import('./sms-sink.mjs').SmsSink} SmsSink */
/** @typedef {'PASS' | 'FAIL' | '—'} Verdict */

/**
 * One line of the results table.
 * @typedef {object} Row
 * @property {string} step the measurement that made it
 * @property {string} metric
 * @property {string} value
 * @property {string} budget
 * @property {Verdict} verdict
 */

/**
 * The server the measurements run against, with the session the load is sent under.
 * @typedef {object} Session
 * @property {string} baseUrl
 * @property {string} dbFile the server's SQLite file
 * @property {string} orgId
 * @property {string} unitId
 * @property {string} citizenId
 * @property {Record<string, string>} auth the citizen's `authorization` header
 * @property {string} adminKey the operator key every server of the run takes
 * @property {{ trackingCode: string }[]} seeded the 50 requests filed through the API
 * @property {string} filesDir the filesystem store's directory (`STORAGE_URL=file:…`), shared by
 *   every server of the run
 * @property {SmsSink} sink where every server of the run sends its SMS
 * @property {() => number} pid the main server's process id (it changes with `restart`)
 * @property {(file: string, port: number, name: string) => Promise<Child>} launch starts another
 *   server process on `file` (an SQLite file, or a `postgres://` URL); it is stopped at the end of
 *   the run, or earlier with `halt`
 * @property {() => Promise<void>} restart starts the main server again after `stop`
 * @property {() => Promise<void>} stop stops the main server (e.g. to copy its database)
 */

/** The repository root, with a trailing slash. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/** Everything a measurement needs; made once per run by `createContext`. */
export class BenchContext {
  /** `BENCH_QUICK=1`: shorter load phases, rougher figures. */
  quick = process.env.BENCH_QUICK === '1';
  /** @type {Row[]} */
  rows = [];
  /** @type {string[]} caveats, printed and written under "Notes" */
  notes = [];
  /** @type {string[]} figures behind the table, written under "Details" */
  details = [];
  startedAt = Date.now();
  tmp = mkdtempSync(join(os.tmpdir(), 'cc-bench-'));
  /** @type {Child[]} */
  children = [];
  /** @type {SmsSink | null} */
  #sink = null;
  /** @type {Child | null} */
  #server = null;
  /** @type {Promise<Session> | null} */
  #session = null;

  /** @param {string} message */
  log(message) {
    console.log(`[bench ${((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(5)} s] ${message}`);
  }

  /** @param {Row} row */
  record(row) {
    this.rows.push(row);
    this.log(`${row.metric}: ${row.value} (budget ${row.budget}) ${row.verdict}`);
  }

  /**
   * @param {boolean} ok
   * @returns {Verdict}
   */
  verdict(ok) {
    return ok ? 'PASS' : 'FAIL';
  }

  /**
   * Spawns a process that is stopped at the end of the run at the latest.
   * @param {string[]} args arguments to `node`
   * @param {string} name
   * @param {NodeJS.ProcessEnv} [env]
   */
  spawn(args, name, env = process.env) {
    const child = spawnChild(process.execPath, args, { env, cwd: root, name });
    this.children.push(child);
    return child;
  }

  /** @param {Child} child stops it now */
  async halt(child) {
    await child.stop();
    this.children.splice(this.children.indexOf(child), 1);
  }

  /** The server output's tail, for a run that stopped early. */
  get serverOutput() {
    return this.#server?.output ?? '';
  }

  /** The real server and a logged-in citizen, started on first use. */
  session() {
    this.#session ??= this.#startSession();
    return this.#session;
  }

  /** Stops every process and deletes the temporary directory. */
  async cleanUp() {
    for (const child of [...this.children]) await child.stop().catch(() => undefined);
    await this.#sink?.close().catch(() => undefined);
    rmSync(this.tmp, { recursive: true, force: true });
  }

  /** @returns {Promise<Session>} */
  async #startSession() {
    const sink = await startSmsSink();
    this.#sink = sink;
    const dbFile = join(this.tmp, 'server.sqlite');
    const filesDir = join(this.tmp, 'files');
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // Production wants keys of 32 characters or more.
    const adminKey = `cc_admin_bench_${randomBytes(24).toString('hex')}`;
    const orgId = 'bench';
    const phone = '09120000001';
    /** @type {(file: string, listenPort: number, name: string) => Promise<Child>} */
    const launch = async (file, listenPort, name) => {
      const child = this.spawn(['--import', 'tsx', join(root, 'server/src/main.ts')], name, {
        ...process.env,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(listenPort),
        PUBLIC_URL: `http://127.0.0.1:${listenPort}`,
        DATABASE_URL: /^postgres(ql)?:\/\//.test(file) ? file : `sqlite:${file}`,
        DATA_DIR: this.tmp,
        ADMIN_KEY: adminKey,
        SERVER_SECRET: 'bench-server-secret-0123456789abcdef0123456789abcdef',
        SMS_PROVIDER: 'http',
        SMS_HTTP_URL: sink.url,
        STORAGE_URL: `file:${filesDir}`,
        WIDGET_DIST: join(root, 'widget/dist'),
      });
      await waitForHttp(`http://127.0.0.1:${listenPort}/healthz`, 60_000, () => child.alive);
      return child;
    };
    const restart = async () => {
      this.#server = await launch(dbFile, port, 'server');
    };
    const stop = async () => {
      if (this.#server) await this.halt(this.#server);
      this.#server = null;
    };

    this.log(`starting the server (NODE_ENV=production, SQLite ${dbFile}, SMS over http to a local sink)`);
    await restart();

    const { unitId, citizen, token, phone: e164 } = await prepareCitizen(new AdminClient({ baseUrl, adminKey }), { baseUrl, orgId, phone, sink });
    const row = /** @type {{ id: string } | undefined} */ (await query(dbFile, 'SELECT id FROM citizens WHERE orgId = ? AND phone = ?', orgId, e164));
    if (!row) throw new Error(`no citizen row for ${e164}`);
    this.log(`logged in as ${e164} (citizen ${row.id})`);
    const seeded = await fileRequests(citizen, unitId, 50);
    this.log(`seeded 50 requests with a 100 KB body file each through the API (tracking code e.g. ${seeded[0]?.trackingCode})`);
    const pid = () => this.#server?.child.pid ?? NaN;
    return { baseUrl, dbFile, orgId, unitId, citizenId: row.id, auth: { authorization: `Bearer ${token}` }, adminKey, seeded, filesDir, sink, pid, launch, restart, stop };
  }
}

/**
 * Makes an org with one unit through the admin API and logs a citizen in through the real flow
 * (proof of work + the code from the SMS).
 * @param {AdminClient} admin
 * @param {{ baseUrl: string, orgId: string, phone: string, sink: SmsSink }} options
 */
export async function prepareCitizen(admin, { baseUrl, orgId, phone, sink }) {
  await admin.createOrg({ id: orgId, name: { fa: 'سازمان سنجش', en: 'Bench Org' } });
  const unit = await admin.addUnit(orgId, { name: { fa: 'دبیرخانه', en: 'Secretariat' } });
  const citizen = new CitizenClient({ baseUrl, org: orgId });
  const profile = await citizen.getOrg();
  const challenge = await citizen.createChallenge();
  if (challenge.kind !== 'pow') throw new Error(`the human check is "${challenge.kind}", expected "pow"`);
  await citizen.requestOtp({ phone, challenge: await solveChallenge(challenge) });
  const code = await readOtp(sink, profile.otp?.length ?? 6);
  const login = await citizen.login({ phone, code });
  return { unitId: unit.id, citizen: new CitizenClient({ baseUrl, org: orgId, token: login.token }), token: login.token, phone: login.phone };
}

/**
 * Files `count` requests through the API, each with a 100 KB PDF of its own (a distinct content,
 * so a distinct file in the store), as a citizen would.
 * @param {CitizenClient} citizen logged in
 * @param {string} unitId
 * @param {number} count
 */
export async function fileRequests(citizen, unitId, count) {
  const seeded = [];
  for (let i = 0; i < count; i++) {
    const pdf = makePdf(100 * 1024, `request ${i + 1} ${randomBytes(8).toString('hex')}`);
    seeded.push(
      await citizen.submitRequest({
        fullName: 'شهروند سنجش',
        subject: `درخواست شماره ${i + 1}`,
        unitId,
        body: new Blob([pdf], { type: 'application/pdf' }),
        fileName: `letter-${i + 1}.pdf`,
      }),
    );
  }
  return seeded;
}

/**
 * Waits for the SMS with the login code and reads the code from it (Persian digits accepted).
 * @param {SmsSink} sink
 * @param {number} length the org's code length
 */
async function readOtp(sink, length) {
  const deadline = Date.now() + 15_000;
  const pattern = new RegExp(`(?<!\\d)\\d{${length}}(?!\\d)`, 'g');
  while (Date.now() < deadline) {
    for (const message of [...sink.messages].reverse()) {
      const codes = normalizeDigits(String(message.text ?? '')).match(pattern);
      if (codes) return codes.at(-1) ?? '';
    }
    await sleep(100);
  }
  throw new Error('no SMS with a login code reached the sink within 15 s');
}
