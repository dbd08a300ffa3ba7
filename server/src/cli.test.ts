import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdminClient, StaffClient } from '@citizen-counter/sdk';
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
      // A fresh database lacks every migration; status says so without applying any.
      assert.equal(await runCli(['migrate:status'], env), 3);
      const pending = lines.length;
      assert.ok(pending > 0 && lines.every((line) => line.startsWith('pending\t')));
      assert.equal(await runCli(['migrate:status'], env), 3);
      assert.equal(await runCli(['migrate'], env), 0);
      lines.length = 0;
      assert.equal(await runCli(['migrate:status'], env), 0);
      assert.equal(lines.filter((line) => line.startsWith('applied\t')).length, pending);
      lines.length = 0;
      assert.equal(await runCli(['org', 'create', 'town', '--fa', 'شهرک', '--en', 'Town'], env), 0);
      assert.equal(await runCli(['unit', 'add', 'town', '--fa', 'دبیرخانه', '--en', 'Secretariat'], env), 0);
      assert.equal(await runCli(['key', 'create', 'town', '--label', 'cli'], env), 0);
      assert.equal(await runCli(['key', 'create', 'town', '--label', 'archive', '--role', 'registrar'], env), 0);
      await assert.rejects(runCli(['key', 'create', 'town', '--role', 'handler'], env), /role/);
      assert.equal(await runCli(['org', 'list'], env), 0);
      assert.equal(await runCli(['org', 'set', 'town', '--en', 'Townsville', '{"allowedOrigins":["https://www.town.example"],"humanCheck":"image"}'], env), 0);
      await assert.rejects(runCli(['org', 'set', 'town', '{"humanCheck":"riddle"}'], env), /humanCheck must be one of/);
      await assert.rejects(runCli(['org', 'set', 'town', '{oops'], env), /not valid JSON/);
      assert.equal(await runCli(['org', 'set', 'town', '{"retention":{"days":1825}}'], env), 0);
      await assert.rejects(runCli(['org', 'set', 'town', '{"retention":{"days":0}}'], env), /retention/);
      listed = lines.some((line) => line.startsWith('town\t'));
      shownFrom = lines.length;
      assert.equal(await runCli(['org', 'show', 'town'], env), 0);
      assert.equal(await runCli(['bogus'], env), 1);
    } finally {
      console.log = log;
    }
    const key = lines.find((line) => line.includes('cc_live_'))?.match(/cc_live_\S+/)?.[0];
    assert.ok(key);
    assert.ok(lines.some((line) => /^Key \S+ \(registrar\) for "town"/.test(line)), lines.join('\n'));
    assert.ok(listed);
    const shown = JSON.parse(lines.slice(shownFrom).join('\n')) as { name: { fa: string; en: string }; settings: { allowedOrigins: string[]; humanCheck: string; retention: { days: number | null } }; units: unknown[] };
    assert.deepEqual(shown.name, { fa: 'شهرک', en: 'Townsville' });
    assert.deepEqual(shown.settings.allowedOrigins, ['https://www.town.example']);
    assert.equal(shown.settings.humanCheck, 'image');
    assert.equal(shown.settings.retention.days, 1825);
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
      assert.deepEqual(demo.units.map((unit) => unit.code), ['د', 'ش', 'م', 'ر']);
      assert.deepEqual(demo.settings.register, { pattern: '{prefix}/{unit}/{seq}/{year}', prefix: 'نمونه', digits: 'persian', outgoing: false });
      assert.equal((await seedDemo(app.db, config)).units.length, 4);
      const demoAdmin = new AdminClient({ baseUrl, adminKey: config.adminKey });
      const people = await demoAdmin.listStaff('demo');
      assert.deepEqual(people.map((member) => [member.phone, member.role]).sort(), [
        ['+989120000001', 'admin'],
        ['+989120000002', 'registrar'],
        ['+989120000003', 'handler'],
      ]);
      assert.deepEqual(people.find((member) => member.role === 'handler')?.unitIds, [demo.units[1]?.id]);
    } finally {
      await app.close();
    }
  });

  it('should add units with codes and response times, and staff people, and list the staff', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'staff.sqlite')}` };
    const lines: string[] = [];
    const log = console.log;
    const error = console.error;
    console.log = (...args: unknown[]) => lines.push(args.join(' '));
    console.error = () => undefined;
    const since = (from: number) => JSON.parse(lines.slice(from).join('\n')) as Record<string, unknown>;
    try {
      assert.equal(await runCli(['org', 'create', 'town', '--fa', 'شهرک', '--en', 'Town'], env), 0);
      assert.equal(await runCli(['unit', 'add', 'town', '--fa', 'دبیرخانه', '--en', 'Secretariat', '--code', 'د', '--days', '7'], env), 0);
      const unitId = /Added unit (\S+) \(د\)\./.exec(lines.at(-1) ?? '')?.[1];
      assert.ok(unitId, lines.at(-1));
      await assert.rejects(runCli(['unit', 'add', 'town', '--fa', 'شکایات', '--en', 'Complaints', '--code', 'د'], env), /has the code "د"/);
      await assert.rejects(runCli(['unit', 'add', 'town', '--fa', 'شکایات', '--en', 'Complaints', '--days', 'soon'], env), /--days must be a whole number/);
      await assert.rejects(runCli(['unit', 'add', 'town', '--fa', 'شکایات', '--en', 'Complaints', '--days', '400'], env), /responseDays is not valid/);
      let from = lines.length;
      assert.equal(await runCli(['unit', 'set', 'town', unitId, '--en', 'The Secretariat', '--days', ''], env), 0);
      assert.deepEqual(since(from), { id: unitId, name: { fa: 'دبیرخانه', en: 'The Secretariat' }, code: 'د', responseDays: null });

      from = lines.length;
      assert.equal(await runCli(['staff', 'add', 'town', '۰۹۱۲۰۰۰۰۰۰۱', '--name', 'Maryam Rahimi', '--role', 'admin'], env), 0);
      const admin = since(from);
      assert.deepEqual([admin['phone'], admin['name'], admin['role'], admin['active']], ['+989120000001', 'Maryam Rahimi', 'admin', true]);
      from = lines.length;
      assert.equal(await runCli(['staff', 'add', 'town', '09120000002', '--name', 'Reza Karimi', '--role', 'handler', '--unit', unitId], env), 0);
      assert.deepEqual(since(from)['unitIds'], [unitId]);
      await assert.rejects(runCli(['staff', 'add', 'town', '09120000003', '--name', 'Ali', '--role', 'handler'], env), /needs at least one unit/);
      await assert.rejects(runCli(['staff', 'add', 'town', '09120000003', '--role', 'registrar'], env), /"name" is required/);
      await assert.rejects(runCli(['staff', 'add', 'town', '09120000003', '--name', 'Ali', '--role', 'boss'], env), /role must be one of admin, registrar, handler/);
      await assert.rejects(runCli(['staff', 'add', 'town', '09120000001', '--name', 'Again', '--role', 'registrar'], env), /already belongs/);
      from = lines.length;
      assert.equal(await runCli(['staff', 'list', 'town'], env), 0);
      assert.deepEqual(lines.slice(from).map((line) => line.split('\t').slice(1)), [
        ['+989120000001', 'admin', 'Maryam Rahimi', '-', 'active'],
        ['+989120000002', 'handler', 'Reza Karimi', unitId, 'active'],
      ]);
      assert.equal(await runCli(['staff', 'remove', 'town'], env), 1);
    } finally {
      console.log = log;
      console.error = error;
    }
  });
});
