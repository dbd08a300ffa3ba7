// @ts-check
// Interleaved rounds: every side of a comparison (a bare baseline, the server…) is measured once
// per round, in turn, so that other work on the machine weighs on all of them alike; each
// measurement carries the CPU its processes spent (/proc) and that CPU per request answered. A
// ratio is then taken per round, and reported as its min/median/max; verdicts go on the median.
import { cpuMs } from './cpu.mjs';
import { throughput } from './load.mjs';
import { median, num, spread } from './util.mjs';

/**
 * One side of a comparison.
 * @typedef {object} Side
 * @property {string} name
 * @property {() => number[]} pids the processes whose CPU counts (read at each measurement: a
 *   server may have been restarted)
 */

/**
 * What one measurement of a side gave.
 * @typedef {object} Slice
 * @property {number} rps requests answered per second
 * @property {number} answered requests answered (any status)
 * @property {number} errors
 * @property {number} p50 ms
 * @property {number} p99 ms
 * @property {number} cpu ms of CPU of the side's processes
 * @property {number} cpuPerRequest ms of CPU per request answered
 */

/**
 * Runs `rounds` rounds of `measureOne` over `sides`, in order within each round.
 * @template {Side} S
 * @param {S[]} sides
 * @param {number} rounds
 * @param {(side: S) => Promise<Omit<Slice, 'cpu' | 'cpuPerRequest'>>} measureOne
 * @returns {Promise<Map<S, Slice[]>>}
 */
export async function interleave(sides, rounds, measureOne) {
  /** @type {Map<S, Slice[]>} */
  const slices = new Map(sides.map((side) => [side, []]));
  for (let round = 0; round < rounds; round++) {
    for (const side of sides) {
      const pids = side.pids();
      const before = cpuMs(pids);
      const result = await measureOne(side);
      const cpu = cpuMs(pids) - before;
      slices.get(side)?.push({ ...result, cpu, cpuPerRequest: cpu / Math.max(1, result.answered) });
    }
  }
  return slices;
}

/**
 * Load with autocannon at `connections` keep-alive connections for `seconds`, spread evenly over
 * `urls` (one server process each) and run at once; throughput summed, the worst p99.
 * @param {string[]} urls
 * @param {{ headers?: Record<string, string>, connections: number, seconds: number }} options
 * @returns {Promise<Omit<Slice, 'cpu' | 'cpuPerRequest'>>}
 */
export async function loadAll(urls, { headers = {}, connections, seconds }) {
  const parts = await Promise.all(
    urls.map((url, i) => throughput(url, { headers, connections: Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0), duration: seconds, warmup: 0 })),
  );
  const answered = parts.reduce((sum, part) => sum + part.total, 0);
  return {
    rps: parts.reduce((sum, part) => sum + part.total / part.duration, 0),
    answered,
    errors: parts.reduce((sum, part) => sum + part.errors, 0),
    p50: Math.max(...parts.map((part) => part.p50)),
    p99: Math.max(...parts.map((part) => part.p99)),
  };
}

/**
 * A side's slices summed up: total answered and errors, median throughput and CPU per request,
 * the worst p99.
 * @param {Slice[]} slices
 */
export function summary(slices) {
  return {
    rps: median(slices.map((s) => s.rps)),
    answered: slices.reduce((sum, s) => sum + s.answered, 0),
    errors: slices.reduce((sum, s) => sum + s.errors, 0),
    p50: median(slices.map((s) => s.p50)),
    p99: Math.max(...slices.map((s) => s.p99)),
    cpuPerRequest: median(slices.map((s) => s.cpuPerRequest)),
  };
}

/**
 * The per-round ratios of `server` to `bare` throughput (each round's pair), as min/median/max.
 * @param {Slice[]} server
 * @param {Slice[]} bare
 */
export function ratios(server, bare) {
  return spread(server.map((slice, i) => slice.rps / (bare[i]?.rps ?? NaN)));
}

/**
 * A ratio line's figure: `71.2 % (min 65.0, max 74.1 of 3 rounds; 1,232 / 1,843 req/s; CPU 0.80 / 0.52 ms/req)`.
 * @param {ReturnType<typeof spread>} ratio
 * @param {Slice[]} server
 * @param {Slice[]} bare
 */
export function ratioText(ratio, server, bare) {
  const s = summary(server);
  const b = summary(bare);
  return (
    `${num(ratio.median * 100, 1)} % (min ${num(ratio.min * 100, 1)}, max ${num(ratio.max * 100, 1)} of ${server.length} rounds; ` +
    `${num(s.rps)} / ${num(b.rps)} req/s; CPU ${cpuText(s.cpuPerRequest)} / ${cpuText(b.cpuPerRequest)} ms/req)`
  );
}

/** @param {number} ms CPU per request, with two decimals */
export const cpuText = (ms) => num(ms, 2);

/**
 * A detail line for one side: every round's throughput, p99 and CPU per request.
 * @param {string} label
 * @param {Slice[]} slices
 */
export function sliceDetail(label, slices) {
  const s = summary(slices);
  return (
    `${label}: ${slices.map((x) => `${num(x.rps)} req/s (p99 ${num(x.p99)} ms, CPU ${cpuText(x.cpuPerRequest)} ms/req)`).join(' · ')}; ` +
    `${s.answered} answered, ${s.errors} errors.`
  );
}
