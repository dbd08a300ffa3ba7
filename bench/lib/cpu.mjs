// @ts-check
// CPU time of processes from Linux /proc: utime + stime of /proc/<pid>/stat, in ms. A figure of
// throughput is given with the CPU its server spent per request answered, so that a server that
// answers as fast by burning both cores is seen for what it is. Elsewhere than Linux it answers NaN.
import { readFileSync } from 'node:fs';

const msPerTick = 10; // USER_HZ is 100 on Linux

/**
 * CPU time of `pids` so far, in ms (NaN when /proc cannot tell).
 * @param {number[]} pids
 */
export function cpuMs(pids) {
  let sum = 0;
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state(0) ppid(1) … utime(11) stime(12).
      sum += (Number(rest[11]) + Number(rest[12])) * msPerTick;
    } catch {
      return NaN;
    }
  }
  return sum;
}

/**
 * Runs `work` and answers its result with the CPU `pids` spent meanwhile.
 * @template T
 * @param {number[]} pids
 * @param {() => Promise<T>} work
 * @returns {Promise<{ result: T, cpu: number }>} `cpu` in ms
 */
export async function withCpu(pids, work) {
  const before = cpuMs(pids);
  const result = await work();
  return { result, cpu: cpuMs(pids) - before };
}

/**
 * A process's memory from /proc/<pid>/status, in bytes: `VmHWM` (peak resident set since it
 * started) and `VmRSS` (now); NaN when /proc cannot tell.
 * @param {number} pid
 */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    /** @param {string} field */
    const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { hwm: kb('VmHWM'), rss: kb('VmRSS') };
  } catch {
    return { hwm: NaN, rss: NaN };
  }
}
