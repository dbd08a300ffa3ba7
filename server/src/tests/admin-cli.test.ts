import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdminClient, StaffClient } from '@citizen-counter/sdk';
import { runCli } from '../cli.js';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { seedDemo } from '../seed-demo.js';
import { rejectsWith } from '../test-support/assertions.js';
import { getTestServer, type TestServer } from '../test-support/test-server.js';

describe('the admin API', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
  });
  after(async () => {
    await server.close();
  });

  it('should create, list, read and update orgs', async () => {
    const org = await server.admin.createOrg({ id: 'city', name: { fa: 'شهرداری', en: 'City Hall' }, settings: { humanCheck: 'image' } });
    assert.equal(org.settings.humanCheck, 'image');
    assert.equal(org.settings.otp.ttlSeconds, 300);
    assert.ok((await server.admin.listOrgs()).some((item) => item.id === 'city'));
    assert.equal((await server.admin.getOrg('city')).name.en, 'City Hall');
    const updated = await server.admin.updateOrg('city', { name: { fa: 'شهر', en: 'City' }, settings: { otp: { ttlSeconds: 600 } } });
    assert.equal(updated.name.en, 'City');
    assert.equal(updated.settings.otp.ttlSeconds, 600);
    await rejectsWith(server.admin.createOrg({ id: 'city', name: { fa: 'x', en: 'x' } }), 'org_exists', 409);
    await rejectsWith(server.admin.createOrg({ id: 'Bad Id', name: { fa: 'x', en: 'x' } }), 'invalid_input', 400);
    await rejectsWith(server.admin.getOrg('nope'), 'org_not_found', 404);
  });

  it('should give an image human check to orgs that chose it', async () => {
    const challenge = await server.citizenClient('city').createChallenge();
    assert.equal(challenge.kind, 'image');
    if (challenge.kind === 'image') {
      assert.match(challenge.image, /^data:image\/svg\+xml;base64,/);
      assert.equal(challenge.length, 5);
    }
    await rejectsWith(
      server.citizenClient('city').requestOtp({ phone: '09121234567', challenge: { id: challenge.id, answer: 'wrong' } }),
      'human_check_failed',
      400,
    );
  });

  it('should create keys shown once, list them by prefix and revoke them', async () => {
    const created = await server.admin.createApiKey('city', 'inbox');
    assert.match(created.key, /^cc_live_/);
    assert.equal(created.prefix, created.key.slice(0, 12));
    const listed = await server.admin.listApiKeys('city');
    assert.equal(listed.length, 1);
    assert.equal('key' in listed[0]!, false);
    const staff = new StaffClient({ baseUrl: server.baseUrl, org: 'city', apiKey: created.key });
    assert.equal((await staff.getOrg()).id, 'city');
    await server.admin.revokeApiKey('city', created.id);
    assert.ok((await server.admin.listApiKeys('city'))[0]?.revokedAt);
    await rejectsWith(staff.getOrg(), 'unauthorized', 401);
  });

  it('should refuse a wrong admin key', async () => {
    const wrong = new AdminClient({ baseUrl: server.baseUrl, adminKey: 'nope' });
    await rejectsWith(wrong.listOrgs(), 'unauthorized', 401);
    const staffKey = (await server.admin.createApiKey('test-org')).key;
    await rejectsWith(new AdminClient({ baseUrl: server.baseUrl, adminKey: staffKey }).listOrgs(), 'unauthorized', 401);
  });
});

describe('the CLI and the demo seed', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-cli-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should migrate, create an org, a unit and a key, and keep them across restarts', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'cli.sqlite')}` };
    const lines: string[] = [];
    let listed: boolean;
    let shownFrom: number;
    const log = console.log;
    console.log = (...args: unknown[]) => lines.push(args.join(' '));
    try {
      assert.equal(await runCli(['migrate'], env), 0);
      assert.equal(await runCli(['org', 'create', 'town', '--fa', 'شهرک', '--en', 'Town'], env), 0);
      assert.equal(await runCli(['unit', 'add', 'town', '--fa', 'دبیرخانه', '--en', 'Secretariat'], env), 0);
      assert.equal(await runCli(['key', 'create', 'town', '--label', 'cli'], env), 0);
      assert.equal(await runCli(['org', 'list'], env), 0);
      assert.equal(await runCli(['org', 'set', 'town', '--en', 'Townsville', '{"allowedOrigins":["https://www.town.example"],"humanCheck":"image"}'], env), 0);
      await assert.rejects(runCli(['org', 'set', 'town', '{"humanCheck":"riddle"}'], env), /humanCheck must be one of/);
      await assert.rejects(runCli(['org', 'set', 'town', '{oops'], env), /not valid JSON/);
      listed = lines.some((line) => line.startsWith('town\t'));
      shownFrom = lines.length;
      assert.equal(await runCli(['org', 'show', 'town'], env), 0);
      assert.equal(await runCli(['bogus'], env), 1);
    } finally {
      console.log = log;
    }
    const key = lines.find((line) => line.includes('cc_live_'))?.match(/cc_live_\S+/)?.[0];
    assert.ok(key);
    assert.ok(listed);
    const shown = JSON.parse(lines.slice(shownFrom).join('\n')) as { name: { fa: string; en: string }; settings: { allowedOrigins: string[]; humanCheck: string }; units: unknown[] };
    assert.deepEqual(shown.name, { fa: 'شهرک', en: 'Townsville' });
    assert.deepEqual(shown.settings.allowedOrigins, ['https://www.town.example']);
    assert.equal(shown.settings.humanCheck, 'image');
    assert.equal(shown.units.length, 1);

    const config = loadConfig(env);
    const app = await createApp(config);
    try {
      const baseUrl = await app.listen(0, '127.0.0.1');
      const staff = new StaffClient({ baseUrl, org: 'town', apiKey: key });
      assert.equal((await staff.listUnits())[0]?.name.en, 'Secretariat');
      const demo = await seedDemo(app.db, config);
      assert.deepEqual(demo.units.map((unit) => unit.nameEn), ['Secretariat', 'Complaints Unit', 'Finance', 'Public Relations']);
      assert.ok(demo.settings.allowedOrigins.includes('http://localhost:8080'));
      assert.equal((await seedDemo(app.db, config)).units.length, 4);
    } finally {
      await app.close();
    }
  });

  it('should generate and keep the admin key and server secret in the data dir', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'keys', 'db.sqlite')}` };
    const first = loadConfig(env);
    assert.ok(first.adminKeyGenerated);
    const second = loadConfig(env);
    assert.equal(second.adminKey, first.adminKey);
    assert.equal(second.serverSecret, first.serverSecret);
    assert.equal(second.adminKeyGenerated, false);
    assert.throws(() => loadConfig({ ...env, NODE_ENV: 'production', DATABASE_URL: `sqlite:${join(dir, 'prod', 'db.sqlite')}` }));
  });
});
