import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import pg from 'pg';
import { AdminClient, CitizenClient, StaffClient, normalizeDigits, solveChallenge } from '@citizen-counter/sdk';
import type { ApiKeyRole, DevSmsMessage, Org, OrgSettingsPatch, Session, StaffMember, StaffRole } from '@citizen-counter/sdk';
import { createApp, type CitizenCounterApp, type ObservedResponse } from '../app.js';
import { loadConfig, type Config } from '../config.js';
import { ContractChecker } from './contract.js';
import { startS3Server, testStorage, type TestS3Server } from './s3-server.js';

/** A clock tests can move forward. */
export interface TestClock {
  now(): Date;
  advance(ms: number): void;
}

/** A logged-in citizen. */
export interface TestCitizen {
  client: CitizenClient;
  phone: string;
  session: Session;
}

/** A logged-in staff member. */
export interface TestStaff {
  client: StaffClient;
  member: StaffMember;
  phone: string;
}

/** A running service on an ephemeral port with its own database and one org. */
export interface TestServer {
  baseUrl: string;
  app: CitizenCounterApp;
  config: Config;
  clock: TestClock;
  admin: AdminClient;
  adminKey: string;
  org: Org;
  unitId: string;
  /** A citizen client of `org` (default: the test org), not logged in. */
  citizenClient(org?: string): CitizenClient;
  /** Goes through challenge, OTP and login; answers with a logged-in citizen. */
  login(options?: { phone?: string; org?: string }): Promise<TestCitizen>;
  /** Messages the dev SMS provider kept for a phone (E.164), newest first. */
  readSms(phone: string): Promise<DevSmsMessage[]>;
  /** The code of the newest OTP SMS to a phone; with `seen`, the newest one not among those. */
  latestCode(phone: string, seen?: readonly string[]): Promise<string>;
  /** A staff client with a fresh API key of `org` (default: the test org), role `admin` unless told. */
  staff(org?: string, role?: ApiKeyRole): Promise<StaffClient>;
  /** Adds a staff member to the test org through the operator API and logs them in by SMS code. */
  staffMember(input: { role: StaffRole; unitIds?: string[]; name?: string; phone?: string }): Promise<TestStaff>;
  /**
   * Starts a second service on the same PostgreSQL database, as a second process would run: its own
   * connection pool, caches and outbox worker. Closed with this one. PostgreSQL only.
   */
  sibling(): Promise<{ baseUrl: string; app: CitizenCounterApp }>;
  /** Creates another org with one unit. */
  createOrg(id: string, settings?: OrgSettingsPatch): Promise<{ org: Org; unitId: string }>;
  close(): Promise<void>;
}

/**
 * Lets webhooks reach listeners on this machine over plain http, for tests that receive them on
 * loopback. Never a default: the service refuses loopback targets unless the operator allows them.
 */
export function allowLoopbackWebhooks(config: Config): void {
  config.webhooks = { ...config.webhooks, allowHttp: true, allowRanges: [...config.webhooks.allowRanges, '127.0.0.0/8'] };
}

/** Options of {@link getTestServer}. */
export interface TestServerOptions {
  settings?: OrgSettingsPatch;
  /** Always on a SQLite file, even when `TEST_DATABASE_URL` is set (what only SQLite has, e.g. its backups). */
  sqlite?: boolean;
  /** The file store; default `TEST_STORAGE`, else filesystem (the service's default). */
  storage?: 'database' | 'filesystem' | 's3';
  configure?: (config: Config) => void;
}

let phoneCounter = 0;

/** A mobile number no other test of this process uses, in local form (`09…`). */
export function uniquePhone(): string {
  phoneCounter += 1;
  return `0912${String((process.pid * 1000 + phoneCounter) % 10_000_000).padStart(7, '0')}`;
}

/** A `fetch` whose calls arrive as if through a proxy that wrote `forwardedFor` (tests set `TRUST_PROXY`). */
export function fetchVia(forwardedFor: string): typeof fetch {
  return (input, init) => {
    const request = new Request(input, init);
    request.headers.set('x-forwarded-for', forwardedFor);
    return fetch(request);
  };
}

/** Turns a local `09…` number into E.164. */
export function e164(phone: string): string {
  return `+98${normalizeDigits(phone).slice(1)}`;
}

/**
 * Builds the app on an ephemeral port over a temp SQLite file, or over a fresh schema of
 * `TEST_DATABASE_URL` (PostgreSQL), runs migrations and creates an org through the admin API.
 */
export async function getTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'cc-test-'));
  const pgUrl = options.sqlite ? null : process.env['TEST_DATABASE_URL'] || null;
  const schema = pgUrl ? `t_${process.pid}_${Math.random().toString(36).slice(2, 10)}` : null;
  if (pgUrl && schema) await pgQuery(pgUrl, `CREATE SCHEMA ${schema}`);
  let offset = 0;
  const clock: TestClock = { now: () => new Date(Date.now() + offset), advance: (ms) => (offset += ms) };
  const storage = options.storage ?? testStorage();
  const s3: TestS3Server | null = storage === 's3' ? await startS3Server(join(dir, 's3')) : null;
  const storageUrl = storage === 'database' ? 'database:' : storage === 's3' && s3 ? s3.storageUrl : `file:${join(dir, 'files')}`;
  const config = loadConfig({
    DATABASE_URL: pgUrl ?? `sqlite:${join(dir, 'test.sqlite')}`, DATA_DIR: dir, SMS_PROVIDER: 'dev', WIDGET_DIST: join(dir, 'widget'),
    STORAGE_URL: storageUrl, ...s3?.env,
  });
  config.now = clock.now;
  // Every test call comes from one address: the caps a test is not about are out of its way.
  config.otpLimits = { ...config.otpLimits, perIp: 100_000, perIpAllOrgs: 100_000, perAddressBlock: 100_000, perPhonePrefix: 100_000, perOrgHour: 100_000 };
  config.addressLimits = { ...config.addressLimits, challenges: 100_000, keyFailures: 100_000 };
  config.outboxIntervalMs = 100;
  // The access log of every test request would drown the test output; unexpected failures still show.
  config.logLevel = 'error';
  options.configure?.(config);
  // Every answer is checked against the OpenAPI document; close() fails the suite on any mismatch.
  const contract = new ContractChecker();
  const mismatches: string[] = [];
  const observe = (response: ObservedResponse) => {
    const mismatch = contract.check(response);
    if (mismatch) mismatches.push(mismatch);
  };
  const app = await createApp(config, schema ? { schema, observe } : { observe });
  const baseUrl = await app.listen(0, '127.0.0.1');
  const siblings: CitizenCounterApp[] = [];
  const admin = new AdminClient({ baseUrl, adminKey: config.adminKey });

  const createOrg = async (id: string, settings: OrgSettingsPatch = {}) => {
    const org = await admin.createOrg({ id, name: { fa: `سازمان ${id}`, en: `Org ${id}` }, settings });
    const unit = await admin.addUnit(id, { name: { fa: 'دبیرخانه', en: 'Secretariat' } });
    return { org, unitId: unit.id };
  };
  // The submission SMS leaves through the outbox after the answer, so it would land among the SMS
  // tests read after a staff action at any moment: off unless a test is about it.
  const main = await createOrg('test-org', { ...options.settings, notifications: { submitted: false, ...options.settings?.notifications } });
  const citizenClient = (org = main.org.id) => new CitizenClient({ baseUrl, org });

  const readSms = async (phone: string): Promise<DevSmsMessage[]> => {
    const response = await fetch(`${baseUrl}/dev/sms?to=${encodeURIComponent(phone)}`);
    return ((await response.json()) as { items: DevSmsMessage[] }).items;
  };
  const codesOf = async (phone: string) => (await readSms(phone)).map((sms) => /(\d{6})/.exec(sms.text)?.[1]).filter((code): code is string => Boolean(code));
  /** The newest code sent to a phone; with `seen`, the newest one not among those (a code still on its way). */
  const latestCode = async (phone: string, seen: readonly string[] = []): Promise<string> => {
    for (let tries = 0; tries < 50; tries++) {
      const code = (await codesOf(phone)).find((candidate) => !seen.includes(candidate));
      if (code) return code;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`No code was sent to ${phone}`);
  };

  return {
    baseUrl,
    app,
    config,
    clock,
    admin,
    adminKey: config.adminKey,
    org: main.org,
    unitId: main.unitId,
    citizenClient,
    readSms,
    latestCode,
    createOrg,
    async login(loginOptions = {}) {
      const phone = loginOptions.phone ?? uniquePhone();
      const client = citizenClient(loginOptions.org);
      const challenge = await client.createChallenge();
      if (challenge.kind !== 'pow') throw new Error('The test org uses pow.');
      const seen = await codesOf(e164(phone));
      await client.requestOtp({ phone, challenge: await solveChallenge(challenge) });
      const session = await client.login({ phone, code: await latestCode(e164(phone), seen) });
      return { client, phone, session };
    },
    async staff(org = main.org.id, role: ApiKeyRole = 'admin') {
      const { key } = await admin.createApiKey(org, `test ${role}`, role);
      return new StaffClient({ baseUrl, org, apiKey: key });
    },
    async staffMember(input) {
      const phone = input.phone ?? uniquePhone();
      const org = main.org.id;
      const member = await admin.addStaff(org, { phone, name: input.name ?? `Staff ${input.role}`, role: input.role, unitIds: input.unitIds ?? [] });
      const client = new StaffClient({ baseUrl, org });
      const challenge = await client.createChallenge();
      if (challenge.kind !== 'pow') throw new Error('The test org uses pow.');
      const seen = await codesOf(e164(phone));
      await client.requestOtp({ phone, challenge: await solveChallenge(challenge) });
      await client.login({ phone, code: await latestCode(e164(phone), seen) });
      return { client, member, phone };
    },
    async sibling() {
      if (!schema) throw new Error('Two services share one database on PostgreSQL only (set TEST_DATABASE_URL).');
      const other = await createApp({ ...config }, { schema, observe });
      siblings.push(other);
      return { baseUrl: await other.listen(0, '127.0.0.1'), app: other };
    },
    async close() {
      for (const other of siblings) await other.close();
      await app.close();
      await s3?.close();
      if (pgUrl && schema) await pgQuery(pgUrl, `DROP SCHEMA ${schema} CASCADE`);
      await rm(dir, { recursive: true, force: true });
      if (mismatches.length > 0) throw new Error(`Answers that disagree with the OpenAPI document:\n${mismatches.join('\n')}`);
    },
  };
}

/**
 * Runs a test server for the tests of the enclosing `describe`: starts it in a `before` hook and
 * closes it in an `after` hook. Call it in the suite's body; call the accessor inside tests or later
 * hooks (hooks run in the order they are registered, so a `before` written below sees the server).
 *
 * @example
 * ```ts
 * describe('one-time codes', () => {
 *   const server = useTestServer({ settings: { otp: { ttlSeconds: 120 } } });
 *   it('should …', async () => {
 *     const { client } = await server().login();
 *   });
 * });
 * ```
 */
export function useTestServer(options: TestServerOptions = {}): () => TestServer {
  let server: TestServer | undefined;
  before(async () => {
    server = await getTestServer(options);
  });
  after(async () => {
    await server?.close();
  });
  return () => {
    if (!server) throw new Error('The test server is not running: use it inside it() or a hook, not in the describe() body.');
    return server;
  };
}

async function pgQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
