// @ts-check
// Load generation: autocannon (keep-alive connections, its own HTTP parser) for throughput and
// p99 under load, and a sequential hrtime loop for sub-millisecond service latency.
import http from 'node:http';
import autocannon from 'autocannon';
import { percentile } from './util.mjs';

/**
 * Runs autocannon against `url` for `duration` seconds with `connections` keep-alive connections,
 * after a `warmup` of the same shape that is not counted.
 * @param {string} url
 * @param {{ headers?: Record<string, string>, connections?: number, duration?: number, warmup?: number }} [options]
 */
export async function throughput(url, { headers = {}, connections = 50, duration = 10, warmup = 2 } = {}) {
  if (warmup > 0) await runCannon({ url, headers, connections, duration: warmup });
  const result = await runCannon({ url, headers, connections, duration });
  const errors = result.errors + result.timeouts + result.non2xx;
  return {
    rps: result.requests.average,
    total: result.requests.total,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.average,
    errors,
    non2xx: result.non2xx,
    duration: result.duration,
  };
}

/**
 * @param {autocannon.Options} options
 * @returns {Promise<autocannon.Result>}
 */
function runCannon(options) {
  return new Promise((resolve, reject) => {
    autocannon({ ...options, timeout: 10 }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

/**
 * Sequential requests (`concurrency` loops, keep-alive) for `duration` ms after `warmup` ms;
 * latency in ms with microsecond resolution. Non-2xx answers are counted as errors.
 * @param {string} url
 * @param {{ headers?: Record<string, string>, duration?: number, warmup?: number, concurrency?: number }} [options]
 */
export async function latency(url, { headers = {}, duration = 4000, warmup = 1000, concurrency = 1 } = {}) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  /** @type {number[]} */
  const samples = [];
  let errors = 0;
  /** @type {string | null} */
  let firstError = null;
  /**
   * @param {number} until
   * @param {boolean} record
   */
  const loop = async (until, record) => {
    while (performance.now() < until) {
      const start = process.hrtime.bigint();
      const status = await get(url, headers, agent).catch((/** @type {Error} */ error) => {
        firstError ??= error.message;
        return 0;
      });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (status < 200 || status >= 300) {
        errors += record ? 1 : 0;
        firstError ??= `HTTP ${status}`;
      } else if (record) samples.push(ms);
    }
  };
  const warmUntil = performance.now() + warmup;
  await Promise.all(Array.from({ length: concurrency }, () => loop(warmUntil, false)));
  errors = 0;
  const until = performance.now() + duration;
  await Promise.all(Array.from({ length: concurrency }, () => loop(until, true)));
  agent.destroy();
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((sum, value) => sum + value, 0) / (samples.length || 1);
  return { count: samples.length, mean, p50: percentile(samples, 50), p99: percentile(samples, 99), errors, firstError, samples };
}

/**
 * @param {string} url
 * @param {Record<string, string>} headers
 * @param {http.Agent} agent
 * @returns {Promise<number>} the status
 */
function get(url, headers, agent) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}
