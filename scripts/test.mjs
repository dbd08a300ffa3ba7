#!/usr/bin/env node
// @ts-check
// Runs every test suite of the project and ends with one plain line: `N passed, N failed`.
// Server tests run on SQLite always and again on PostgreSQL when TEST_DATABASE_URL is set;
// widget tests run in headless Chromium against a real server.
import { spawn } from 'node:child_process';

/**
 * A step of the run. A `gate` counts as one test (its exit code); the others are counted from
 * what their runner prints.
 * @typedef {object} Suite
 * @property {string} name
 * @property {[string, ...string[]]} command
 * @property {'gate' | 'node' | 'wtr'} kind
 * @property {Record<string, string>} [env] an empty value removes the variable
 */

/** @type {Suite[]} */
const suites = [
  { name: 'typecheck', command: ['npm', 'run', 'typecheck'], kind: 'gate' },
  { name: 'lint', command: ['npm', 'run', 'lint'], kind: 'gate' },
  { name: 'tooling', command: ['npm', 'run', 'test:tooling'], kind: 'node' },
  { name: 'sdk', command: ['npm', 'test', '-w', 'sdk'], kind: 'node' },
  { name: 'server (SQLite)', command: ['npm', 'test', '-w', 'server'], kind: 'node', env: { TEST_DATABASE_URL: '' } },
];
if (process.env.TEST_DATABASE_URL) {
  suites.push({
    name: 'server (PostgreSQL)',
    command: ['npm', 'test', '-w', 'server'],
    kind: 'node',
    env: { TEST_DATABASE_URL: process.env.TEST_DATABASE_URL },
  });
}
suites.push({ name: 'widget (Chromium)', command: ['npm', 'test', '-w', 'widget'], kind: 'wtr' });

let passed = 0;
let failed = 0;
/** What failed, named, repeated just above the summary so a long log need not be searched. */
const failures = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name} ===`);
  const { code, output } = await run(suite.command, suite.env ?? {});
  const counts = count(suite.kind, output);
  failures.push(...failedNames(suite.kind, output).map((name) => `${suite.name}: ${name}`));
  if (suite.kind === 'gate') {
    if (code === 0) passed += 1;
    else {
      failed += 1;
      failures.push(`${suite.name} (exit ${code})`);
    }
  } else if (counts) {
    passed += counts.passed;
    // A runner that crashed after counting still failed as a whole.
    failed += counts.failed + (code !== 0 && counts.failed === 0 ? 1 : 0);
  } else {
    failed += 1;
    console.log(`${suite.name}: the runner printed no result (exit ${code})`);
  }
}
if (failures.length) console.log(`\nFailed:\n${failures.map((name) => `  ${name}`).join('\n')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 ? 0 : 1;

/**
 * Runs a command with inherited output, also capturing it to read the counts.
 * @param {[string, ...string[]]} command
 * @param {Record<string, string>} extraEnv
 * @returns {Promise<{ code: number, output: string }>}
 */
function run([command, ...args], extraEnv) {
  return new Promise((resolve) => {
    const env = { ...process.env, ...extraEnv };
    for (const [key, value] of Object.entries(extraEnv)) if (value === '') delete env[key];
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    /**
     * @param {import('node:stream').Readable} stream
     * @param {NodeJS.WriteStream} target
     */
    const forward = (stream, target) =>
      stream.on('data', (/** @type {Buffer} */ chunk) => {
        output += chunk;
        target.write(chunk);
      });
    forward(child.stdout, process.stdout);
    forward(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/**
 * The names of the failed tests a runner printed: node:test's `not ok` lines (a suite also fails
 * with its test), web-test-runner's `❌` lines.
 * @param {Suite['kind']} kind
 * @param {string} output
 * @returns {string[]}
 */
function failedNames(kind, output) {
  const pattern = kind === 'node' ? /^\s*not ok \d+ - (.+)$/gm : kind === 'wtr' ? /^\s*❌ (.+)$/gm : null;
  return pattern ? [...new Set([...output.matchAll(pattern)].map((match) => match[1]?.trim() ?? ''))] : [];
}

/**
 * Reads the pass/fail counts a runner printed last.
 * @param {Suite['kind']} kind
 * @param {string} output
 * @returns {{ passed: number, failed: number } | null}
 */
function count(kind, output) {
  if (kind === 'node') {
    // node:test prints `# pass N` (TAP, when piped) or `ℹ pass N` (spec) at the end.
    const pass = [...output.matchAll(/^(?:#|ℹ) pass (\d+)$/gm)].at(-1);
    const fail = [...output.matchAll(/^(?:#|ℹ) fail (\d+)$/gm)].at(-1);
    return pass && fail ? { passed: Number(pass[1]), failed: Number(fail[1]) } : null;
  }
  if (kind === 'wtr') {
    const line = [...output.matchAll(/^(\d+) passed, (\d+) failed$/gm)].at(-1);
    return line ? { passed: Number(line[1]), failed: Number(line[2]) } : null;
  }
  return null;
}
