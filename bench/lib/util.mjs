// @ts-check
// Small helpers shared by the benchmark steps: ports, child processes, HTTP, statistics.
import { spawn } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

/** @param {number} ms */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A TCP port that is free on 127.0.0.1 right now.
 * @returns {Promise<number>}
 */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {net.AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/**
 * Percentile `p` (0–100) of an ascending-sorted array.
 * @param {number[]} sorted
 * @param {number} p
 * @returns {number}
 */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? NaN;
}

/** @param {number[]} values */
export const median = (values) => percentile([...values].sort((a, b) => a - b), 50);

/**
 * One HTTP request to 127.0.0.1; resolves with status, headers and the body as text.
 * @param {string} url
 * @param {{ method?: string, headers?: http.OutgoingHttpHeaders, body?: string | Buffer, agent?: http.Agent }} [options]
 * @returns {Promise<{ status: number, headers: http.IncomingHttpHeaders, text: string }>}
 */
export function request(url, { method = 'GET', headers = {}, body, agent } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, ...(agent ? { agent } : {}) }, (res) => {
      /** @type {Buffer[]} */
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Waits until `url` answers 2xx, or fails after `timeoutMs`.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {() => boolean} [isAlive] stops waiting when the process that should answer has exited
 */
export async function waitForHttp(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  /** @type {Error | undefined} */
  let lastError;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the process serving ${url} exited`);
    try {
      const res = await request(url);
      if (res.status >= 200 && res.status < 300) return res;
      lastError = new Error(`HTTP ${res.status}: ${res.text.slice(0, 200)}`);
    } catch (error) {
      lastError = error instanceof Error ? error : new Error(String(error));
    }
    await sleep(100);
  }
  throw new Error(`${url} did not come up in ${timeoutMs} ms: ${lastError?.message ?? 'no answer'}`);
}

/**
 * A child process of the bench, with the tail of its output.
 * @typedef {object} Child
 * @property {import('node:child_process').ChildProcess} child
 * @property {string} name
 * @property {boolean} alive
 * @property {string} output the last 4,000 characters it printed
 * @property {() => Promise<void>} stop
 */

/**
 * Spawns a child process, keeping the tail of its output for error messages.
 * `stop()` sends SIGTERM, then SIGKILL after 5 s, and resolves when it has exited.
 * @param {string} command
 * @param {string[]} args
 * @param {{ env: NodeJS.ProcessEnv, cwd: string, name: string }} options
 * @returns {Child}
 */
export function spawnChild(command, args, { env, cwd, name }) {
  const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let tail = '';
  /** @param {Buffer} chunk */
  const keep = (chunk) => {
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exit = new Promise((resolve) => child.on('exit', (code, signal) => {
    exited = true;
    resolve({ code, signal });
  }));
  return {
    child,
    name,
    get alive() {
      return !exited;
    },
    get output() {
      return tail;
    },
    async stop() {
      if (exited) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit;
      clearTimeout(timer);
    },
  };
}

/**
 * Formats a number with `digits` decimals, or `—` when it is not a finite number.
 * @param {number} value
 * @param {number} [digits]
 */
export function num(value, digits = 0) {
  return Number.isFinite(value) ? value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '—';
}

/**
 * The smallest, median and largest of `values`.
 * @param {number[]} values
 */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? NaN, median: percentile(sorted, 50), max: sorted.at(-1) ?? NaN };
}
