import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from './app.js';
import { loadConfig, type Config } from './config.js';
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
 */
export async function serve(options: ServeOptions, config: Config = loadConfig()): Promise<void> {
  if (options.demo && !config.demoDir) config.demoDir = defaultDemoDir();
  const app = await createApp(config);
  if (options.demo) await seedDemo(app.db, config);
  const url = await app.listen();
  const base = config.publicUrl ?? url;
  console.log(`Citizen Counter ${config.version} on ${base} (${app.db.dialect})`);
  console.log(`  API:          ${base}/v1/  (OpenAPI: ${base}/v1/openapi.json)`);
  console.log(`  widget:       ${base}/widget/citizen-counter.js`);
  if (options.demo) console.log(`  demo page:    ${base}/   (org "demo")`);
  if (config.sms.provider === 'dev') console.log(`  dev SMS:      ${base}/dev/sms`);
  if (config.adminKeyFile) {
    console.log(`  admin key:    in ${config.adminKeyFile}`);
    if (config.adminKeyGenerated) console.log(`  (generated now: ${config.adminKey})`);
  }
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: shutting down`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** The demo site: its build output when there is one, else its sources. */
function defaultDemoDir(): string {
  const demo = resolve(import.meta.dirname, '../../demo');
  return [resolve(demo, 'dist'), resolve(demo, 'public'), demo].find((dir) => existsSync(resolve(dir, 'index.html'))) ?? demo;
}

if (isMain(import.meta.url)) {
  const demo = process.argv.includes('--demo') || process.env['DEMO'] === '1';
  serve({ demo }).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
