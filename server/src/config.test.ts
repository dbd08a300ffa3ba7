import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isConfigError, loadConfig } from './config.js';

/** Asserts that `env` is refused with a ConfigError naming `variable`, its message matching `problem`. */
function assertRefused(env: Record<string, string>, variable: string, problem: RegExp): void {
  assert.throws(
    () => loadConfig(env),
    (error: unknown) => {
      assert.ok(isConfigError(error), String(error));
      assert.equal(error.variable, variable);
      assert.match(error.message, problem);
      assert.doesNotMatch(error.message, /\n/);
      return true;
    },
  );
}

describe('loadConfig(env)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-config-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should generate and keep the admin key and server secret in the data dir', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'keys', 'db.sqlite')}` };
    const first = loadConfig(env);
    assert.ok(first.adminKeyGenerated);
    const second = loadConfig(env);
    assert.equal(second.adminKey, first.adminKey);
    assert.equal(second.serverSecret, first.serverSecret);
    assert.equal(second.adminKeyGenerated, false);
    const production = { NODE_ENV: 'production', SMS_PROVIDER: 'http', SMS_HTTP_URL: 'https://sms.example/send' };
    assertRefused({ ...env, ...production, DATABASE_URL: `sqlite:${join(dir, 'prod', 'db.sqlite')}` }, 'SERVER_SECRET', /is required when NODE_ENV=production/);
  });

  it('should read PORT, and take 8080 when it is absent', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'port', 'db.sqlite')}` };
    assert.equal(loadConfig(env).port, 8080);
    assert.equal(loadConfig({ ...env, PORT: '3000' }).port, 3000);
    assert.equal(loadConfig({ ...env, PORT: '0' }).port, 0);
    for (const port of ['eighty', '65536', '-1', '80.5', '0x50', ' ']) assertRefused({ ...env, PORT: port }, 'PORT', /^PORT must be a whole number from 0 to 65535/);
  });

  it('should read TRUST_PROXY as a number of proxies, 1 for true, none when absent', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'proxy', 'db.sqlite')}` };
    assert.equal(loadConfig(env).trustProxyHops, 0);
    assert.equal(loadConfig({ ...env, TRUST_PROXY: 'false' }).trustProxyHops, 0);
    assert.equal(loadConfig({ ...env, TRUST_PROXY: 'true' }).trustProxyHops, 1);
    assert.equal(loadConfig({ ...env, TRUST_PROXY: '1' }).trustProxyHops, 1);
    assert.equal(loadConfig({ ...env, TRUST_PROXY: '2' }).trustProxyHops, 2);
    for (const value of ['yes', '-1', '11', '1.5']) assertRefused({ ...env, TRUST_PROXY: value }, 'TRUST_PROXY', /^TRUST_PROXY must be the number of reverse proxies/);
  });

  it('should read the code caps and the shutdown grace, with their defaults', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'caps', 'db.sqlite')}` };
    const defaults = loadConfig(env);
    assert.deepEqual(defaults.otpLimits, { perPhone: 5, perIp: 30, perIpAllOrgs: 60, perAddressBlock: 300, perPhonePrefix: 30, perOrgHour: 1000, windowSeconds: 600 });
    assert.deepEqual(defaults.addressLimits, { challenges: 300, keyFailures: 30, windowSeconds: 600 });
    assert.equal(defaults.shutdownGraceSeconds, 25);
    const set = loadConfig({
      ...env,
      OTP_PER_IP: '10',
      OTP_PER_IP_ALL_ORGS: '20',
      OTP_PER_PHONE: '3',
      OTP_PER_ORG: '500',
      OTP_PER_ADDRESS_BLOCK: '40',
      OTP_PER_PHONE_PREFIX: '8',
      HUMAN_CHECKS_PER_IP: '50',
      KEY_FAILURES_PER_IP: '5',
      SHUTDOWN_GRACE_SECONDS: '0',
    });
    assert.deepEqual(set.otpLimits, { perPhone: 3, perIp: 10, perIpAllOrgs: 20, perAddressBlock: 40, perPhonePrefix: 8, perOrgHour: 500, windowSeconds: 600 });
    assert.deepEqual(set.addressLimits, { challenges: 50, keyFailures: 5, windowSeconds: 600 });
    assert.equal(set.shutdownGraceSeconds, 0);
    assertRefused({ ...env, OTP_PER_IP: 'many' }, 'OTP_PER_IP', /^OTP_PER_IP must be a whole number/);
    assertRefused({ ...env, OTP_PER_ORG: '0' }, 'OTP_PER_ORG', /^OTP_PER_ORG must be a whole number of code sends per hour/);
    assertRefused({ ...env, KEY_FAILURES_PER_IP: '-3' }, 'KEY_FAILURES_PER_IP', /^KEY_FAILURES_PER_IP must be a whole number of wrong keys/);
    assertRefused({ ...env, SHUTDOWN_GRACE_SECONDS: '601' }, 'SHUTDOWN_GRACE_SECONDS', /^SHUTDOWN_GRACE_SECONDS must be a number of seconds/);
  });

  it('should read STORAGE_URL: files under the data dir by default, a directory, an S3 bucket or the database', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'storage', 'db.sqlite')}` };
    assert.deepEqual(loadConfig(env).storage, { kind: 'filesystem', root: join(dir, 'storage', 'files') });
    assert.deepEqual(loadConfig({ ...env, STORAGE_URL: 'file:/srv/counter-files' }).storage, { kind: 'filesystem', root: '/srv/counter-files' });
    assert.deepEqual(loadConfig({ ...env, STORAGE_URL: 'database:' }).storage, { kind: 'database' });
    const s3 = loadConfig({ ...env, STORAGE_URL: 's3://counter-files/city?endpoint=http://127.0.0.1:9000', AWS_ACCESS_KEY_ID: 'id', AWS_SECRET_ACCESS_KEY: 'secret' }).storage;
    assert.deepEqual(s3, {
      kind: 's3', bucket: 'counter-files', prefix: 'city/', endpoint: 'http://127.0.0.1:9000', region: 'us-east-1', forcePathStyle: true,
      credentials: { accessKeyId: 'id', secretAccessKey: 'secret' },
    });
    const aws = loadConfig({ ...env, STORAGE_URL: 's3://counter-files?region=eu-central-1' }).storage;
    assert.deepEqual(aws, { kind: 's3', bucket: 'counter-files', prefix: '', endpoint: null, region: 'eu-central-1', forcePathStyle: false, credentials: null });
    assertRefused({ ...env, STORAGE_URL: 'ftp://files' }, 'STORAGE_URL', /^STORAGE_URL must be one of file:/);
    assertRefused({ ...env, STORAGE_URL: 's3://AB' }, 'STORAGE_URL', /names no valid bucket/);
    assertRefused({ ...env, STORAGE_URL: 's3://counter-files?endpoint=minio:9000' }, 'STORAGE_URL', /endpoint that is not an http/);
    assert.equal(loadConfig(env).uploadBytesInFlight, 64 * 1024 * 1024);
    assert.equal(loadConfig({ ...env, UPLOAD_BYTES_IN_FLIGHT: '1000000' }).uploadBytesInFlight, 1_000_000);
    assertRefused({ ...env, UPLOAD_BYTES_IN_FLIGHT: '1e6' }, 'UPLOAD_BYTES_IN_FLIGHT', /whole number of bytes/);
  });

  it('should read LOG_LEVEL, info when absent', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'log', 'db.sqlite')}` };
    assert.equal(loadConfig(env).logLevel, 'info');
    assert.equal(loadConfig({ ...env, LOG_LEVEL: 'DEBUG' }).logLevel, 'debug');
    assert.equal(loadConfig({ ...env, LOG_LEVEL: 'silent' }).logLevel, 'silent');
    assertRefused({ ...env, LOG_LEVEL: 'loud' }, 'LOG_LEVEL', /^LOG_LEVEL must be one of fatal, error/);
  });

  it('should take sqlite: files, bare paths and postgres:// URLs, and refuse other schemes', () => {
    const data = { DATA_DIR: join(dir, 'data') };
    assert.equal(loadConfig({ ...data, DATABASE_URL: 'sqlite:./x.sqlite' }, dir).databaseUrl, `sqlite:${join(dir, 'x.sqlite')}`);
    assert.equal(loadConfig({ ...data, DATABASE_URL: 'x.sqlite' }, dir).databaseUrl, `sqlite:${join(dir, 'x.sqlite')}`);
    assert.equal(loadConfig({ ...data, DATABASE_URL: 'postgresql://u@db:5432/cc' }).databaseUrl, 'postgresql://u@db:5432/cc');
    assertRefused({ ...data, DATABASE_URL: 'postgress://u@db/cc' }, 'DATABASE_URL', /unknown scheme "postgress:"/);
    assertRefused({ ...data, DATABASE_URL: 'mysql://u@db/cc' }, 'DATABASE_URL', /unknown scheme "mysql:"/);
    assertRefused({ ...data, DATABASE_URL: 'sqlite:' }, 'DATABASE_URL', /names no file/);
    assertRefused({ ...data, DATABASE_URL: 'postgres://u@db:port/cc' }, 'DATABASE_URL', /is not a valid URL/);
  });

  it('should refuse an unknown SMS provider, an http one without a URL and a bad PUBLIC_URL', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'sms', 'db.sqlite')}` };
    assertRefused({ ...env, SMS_PROVIDER: 'carrier-pigeon' }, 'SMS_PROVIDER', /must be dev or http/);
    assertRefused({ ...env, SMS_PROVIDER: 'http' }, 'SMS_HTTP_URL', /is required/);
    assertRefused({ ...env, SMS_PROVIDER: 'http', SMS_HTTP_URL: 'gateway.local/send' }, 'SMS_HTTP_URL', /http:\/\/ or https:\/\//);
    assertRefused({ ...env, PUBLIC_URL: 'counter.example.org' }, 'PUBLIC_URL', /http:\/\/ or https:\/\//);
    assert.equal(loadConfig({ ...env, PUBLIC_URL: 'https://counter.example.org/' }).publicUrl, 'https://counter.example.org');
  });

  it('should want secrets of 32 characters and the http SMS provider in production, and nothing more', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: `sqlite:${join(dir, 'production', 'db.sqlite')}`,
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: 'https://sms.example/send',
    };
    const strong = { ADMIN_KEY: 'a'.repeat(32), SERVER_SECRET: 's'.repeat(32) };
    const config = loadConfig({ ...production, ...strong });
    assert.deepEqual([config.production, config.adminKey, config.serverSecret], [true, strong.ADMIN_KEY, strong.SERVER_SECRET]);
    assertRefused({ ...production, SERVER_SECRET: strong.SERVER_SECRET }, 'ADMIN_KEY', /is required when NODE_ENV=production/);
    assertRefused({ ...production, ...strong, ADMIN_KEY: 'a'.repeat(31) }, 'ADMIN_KEY', /at least 32 characters when NODE_ENV=production; it has 31/);
    assertRefused({ ...production, ...strong, SERVER_SECRET: 'short' }, 'SERVER_SECRET', /at least 32 characters/);
    assertRefused({ ...production, ...strong, SMS_PROVIDER: 'dev' }, 'SMS_PROVIDER', /must be http when NODE_ENV=production/);
    // Outside production a short key is the developer's business.
    assert.equal(loadConfig({ DATABASE_URL: production.DATABASE_URL, ADMIN_KEY: 'dev' }).adminKey, 'dev');
  });

  it('should keep webhooks on public https targets unless WEBHOOK_ALLOW_HTTP and WEBHOOK_ALLOW_HOSTS say otherwise', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'hooks', 'db.sqlite')}` };
    const { webhooks } = loadConfig(env);
    assert.deepEqual([webhooks.allowHttp, webhooks.allowNames, webhooks.allowRanges], [false, [], []]);
    const allowed = loadConfig({ ...env, WEBHOOK_ALLOW_HTTP: '1', WEBHOOK_ALLOW_HOSTS: ' 10.0.0.5, Backoffice.Local ,10.1.0.0/16,fd12::/16,::1' }).webhooks;
    assert.equal(allowed.allowHttp, true);
    assert.deepEqual(allowed.allowNames, ['backoffice.local']);
    assert.deepEqual(allowed.allowRanges, ['10.0.0.5/32', '10.1.0.0/16', 'fd12::/16', '::1/128']);
    assertRefused({ ...env, WEBHOOK_ALLOW_HTTP: 'maybe' }, 'WEBHOOK_ALLOW_HTTP', /must be 1 or 0/);
    assertRefused({ ...env, WEBHOOK_ALLOW_HOSTS: '10.0.0.5,http://intranet/' }, 'WEBHOOK_ALLOW_HOSTS', /"http:\/\/intranet\/" is none of them/);
  });
});
