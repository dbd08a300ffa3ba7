import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConnectionError } from 'sequelize';
import { createApp, type CitizenCounterApp } from './app.js';
import { ConfigError, isConfigError, loadConfig, type Config } from './config.js';
import { seedDemo } from './seed-demo.js';
import { isMain } from './is-main.js';

/** Options of {@link serve}. */
export interface ServeOptions {
  /** Seed the demo org and serve the demo site. */
  demo: boolean;
}

/**
 * Starts the service: configuration, migrations, optional demo seed, HTTP; stops cleanly on
 * SIGINT/SIGTERM so the database is closed after the last answer.
 * @throws {ConfigError} when the environment, the database or the port does not let it start.
 */
export async function serve(options: ServeOptions, config: Config = loadConfig()): Promise<void> {
  if (options.demo && !config.demoDir) config.demoDir = defaultDemoDir();
  const app = await createApp(config).catch((error: unknown) => {
    throw databaseProblem(error, config) ?? error;
  });
  if (options.demo) await seedDemo(app.db, config);
  // The stop handlers come before the service says it is listening: whoever reads that line
  // may signal it at once.
  let stopping = false;
  let stoppingAt = 0;
  const stop = (signal: string) => {
    if (stopping) {
      // The same signal often arrives twice at once (a terminal's Ctrl-C reaches the whole process
      // group, `npm start`'s wrapper passes it on too): only a later one means "do not wait".
      if (performance.now() - stoppingAt < 1000) return;
      console.log(`${signal} again: stopping now`);
      process.exit(1);
    }
    stoppingAt = performance.now();
    stopping = true;
    console.log(`${signal}: shutting down (answers in flight get up to ${config.shutdownGraceSeconds} s)`);
    app.close({ graceMs: config.shutdownGraceSeconds * 1000 }).then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  const url = await listen(app, config);
  const base = config.publicUrl ?? url;
  console.log(`Citizen Counter ${config.version} on ${base} (${app.db.dialect})`);
  console.log(`  API:          ${base}/v1/  (OpenAPI: ${base}/v1/openapi.json)`);
  console.log(`  widget:       ${base}/widget/citizen-counter.js   desk: ${base}/widget/counter-desk.js`);
  if (options.demo) console.log(`  demo page:    ${base}/   (org "demo")   staff desk: ${base}/desk`);
  if (config.sms.provider === 'dev') console.log(`  dev SMS:      ${base}/dev/sms`);
  if (config.adminKeyFile) {
    // Never the key itself: start-up output ends up in logs. The operator reads it on request.
    console.log(`  admin key:    ${config.adminKeyGenerated ? 'generated now, ' : ''}in ${config.adminKeyFile} (npm run cli -- admin-key)`);
  }
}

/** Listens on `PORT`/`HOST`; a port that is taken or forbidden is the operator's to fix, not a bug. */
async function listen(app: CitizenCounterApp, config: Config): Promise<string> {
  try {
    return await app.listen();
  } catch (error) {
    await app.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new ConfigError('PORT', `${config.port} is already in use on ${config.host}: stop what holds it or choose another PORT.`);
    if (code === 'EACCES') throw new ConfigError('PORT', `${config.port} needs more privileges than this process has: choose a PORT above 1023.`);
    if (code === 'EADDRNOTAVAIL') throw new ConfigError('HOST', `${config.host} is not an address of this machine.`);
    throw error;
  }
}

/** A database that cannot be reached or opened, said in one line without the URL's password. */
function databaseProblem(error: unknown, config: Config): ConfigError | null {
  if (!(error instanceof ConnectionError)) return null;
  const where = config.databaseUrl.startsWith('sqlite:') ? config.databaseUrl : postgresAddress(config.databaseUrl);
  const reason = error.message.replace(/\s+/g, ' ').trim();
  return new ConfigError('DATABASE_URL', `names a database the service cannot connect to (${where}): ${reason}.`);
}

function postgresAddress(url: string): string {
  const { hostname, port, pathname } = new URL(url);
  return `PostgreSQL at ${hostname}:${port || '5432'}${pathname}`;
}

/** The demo site: its build output when there is one, else its sources. */
function defaultDemoDir(): string {
  const demo = resolve(import.meta.dirname, '../../demo');
  return [resolve(demo, 'dist'), resolve(demo, 'public'), demo].find((dir) => existsSync(resolve(dir, 'index.html'))) ?? demo;
}

if (isMain(import.meta.url)) {
  const demo = process.argv.includes('--demo') || process.env['DEMO'] === '1';
  serve({ demo }).catch((error: unknown) => {
    // A configuration problem is one line for the operator; anything else is a bug and keeps its stack.
    console.error(isConfigError(error) ? `Cannot start: ${error.message}` : error);
    process.exit(1);
  });
}
