import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
import { logLevels, type LogLevel } from './lib/logger.js';
import { systemResolver, type WebhookTargetConfig } from './outbox/webhook-targets.js';
import { readStorageUrl, type StorageConfig } from './storage/storage-url.js';

/** How the service sends SMS. */
export type SmsConfig = { provider: 'dev' } | { provider: 'http'; url: string; token: string | null };

/** Caps on OTP sends that protect the SMS budget; counted from database rows. */
export interface OtpLimits {
  /** Sends per phone in {@link windowSeconds}. @default 5 */
  perPhone: number;
  /** Sends per client IP in {@link windowSeconds}. @default 30 */
  perIp: number;
  /** Sends per client IP across every org in {@link windowSeconds}. @default 60 */
  perIpAllOrgs: number;
  /** Sends per address block (an IPv4 /24, an IPv6 /56) across every org in {@link windowSeconds}. @default 300 */
  perAddressBlock: number;
  /** Sends per phone prefix (a number without its last four digits) at one org in {@link windowSeconds}. @default 30 */
  perPhonePrefix: number;
  /**
   * Citizen codes an org sends in an hour before numbers that never logged in there need the image
   * check: past it the org keeps serving, at a higher price for newcomers. @default 1000
   */
  perOrgHour: number;
  /** @default 600 */
  windowSeconds: number;
}

/** Caps on other unauthenticated work, per client address in 10 minutes; counted from database rows. */
export interface AddressLimits {
  /** Human checks made for one address, across every org. @default 300 */
  challenges: number;
  /** Wrong operator or staff keys presented from one address; past it even a right key waits. @default 30 */
  keyFailures: number;
  /** @default 600 */
  windowSeconds: number;
}

/** The service configuration, read once from the environment by {@link loadConfig}. */
export interface Config {
  production: boolean;
  port: number;
  host: string;
  /** `sqlite:<file>` or `postgres://…`. */
  databaseUrl: string;
  /** Where generated secrets live (next to the SQLite file), and by default the files. */
  dataDir: string;
  /**
   * `STORAGE_URL`: where file contents go — `file:<dir>` (default `<DATA_DIR>/files`),
   * `s3://bucket/prefix?endpoint=…` or `database:`.
   */
  storage: StorageConfig;
  /**
   * `UPLOAD_BYTES_IN_FLIGHT`: the most upload bytes the process takes in at once; past it new
   * uploads get 503 with `Retry-After`. @default 67108864 (64 MiB)
   */
  uploadBytesInFlight: number;
  adminKey: string;
  /** The file the admin key was generated into, or `null` when it came from the environment. */
  adminKeyFile: string | null;
  /** `true` when this start generated the admin key (print it once). */
  adminKeyGenerated: boolean;
  /** Keys OTP HMACs, proof-of-work signatures and session hashing. */
  serverSecret: string;
  sms: SmsConfig;
  /** The public origin of the service, e.g. `https://counter.example.org`. */
  publicUrl: string | null;
  /** The built widget directory served at `/widget/` (looked at on each request: it may be built later). */
  widgetDist: string;
  /** A directory served at `/` (the demo host site), when configured. */
  demoDir: string | null;
  otpLimits: OtpLimits;
  addressLimits: AddressLimits;
  /** Draws image checks (svg-captcha when absent); a test sets it to know the characters. */
  drawImageCheck?: () => { text: string; svg: string };
  /**
   * Reverse proxies in front of the service (`TRUST_PROXY`): 0 reads the client's address from the
   * socket; N takes it from `X-Forwarded-For` counting N entries from the right, the ones those
   * proxies appended — never an entry further left, which the client may have written itself.
   */
  trustProxyHops: number;
  /** `LOG_LEVEL`: how much the JSON log on stdout says. @default 'info' */
  logLevel: LogLevel;
  /**
   * `SHUTDOWN_GRACE_SECONDS`: on SIGTERM, how long answers in flight (uploads included) may take
   * to finish after the service stops accepting, before their connections are cut. @default 25
   */
  shutdownGraceSeconds: number;
  /** Milliseconds the SMS gateway has to answer one message before the attempt counts as failed. @default 10000 */
  smsTimeoutMs: number;
  /** Milliseconds between outbox polls. @default 500 */
  outboxIntervalMs: number;
  /**
   * Where webhooks may be delivered: `https://` on public addresses only, unless the operator
   * allows `http://` (`WEBHOOK_ALLOW_HTTP=1`) or hosts and ranges of their own network
   * (`WEBHOOK_ALLOW_HOSTS=10.0.0.5,10.1.0.0/16,backoffice.local`).
   */
  webhooks: WebhookTargetConfig;
  /** The clock; tests replace it to move time. */
  now: () => Date;
  version: string;
}

type Env = Record<string, string | undefined>;

/**
 * A setting the service cannot start with. `message` is one line that names the environment
 * variable and says what is wrong with it, so an operator can fix it without reading a stack.
 */
export class ConfigError extends Error {
  override name = 'ConfigError' as const;
  /** The environment variable at fault, e.g. `DATABASE_URL`. */
  readonly variable: string;

  constructor(variable: string, problem: string) {
    super(`${variable} ${problem}`);
    this.variable = variable;
  }
}

/** `true` for a {@link ConfigError}. */
export function isConfigError(error: unknown): error is ConfigError {
  return error instanceof ConfigError;
}

/** The shortest `ADMIN_KEY` and `SERVER_SECRET` production accepts: 32 characters, about 190 bits as base64. */
export const minSecretLength = 32;

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads the configuration from `env`. Secrets absent from the environment are generated on the
 * first start and kept in files of the data directory so they survive restarts; in production
 * they must be given, at least {@link minSecretLength} characters long.
 * @throws {ConfigError} for the first variable that is missing or wrong.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const production = env['NODE_ENV'] === 'production';
  const port = readPort(env['PORT']);
  const databaseUrl = normalizeDatabaseUrl(env['DATABASE_URL'] ?? 'sqlite:./data/citizen-counter.sqlite', cwd);
  const sms = smsConfig(env);
  // The dev provider keeps codes on a public page: a production start with it would hand out logins.
  if (production && sms.provider === 'dev') throw new ConfigError('SMS_PROVIDER', 'must be http when NODE_ENV=production (dev shows every code at /dev/sms).');
  const dataDir = env['DATA_DIR']
    ? resolve(cwd, env['DATA_DIR'])
    : databaseUrl.startsWith('sqlite:')
      ? dirname(databaseUrl.slice('sqlite:'.length))
      : resolve(cwd, 'data');

  const secret = secretFromEnvOrFile(env['SERVER_SECRET'], join(dataDir, 'server-secret'), production, 'SERVER_SECRET');
  const admin = secretFromEnvOrFile(env['ADMIN_KEY'], join(dataDir, 'admin-key'), production, 'ADMIN_KEY');

  return {
    production,
    port,
    host: env['HOST'] ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    storage: storageConfig(env, dataDir, cwd),
    uploadBytesInFlight: readBytes(env, 'UPLOAD_BYTES_IN_FLIGHT', 64 * 1024 * 1024),
    adminKey: admin.value,
    adminKeyFile: admin.file,
    adminKeyGenerated: admin.generated,
    serverSecret: secret.value,
    sms,
    publicUrl: env['PUBLIC_URL'] ? httpUrl('PUBLIC_URL', env['PUBLIC_URL']).replace(/\/+$/, '') : null,
    widgetDist: env['WIDGET_DIST'] ? resolve(cwd, env['WIDGET_DIST']) : resolve(serverDir, '../widget/dist'),
    demoDir: env['DEMO_DIR'] ? resolve(cwd, env['DEMO_DIR']) : null,
    otpLimits: {
      perPhone: readCap(env, 'OTP_PER_PHONE', 5),
      perIp: readCap(env, 'OTP_PER_IP', 30),
      perIpAllOrgs: readCap(env, 'OTP_PER_IP_ALL_ORGS', 60),
      perAddressBlock: readCap(env, 'OTP_PER_ADDRESS_BLOCK', 300),
      perPhonePrefix: readCap(env, 'OTP_PER_PHONE_PREFIX', 30),
      perOrgHour: readCap(env, 'OTP_PER_ORG', 1000, 'code sends per hour'),
      windowSeconds: 600,
    },
    addressLimits: {
      challenges: readCap(env, 'HUMAN_CHECKS_PER_IP', 300, 'human checks per 10 minutes'),
      keyFailures: readCap(env, 'KEY_FAILURES_PER_IP', 30, 'wrong keys per 10 minutes'),
      windowSeconds: 600,
    },
    trustProxyHops: readTrustProxy(env['TRUST_PROXY']),
    logLevel: readLogLevel(env['LOG_LEVEL']),
    shutdownGraceSeconds: readShutdownGrace(env['SHUTDOWN_GRACE_SECONDS']),
    smsTimeoutMs: 10_000,
    outboxIntervalMs: 500,
    webhooks: webhookTargets(env),
    now: () => new Date(),
    version: '0.1.0',
  };
}

function webhookTargets(env: Env): WebhookTargetConfig {
  const allowHttp = readFlag('WEBHOOK_ALLOW_HTTP', env['WEBHOOK_ALLOW_HTTP']);
  const allowNames: string[] = [];
  const allowRanges: string[] = [];
  for (const entry of (env['WEBHOOK_ALLOW_HOSTS'] ?? '').split(',').map((item) => item.trim().toLowerCase()).filter(Boolean)) {
    if (ipaddr.isValidCIDR(entry)) {
      const [address, bits] = ipaddr.parseCIDR(entry);
      allowRanges.push(`${address.toString()}/${bits}`);
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.parse(entry);
      allowRanges.push(`${address.toString()}/${address.kind() === 'ipv4' ? 32 : 128}`);
    } else if (/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(entry)) {
      allowNames.push(entry);
    } else {
      throw new ConfigError('WEBHOOK_ALLOW_HOSTS', `must list host names, addresses or CIDR ranges separated by commas; ${JSON.stringify(entry)} is none of them.`);
    }
  }
  return { allowHttp, allowNames, allowRanges, resolve: systemResolver };
}

function storageConfig(env: Env, dataDir: string, cwd: string): StorageConfig {
  try {
    return readStorageUrl(env['STORAGE_URL'], env, dataDir, cwd);
  } catch (error) {
    throw new ConfigError('STORAGE_URL', (error as Error).message);
  }
}

function readBytes(env: Env, name: string, fallback: number): number {
  const text = env[name]?.trim() ?? '';
  if (text === '') return fallback;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number.isSafeInteger(Number(text))) return Number(text);
  throw new ConfigError(name, `must be a whole number of bytes, not ${JSON.stringify(env[name])}.`);
}

function readFlag(name: string, value: string | undefined): boolean {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === '0' || text === 'false') return false;
  if (text === '1' || text === 'true') return true;
  throw new ConfigError(name, `must be 1 or 0 (true or false), not ${JSON.stringify(value)}.`);
}

function readLogLevel(value: string | undefined): LogLevel {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '') return 'info';
  if ((logLevels as readonly string[]).includes(text)) return text as LogLevel;
  throw new ConfigError('LOG_LEVEL', `must be one of ${logLevels.join(', ')}, not ${JSON.stringify(value)}.`);
}

/** A cap on code sends in the 10-minute window, from the environment or its default. */
function readCap(env: Env, name: string, fallback: number, unit = 'code sends per 10 minutes'): number {
  const text = env[name]?.trim() ?? '';
  if (text === '') return fallback;
  if (/^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 1_000_000) return Number(text);
  throw new ConfigError(name, `must be a whole number of ${unit} (1–1000000), not ${JSON.stringify(env[name])}.`);
}

function readShutdownGrace(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 25;
  if (/^\d+$/.test(text) && Number(text) <= 600) return Number(text);
  throw new ConfigError('SHUTDOWN_GRACE_SECONDS', `must be a number of seconds from 0 to 600, not ${JSON.stringify(value)}.`);
}

function readTrustProxy(value: string | undefined): number {
  const text = value?.trim().toLowerCase() ?? '';
  if (text === '' || text === '0' || text === 'false') return 0;
  if (text === 'true') return 1;
  if (/^\d+$/.test(text) && Number(text) <= 10) return Number(text);
  throw new ConfigError('TRUST_PROXY', `must be the number of reverse proxies in front of the service (0–10), not ${JSON.stringify(value)}.`);
}

function readPort(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const port = Number(value);
  if (!/^\d+$/.test(value.trim()) || port > 65_535) {
    throw new ConfigError('PORT', `must be a whole number from 0 to 65535, not ${JSON.stringify(value)}.`);
  }
  return port;
}

const databaseUrlForms = 'sqlite:<file> or postgres://user:password@host:5432/database';

function normalizeDatabaseUrl(url: string, cwd: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    if (!canParseUrl(url)) throw new ConfigError('DATABASE_URL', `is not a valid URL (use ${databaseUrlForms}).`);
    return url;
  }
  // Two letters at least, so that a Windows path such as C:\data\db.sqlite stays a file name.
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(url)?.[1];
  if (scheme && scheme !== 'sqlite') {
    throw new ConfigError('DATABASE_URL', `has an unknown scheme "${scheme}:" (use ${databaseUrlForms}).`);
  }
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (!file) throw new ConfigError('DATABASE_URL', `names no file (use ${databaseUrlForms}).`);
  return `sqlite:${resolve(cwd, file)}`;
}

function canParseUrl(url: string): boolean {
  try {
    new URL(url);
    return true;
  } catch {
    return false;
  }
}

function httpUrl(name: string, value: string): string {
  if (!/^https?:\/\//.test(value) || !canParseUrl(value)) throw new ConfigError(name, `must be an http:// or https:// URL, not ${JSON.stringify(value)}.`);
  return value;
}

function secretFromEnvOrFile(
  value: string | undefined,
  file: string,
  production: boolean,
  name: string,
): { value: string; file: string | null; generated: boolean } {
  if (value) return { value: strongEnough(name, value, production, ''), file: null, generated: false };
  if (existsSync(file)) {
    return { value: strongEnough(name, readFileSync(file, 'utf8').trim(), production, ` (read from ${file})`), file, generated: false };
  }
  if (production) throw new ConfigError(name, 'is required when NODE_ENV=production.');
  mkdirSync(dirname(file), { recursive: true });
  const generated = name === 'ADMIN_KEY' ? `cc_admin_${randomBytes(24).toString('base64url')}` : randomBytes(32).toString('base64url');
  // Readable by the owner only: the file is as sensitive as the environment variable it replaces.
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return { value: generated, file, generated: true };
}

/** A production secret must resist guessing; a short one is refused rather than used. */
function strongEnough(name: string, value: string, production: boolean, source: string): string {
  if (production && value.length < minSecretLength) {
    throw new ConfigError(name, `must be at least ${minSecretLength} characters when NODE_ENV=production; it has ${value.length}${source}.`);
  }
  return value;
}

function smsConfig(env: Env): SmsConfig {
  const provider = env['SMS_PROVIDER'] ?? 'dev';
  if (provider === 'dev') return { provider: 'dev' };
  if (provider === 'http') {
    const url = env['SMS_HTTP_URL'];
    if (!url) throw new ConfigError('SMS_HTTP_URL', 'is required with SMS_PROVIDER=http.');
    return { provider: 'http', url: httpUrl('SMS_HTTP_URL', url), token: env['SMS_HTTP_TOKEN'] ?? null };
  }
  throw new ConfigError('SMS_PROVIDER', `must be dev or http, not ${JSON.stringify(provider)}.`);
}
