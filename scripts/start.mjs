#!/usr/bin/env node
// @ts-check
// `npm start`: the product on its embedded defaults — SQLite under ./data, the dev SMS inbox,
// the demo org and the demo host site. Builds the widget bundle first if it is missing.
// With NODE_ENV=production it is the service alone: no demo org or demo site unless DEMO=1, and the
// configuration is the environment's (see the README's production section).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = `${root}widget/dist/citizen-counter.js`;
const production = process.env.NODE_ENV === 'production';
const demo = production ? process.env.DEMO === '1' : true;

if (!existsSync(`${root}sdk/dist/index.js`)) build('sdk');
if (!existsSync(bundle)) build('widget');

const env = {
  ...(demo ? { DEMO: '1', DEMO_DIR: `${root}demo` } : {}),
  WIDGET_DIST: `${root}widget/dist`,
  ...process.env,
};
const server = spawn(process.execPath, ['--import', 'tsx', `${root}server/src/main.ts`, ...(demo ? ['--demo'] : [])], {
  cwd: root,
  env,
  stdio: 'inherit',
});
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

/** @param {string} workspace builds it with its own `npm run build` */
function build(workspace) {
  console.log(`Building ${workspace}…`);
  const result = spawnSync('npm', ['run', 'build', '-w', workspace], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
