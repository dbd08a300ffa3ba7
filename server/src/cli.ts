import { parseArgs } from 'node:util';
import { CreateApiKeyInputSchema, CreateOrgInputSchema, CreateUnitInputSchema, OrgSettingsPatchSchema, UpdateOrgInputSchema } from '@citizen-counter/sdk/schemas';
import { loadConfig } from './config.js';
import { createDatabase } from './db/database.js';
import { migrate } from './db/migrator.js';
import { serve } from './main.js';
import { parse } from './middleware/validate.js';
import { createApiKey, revokeApiKey } from './services/api-keys.js';
import { createOrg, listOrgs, loadOrg, updateOrg, type LoadedOrg } from './services/orgs.js';
import { addUnit } from './services/units.js';
import { isMain } from './is-main.js';
import type { StoreDeps } from './types.js';

const usage = `Usage: citizen-counter <command>
  migrate                                   apply pending database migrations
  serve [--demo]                            start the service (--demo seeds the "demo" org)
  org create <id> --fa "<name>" --en "<name>"
  org list
  org show <id>                             prints the org and its settings as JSON
  org set <id> [--fa "<name>"] [--en "<name>"] ['<settings JSON patch>']
                                            e.g. org set city '{"allowedOrigins":["https://www.city.example"]}'
  unit add <org> --fa "<name>" --en "<name>"
  key create <org> [--label "<label>"]      prints the key once
  key revoke <org> <keyId>`;

/** Runs one CLI command with `argv` (without `node` and the script); answers with the exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined> = process.env): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { fa: { type: 'string' }, en: { type: 'string' }, label: { type: 'string' }, demo: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, sub, ...rest] = positionals;
  if (!command || values.help) {
    console.log(usage);
    return command || values.help ? 0 : 1;
  }
  const config = loadConfig(env);
  if (command === 'serve') {
    await serve({ demo: values.demo === true || env['DEMO'] === '1' }, config);
    return -1;
  }
  const db = await createDatabase(config.databaseUrl);
  try {
    const applied = await migrate(db.sequelize);
    if (command === 'migrate') {
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      return 0;
    }
    return await runCommand({ db, config }, command, sub, rest, values);
  } finally {
    await db.close();
  }
}

async function runCommand(
  deps: StoreDeps,
  command: string,
  sub: string | undefined,
  rest: string[],
  values: { fa?: string | undefined; en?: string | undefined; label?: string | undefined },
): Promise<number> {
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
  if (command === 'unit' && sub === 'add' && rest[0]) {
    const input = parse(CreateUnitInputSchema, { name }, { source: 'input' });
    const unit = await addUnit(deps, { orgId: rest[0], name: input.name });
    console.log(`Added unit ${unit.id}.`);
    return 0;
  }
  if (command === 'key' && sub === 'create' && rest[0]) {
    const { label } = parse(CreateApiKeyInputSchema, values.label === undefined ? {} : { label: values.label }, { source: 'input' });
    const key = await createApiKey(deps, { orgId: rest[0], label: label ?? '' });
    console.log(`Key ${key.id} for "${rest[0]}" (shown only now):\n${key.key}`);
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

function describeOrg(org: LoadedOrg): object {
  return {
    id: org.row.id,
    name: { fa: org.row.nameFa, en: org.row.nameEn },
    settings: org.settings,
    units: org.units.map((unit) => ({ id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn } })),
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
