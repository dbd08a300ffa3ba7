// @ts-check
// How much CPU other work on the machine took while the bench ran (Linux /proc): every second,
// the machine's busy time minus the busy time of this process and all its descendants (servers,
// baselines, Chromium). Elsewhere it answers null.
import { readdirSync, readFileSync } from 'node:fs';

function machineBusy() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: busy = all but idle and iowait.
  return fields.slice(0, 8).reduce((sum, value) => sum + value, 0) - fields[3] - fields[4];
}

function processTimes() {
  const times = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // After the command: state(0) ppid(1) … utime(11) stime(12).
      times.set(Number(name), { ppid: Number(rest[1]), cpu: Number(rest[11]) + Number(rest[12]) });
    } catch {
      // gone in between
    }
  }
  return times;
}

/**
 * CPU ticks of `root` and all its descendants.
 * @param {Map<number, { ppid: number, cpu: number }>} times
 * @param {number} root
 */
function ownBusy(times, root) {
  /** @type {Map<number, number[]>} */
  const children = new Map();
  for (const [pid, { ppid }] of times) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  let sum = 0;
  const stack = [root];
  for (let pid = stack.pop(); pid !== undefined; pid = stack.pop()) {
    sum += times.get(pid)?.cpu ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return sum;
}

/** Starts sampling; `stop()` answers the average number of cores other work kept busy. */
export function watchOtherCpu() {
  try {
    machineBusy();
  } catch {
    return { stop: () => null };
  }
  const ticks = 100; // USER_HZ on Linux
  let other = 0;
  let elapsed = 0;
  let peak = 0;
  let last = { at: performance.now(), machine: machineBusy(), own: ownBusy(processTimes(), process.pid) };
  const sample = () => {
    const times = processTimes();
    const now = { at: performance.now(), machine: machineBusy(), own: ownBusy(times, process.pid) };
    // Descendants that exited since the last sample took their final ticks with them; count only
    // the change of those still alive plus the machine's, clamped at zero.
    const seconds = (now.at - last.at) / 1000;
    const otherTicks = Math.max(0, now.machine - last.machine - Math.max(0, now.own - last.own));
    other += otherTicks / ticks;
    elapsed += seconds;
    if (seconds > 0) peak = Math.max(peak, otherTicks / ticks / seconds);
    last = now;
  };
  const timer = setInterval(sample, 1000);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      return elapsed > 0 ? { average: other / elapsed, peak } : null;
    },
  };
}
