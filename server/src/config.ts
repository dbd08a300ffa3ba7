import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How the service sends SMS. */
export type SmsConfig = { provider: 'dev' } | { provider: 'http'; url: string; token: string | null };

/** Caps on OTP sends that protect the SMS budget; counted from database rows. */
export interface OtpLimits {
  /** Sends per phone in {@link windowSeconds}. @default 5 */
  perPhone: number;
  /** Sends per client IP in {@link windowSeconds}. @default 30 */
  perIp: number;
  /** Sends per org in {@link windowSeconds}. @default 1000 */
  perOrg: number;
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
  /** Where generated secrets live (next to the SQLite file). */
  dataDir: string;
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
  /** Read the client address from `X-Forwarded-For` (behind a reverse proxy). @default false */
  trustProxy: boolean;
  /** Milliseconds between outbox polls. @default 500 */
  outboxIntervalMs: number;
  /** The clock; tests replace it to move time. */
  now: () => Date;
  version: string;
}

type Env = Record<string, string | undefined>;

const serverDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads the configuration from `env`. Secrets absent from the environment are generated on the
 * first start and kept in files of the data directory so they survive restarts; in production
 * they must be given.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const production = env['NODE_ENV'] === 'production';
  const databaseUrl = normalizeDatabaseUrl(env['DATABASE_URL'] ?? 'sqlite:./data/citizen-counter.sqlite', cwd);
  const dataDir = env['DATA_DIR']
    ? resolve(cwd, env['DATA_DIR'])
    : databaseUrl.startsWith('sqlite:')
      ? dirname(databaseUrl.slice('sqlite:'.length))
      : resolve(cwd, 'data');

  const secret = secretFromEnvOrFile(env['SERVER_SECRET'], join(dataDir, 'server-secret'), production, 'SERVER_SECRET');
  const admin = secretFromEnvOrFile(env['ADMIN_KEY'], join(dataDir, 'admin-key'), production, 'ADMIN_KEY');

  return {
    production,
    port: Number(env['PORT'] ?? 8080),
    host: env['HOST'] ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    adminKey: admin.value,
    adminKeyFile: admin.file,
    adminKeyGenerated: admin.generated,
    serverSecret: secret.value,
    sms: smsConfig(env),
    publicUrl: env['PUBLIC_URL']?.replace(/\/+$/, '') ?? null,
    widgetDist: env['WIDGET_DIST'] ? resolve(cwd, env['WIDGET_DIST']) : resolve(serverDir, '../widget/dist'),
    demoDir: env['DEMO_DIR'] ? resolve(cwd, env['DEMO_DIR']) : null,
    otpLimits: { perPhone: 5, perIp: 30, perOrg: 1000, windowSeconds: 600 },
    trustProxy: env['TRUST_PROXY'] === '1' || env['TRUST_PROXY'] === 'true',
    outboxIntervalMs: 500,
    now: () => new Date(),
    version: '0.1.0',
  };
}

function normalizeDatabaseUrl(url: string, cwd: string): string {
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return url;
  const file = url.replace(/^sqlite:(\/\/)?/, '');
  if (!file) throw new Error('DATABASE_URL must be sqlite:<file> or postgres://…');
  return `sqlite:${resolve(cwd, file)}`;
}

function secretFromEnvOrFile(
  value: string | undefined,
  file: string,
  production: boolean,
  name: string,
): { value: string; file: string | null; generated: boolean } {
  if (value) return { value, file: null, generated: false };
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), file, generated: false };
  if (production) throw new Error(`${name} is required when NODE_ENV=production.`);
  mkdirSync(dirname(file), { recursive: true });
  const generated = name === 'ADMIN_KEY' ? `cc_admin_${randomBytes(24).toString('base64url')}` : randomBytes(32).toString('base64url');
  // Readable by the owner only: the file is as sensitive as the environment variable it replaces.
  writeFileSync(file, `${generated}\n`, { mode: 0o600 });
  return { value: generated, file, generated: true };
}

function smsConfig(env: Env): SmsConfig {
  const provider = env['SMS_PROVIDER'] ?? 'dev';
  if (provider === 'dev') return { provider: 'dev' };
  if (provider === 'http') {
    const url = env['SMS_HTTP_URL'];
    if (!url) throw new Error('SMS_HTTP_URL is required with SMS_PROVIDER=http.');
    return { provider: 'http', url, token: env['SMS_HTTP_TOKEN'] ?? null };
  }
  throw new Error(`Unknown SMS_PROVIDER "${provider}" (dev | http).`);
}
