import { parseArgs } from 'node:util';
import {
  CreateApiKeyInputSchema,
  CreateOrgInputSchema,
  CreateStaffInputSchema,
  CreateUnitInputSchema,
  OrgSettingsPatchSchema,
  UpdateOrgInputSchema,
  UpdateUnitInputSchema,
} from '@citizen-counter/sdk/schemas';
import { loadConfig } from './config.js';
import { createDatabase } from './db/database.js';
import { migrate, migrationStatus } from './db/migrator.js';
import { listDeadLetters, replayDeadLetter } from './outbox/dead-letters.js';
import { backupSqlite, checkBackup, postgresAdvice, restoreSqlite, sqlitePath } from './ops/backup.js';
import { serve } from './main.js';
import { parse } from './middleware/validate.js';
import { createApiKey, revokeApiKey } from './services/api-keys.js';
import { createOrg, listOrgs, loadOrg, updateOrg, type LoadedOrg } from './services/orgs.js';
import { readPhone } from './services/otp.js';
import { addStaff, listStaff } from './services/staff-people.js';
import { addUnit, updateUnit } from './services/units.js';
import { isMain } from './is-main.js';
import type { StoreDeps } from './types.js';
import { filesNote } from './ops/backup.js';
import { moveFiles } from './storage/move-files.js';
import { createStore, openFileStores } from './storage/stores.js';
import { describeStorage, readStorageUrl, type StorageConfig } from './storage/storage-url.js';
import { join } from 'node:path';

const usage = `Usage: citizen-counter <command>
  migrate                                   apply pending database migrations
  migrate:status                            list applied and pending migrations; changes nothing (exit 3 when some are pending)
  serve [--demo]                            start the service (--demo seeds the "demo" org)
  admin-key                                 prints the operator key (ADMIN_KEY, or the one kept in DATA_DIR)
  backup <file>                             a consistent copy of the live SQLite database (PostgreSQL: pg_dump)
  backup:check <file>                       checks a backup (integrity, this service's tables) and counts its requests
  restore <file>                            puts a backup in place of the SQLite database; stop the service first
  files:move [--to <STORAGE_URL>]           moves every file into the store of STORAGE_URL (or --to), each checked
                                            by sha256; safe to stop and run again, and while the service runs
  org create <id> --fa "<name>" --en "<name>"
  org list
  org show <id>                             prints the org and its settings as JSON
  org set <id> [--fa "<name>"] [--en "<name>"] ['<settings JSON patch>']
                                            e.g. org set city '{"allowedOrigins":["https://www.city.example"]}'
  unit add <org> --fa "<name>" --en "<name>" [--code <code>] [--days <n>]
                                            --code: what letter numbers write for {unit}, e.g. د;
                                            --days: working days to answer (else the org's responseDays)
  unit set <org> <unitId> [--fa "<name>"] [--en "<name>"] [--code <code>|--code ""] [--days <n>|--days ""]
                                            an empty value clears the code or the response time
  staff add <org> <phone> --name "<name>" --role admin|registrar|handler [--unit <unitId>]...
                                            prints the member as JSON; a handler needs a --unit
  staff list <org>
  outbox dead [<org>]                       messages the outbox gave up on (dead letters), newest first
  outbox replay <id>                        sends a dead letter again (the running service takes it at its next poll)
  key create <org> [--label "<label>"] [--role admin|registrar]   prints the key once
  key revoke <org> <keyId>`;

function storageFromUrl(url: string, env: Record<string, string | undefined>, dataDir: string): StorageConfig {
  try {
    return readStorageUrl(url, env, dataDir, process.cwd());
  } catch (error) {
    throw new Error(`--to ${(error as Error).message}`, { cause: error });
  }
}

/** Runs one CLI command with `argv` (without `node` and the script); answers with the exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      fa: { type: 'string' },
      en: { type: 'string' },
      label: { type: 'string' },
      code: { type: 'string' },
      days: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      unit: { type: 'string', multiple: true },
      demo: { type: 'boolean' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, sub, ...rest] = positionals;
  if (!command || values.help) {
    console.log(usage);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig(env);
  if (command === 'admin-key') {
    console.log(config.adminKey);
    return 0;
  }
  if (command === 'backup:check' && sub) {
    const { requests, migrations } = await checkBackup(sub);
    console.log(`${sub}: sound, ${requests} requests, ${migrations} migrations.`);
    return 0;
  }
  if (command === 'restore' && sub) {
    const target = sqlitePath(config.databaseUrl);
    if (!target) throw new Error(postgresAdvice);
    const { requests } = await restoreSqlite(sub, target);
    console.log(`Restored ${sub} to ${target} (${requests} requests). Start the service to apply newer migrations.`);
    return 0;
  }
  if (command === 'serve') {
    await serve({ demo: values.demo === true || env['DEMO'] === '1' }, config);
    return -1;
  }
  const db = await createDatabase(config.databaseUrl);
  try {
    if (command === 'migrate:status') {
      const { applied, pending } = await migrationStatus(db.sequelize);
      for (const name of applied) console.log(`applied\t${name}`);
      for (const name of pending) console.log(`pending\t${name}`);
      return pending.length > 0 ? 3 : 0;
    }
    const applied = await migrate(db.sequelize);
    if (command === 'migrate') {
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }
    if (command === 'backup' && sub) {
      const files = await filesNote(db, config.storage, join(config.dataDir, 'files'));
      if (db.dialect !== 'sqlite') throw new Error([postgresAdvice, files].filter(Boolean).join(' '));
      const { file, bytes } = await backupSqlite(db, sub);
      console.log(`Backed up to ${file} (${bytes} bytes). Check it with: npm run cli -- backup:check ${file}`);
      if (files) console.log(files);
      return 0;
    }
    if (command === 'files:move' && !sub) {
      const target = values.to === undefined ? config.storage : storageFromUrl(values.to, env, config.dataDir);
      const files = openFileStores(config.storage, db, join(config.dataDir, 'files'));
      const store = target === config.storage ? files.current : createStore(target, db);
      try {
        const { moved, bytes } = await moveFiles({ db, files }, store);
        console.log(`Moved ${moved} files (${bytes} bytes) to ${describeStorage(target)}; every file is there now.`);
      } finally {
        if (store !== files.current) await store.close();
        await files.close();
      }
      return 0;
    }
    return await runCommand({ db, config }, command, sub, rest, values);
  } finally {
    await db.close();
  }
}

/** The options a command may read. */
interface CliValues {
  fa?: string | undefined;
  en?: string | undefined;
  label?: string | undefined;
  code?: string | undefined;
  days?: string | undefined;
  name?: string | undefined;
  role?: string | undefined;
  unit?: string[] | undefined;
}

async function runCommand(deps: StoreDeps, command: string, sub: string | undefined, rest: string[], values: CliValues): Promise<number> {
  if (command === 'unit') return unitCommand(deps, sub, rest, values);
  if (command === 'staff') return staffCommand(deps, sub, rest, values);
  // The same parsers as the HTTP API: the same rules and the same messages.
  const name = { fa: values.fa, en: values.en };
  if (command === 'org' && sub === 'create' && rest[0]) {
    const input = parse(CreateOrgInputSchema, { id: rest[0], name }, { source: 'input' });
    const org = await createOrg(deps, input);
    console.log(`Created org "${org.row.id}".`);
    return 0;
  }
  if (command === 'org' && sub === 'list') {
    for (const org of await listOrgs(deps)) console.log(`${org.row.id}\t${org.row.nameFa}\t${org.row.nameEn}`);
    return 0;
  }
  if (command === 'org' && sub === 'show' && rest[0]) {
    console.log(JSON.stringify(describeOrg(await loadOrg(deps, rest[0])), null, 2));
    return 0;
  }
  if (command === 'org' && sub === 'set' && rest[0] && rest.length <= 2) {
    const settings = rest[1] === undefined ? undefined : parse(OrgSettingsPatchSchema, parseJson(rest[1]), { source: 'settings patch' });
    const renamed = values.fa !== undefined || values.en !== undefined;
    const current = renamed ? await loadOrg(deps, rest[0]) : null;
    const newName = current ? { fa: values.fa ?? current.row.nameFa, en: values.en ?? current.row.nameEn } : undefined;
    const input = parse(UpdateOrgInputSchema, newName ? { name: newName } : {}, { source: 'input' });
    const org = await updateOrg(deps, { orgId: rest[0], name: input.name, settings });
    console.log(JSON.stringify(describeOrg(org), null, 2));
    return 0;
  }
  if (command === 'outbox' && sub === 'dead' && rest.length <= 1) {
    for (const letter of await listDeadLetters(deps, { orgId: rest[0] })) {
      const what = letter.kind === 'sms' ? `sms to ${letter.to}` : `webhook ${letter.eventType}`;
      console.log([letter.id, letter.orgId, what, `${letter.attempts} attempts`, letter.failedAt, letter.replayable ? 'replayable' : 'login code', letter.lastError ?? ''].join('\t'));
    }
    return 0;
  }
  if (command === 'outbox' && sub === 'replay' && rest[0]) {
    await replayDeadLetter(deps, { id: rest[0] });
    console.log(`Queued ${rest[0]} again.`);
    return 0;
  }
  if (command === 'key' && sub === 'create' && rest[0]) {
    const input = Object.fromEntries(Object.entries({ label: values.label, role: values.role }).filter(([, value]) => value !== undefined));
    const { label, role } = parse(CreateApiKeyInputSchema, input, { source: 'input' });
    const key = await createApiKey(deps, { orgId: rest[0], label: label ?? '', ...(role ? { role } : {}) });
    console.log(`Key ${key.id} (${role ?? 'admin'}) for "${rest[0]}" (shown only now):\n${key.key}`);
    return 0;
  }
  if (command === 'key' && sub === 'revoke' && rest[0] && rest[1]) {
    await revokeApiKey(deps, { orgId: rest[0], keyId: rest[1] });
    console.log(`Revoked key ${rest[1]}.`);
    return 0;
  }
  console.error(usage);
  return 1;
}

async function unitCommand(deps: StoreDeps, sub: string | undefined, rest: string[], values: CliValues): Promise<number> {
  const [orgId, unitId] = rest;
  if (sub === 'add' && orgId && rest.length === 1) {
    const body = { name: { fa: values.fa, en: values.en }, ...unitOptions(values) };
    const input = parse(CreateUnitInputSchema, body, { source: 'input' });
    const unit = await addUnit(deps, { orgId, ...input });
    console.log(`Added unit ${unit.id}${unit.code === null ? '' : ` (${unit.code})`}.`);
    return 0;
  }
  if (sub === 'set' && orgId && unitId && rest.length === 2) {
    const current = (await loadOrg(deps, orgId)).units.find((unit) => unit.id === unitId);
    const renamed = current && (values.fa !== undefined || values.en !== undefined);
    const body = { ...(renamed ? { name: { fa: values.fa ?? current.nameFa, en: values.en ?? current.nameEn } } : {}), ...unitOptions(values) };
    const change = parse(UpdateUnitInputSchema, body, { source: 'input' });
    console.log(JSON.stringify(await updateUnit(deps, { orgId, unitId, change }), null, 2));
    return 0;
  }
  console.error(usage);
  return 1;
}

/** `--code` and `--days` as a unit body: absent stays absent, an empty value is `null` (clear). */
function unitOptions(values: CliValues): Record<string, unknown> {
  const options: Record<string, unknown> = {};
  if (values.code !== undefined) options['code'] = values.code.trim() === '' ? null : values.code;
  const days = values.days?.trim();
  if (days !== undefined && days !== '' && !/^\d+$/.test(days)) throw new Error(`--days must be a whole number of working days (1–365), not "${days}".`);
  if (days !== undefined) options['responseDays'] = days === '' ? null : Number(days);
  return options;
}

async function staffCommand(deps: StoreDeps, sub: string | undefined, rest: string[], values: CliValues): Promise<number> {
  const [orgId, phone] = rest;
  if (sub === 'add' && orgId && phone && rest.length === 2) {
    // Absent options stay absent, so a missing one is reported as required.
    const body = Object.fromEntries(Object.entries({ phone, name: values.name, role: values.role, unitIds: values.unit ?? [] }).filter(([, value]) => value !== undefined));
    const input = parse(CreateStaffInputSchema, body, { source: 'input' });
    const org = await loadOrg(deps, orgId);
    const staff = { phone: readPhone(input.phone, org), name: input.name, role: input.role, unitIds: input.unitIds ?? [] };
    console.log(JSON.stringify(await addStaff(deps, { orgId: org.row.id, staff, by: null }), null, 2));
    return 0;
  }
  if (sub === 'list' && orgId && rest.length === 1) {
    const org = await loadOrg(deps, orgId);
    for (const member of await listStaff(deps, { orgId: org.row.id })) {
      console.log([member.id, member.phone, member.role, member.name, member.unitIds.join(',') || '-', member.active ? 'active' : 'inactive'].join('\t'));
    }
    return 0;
  }
  console.error(usage);
  return 1;
}

function describeOrg(org: LoadedOrg): object {
  return {
    id: org.row.id,
    name: { fa: org.row.nameFa, en: org.row.nameEn },
    settings: org.settings,
    units: org.units.map((unit) => ({ id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn }, code: unit.code, responseDays: unit.responseDays })),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`The settings patch is not valid JSON: ${text}`);
  }
}

if (isMain(import.meta.url)) {
  runCli(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
