import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { StaffClient } from '@citizen-counter/sdk';
import { runCli } from './cli.js';
import { createApp } from './app.js';
import { loadConfig } from './config.js';
import { seedDemo } from './seed-demo.js';

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
});
