#!/usr/bin/env node
// @ts-check
// `npm run bench`: measures the performance budgets of shared DESIGN.md ("Performance budgets")
// on this machine, against bare node:http + sqlite3 (and pg) baselines run in the same process
// tree, interleaved with the server, and prints one table and writes it to bench/RESULTS.md.
// Everything talks to 127.0.0.1 only; the run is bounded (about 8–12 minutes on 2 cores, cut off
// after 20). A missed budget is reported as FAIL, not as a non-zero exit: this is a measurement,
// not a test.
//
// Each measurement is its own module, bench/<name>.mjs, exporting `measure(ctx)`; this file only
// runs them in order and reports. `node bench/run.mjs <name>…` runs only those (e.g. `widget-size`)
// and prints their lines without touching RESULTS.md.
//
// Environment: BENCH_SCALE_ROWS (default 1000000) — the large size of the scaling step;
// BENCH_SEARCH_ROWS — the large size of the staff-search step; TEST_DATABASE_URL — a PostgreSQL
// database for the postgres step and staff search there; BENCH_QUICK=1 — shorter load phases (for
// trying the script out; figures are then rougher).
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { BenchContext, root } from './lib/context.mjs';
import { watchOtherCpu } from './lib/cpu-watch.mjs';
import { num } from './lib/util.mjs';

/** The measurements, in the order they run (scaling stops and restarts the server, so it comes late). */
const measurements = ['widget-size', 'list-load', 'submission', 'upload-memory', 'postgres', 'scaling', 'staff-search', 'widget-render', 'lighthouse'];

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !measurements.includes(name));
if (unknown.length) {
  console.error(`bench: no measurement ${unknown.join(', ')}; there are ${measurements.join(', ')}`);
  process.exit(2);
}
const selected = asked.length ? measurements.filter((name) => asked.includes(name)) : measurements;
const complete = selected.length === measurements.length;

const startedAt = new Date();
const loadAtStart = os.loadavg();
const otherCpu = watchOtherCpu();
const ctx = new BenchContext();

let finished = false;
// A hung step must not hold the machine: after 20 minutes, report what there is and leave.
setTimeout(async () => {
  if (finished) return;
  finished = true;
  ctx.notes.push('The run was cut off after 20 minutes; the missing lines were not measured.');
  await ctx.cleanUp();
  report();
  process.exit(0);
}, 1_200_000).unref();
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) {
  process.once(signal, async () => {
    finished = true;
    await ctx.cleanUp();
    process.exit(130);
  });
}

try {
  for (const name of selected) {
    /** @type {{ measure: (ctx: BenchContext) => Promise<void> }} */
    const step = await import(`./${name}.mjs`);
    await step.measure(ctx);
  }
} catch (error) {
  ctx.notes.push(`The run stopped early: ${error instanceof Error ? error.message : String(error)}`);
  console.error(error);
  if (ctx.serverOutput) console.error(`--- server output (tail) ---\n${ctx.serverOutput}`);
} finally {
  if (!finished) {
    finished = true;
    await ctx.cleanUp();
    report();
  }
}

/** Prints the table; after a run of every measurement, also writes bench/RESULTS.md. */
function report() {
  const seconds = (Date.now() - ctx.startedAt) / 1000;
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${num(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.platform()} ${os.release()}`;
  const others = otherCpu.stop();
  const busy = others ? others.average > 0.25 : (loadAtStart[0] ?? 0) > cpus.length * 0.5;
  if (busy) {
    ctx.notes.push(
      others
        ? `Other work kept ${num(others.average, 2)} of the ${cpus.length} cores busy on average during the run (peak ${num(others.peak, 2)}): the figures are noisy; run again on an idle machine to confirm. The baselines ran interleaved with the server, so the ratios suffer less than the absolute figures.`
        : `The machine was busy at the start (load average ${loadAtStart[0]?.toFixed(2)} on ${cpus.length} cores): the figures may be noisy.`,
    );
  }
  const header = ['Measurement', 'Figure', 'Budget', 'Result'];
  const table = ctx.rows.map((row) => [row.metric, row.value, row.budget, row.verdict]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i]?.length ?? 0)));
  /** @param {string[]} cells */
  const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const cells of table) console.log(line(cells));
  for (const note of ctx.notes) console.log(`note: ${note}`);
  const passed = ctx.rows.filter((row) => row.verdict === 'PASS').length;
  const failed = ctx.rows.filter((row) => row.verdict === 'FAIL').length;
  const unmeasured = ctx.rows.filter((row) => row.value.startsWith('not measured')).length;
  const figuresOnly = ctx.rows.length - passed - failed - unmeasured;
  console.log(`\nbench: ${passed} within budget, ${failed} over budget, ${unmeasured} not measured${figuresOnly ? `, ${figuresOnly} without a budget` : ''} (${num(seconds)} s)`);
  if (!complete) {
    // RESULTS.md keeps the full run's figures: a partial run shows what it would add there.
    for (const detail of ctx.details) console.log(`detail: ${detail}`);
    console.log(`bench: ran ${selected.join(', ')} only; bench/RESULTS.md left as it was`);
    return;
  }

  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); overwritten on every run. Budgets: shared DESIGN.md, "Performance budgets".',
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- Node: ${process.version}`,
    `- Machine: ${machine}`,
    `- Load average (1 min) at the start: ${loadAtStart[0]?.toFixed(2)}; other work during the run (CPU outside the bench's process tree): ${others ? `${num(others.average, 2)} cores on average, ${num(others.peak, 2)} at peak` : 'unknown (no /proc)'}`,
    `- Duration: ${num(seconds)} s${ctx.quick ? ' (BENCH_QUICK=1: shortened load phases)' : ''}`,
    '',
    '| Measurement | Figure | Budget | Result |',
    '|---|---|---|---|',
    ...table.map((cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`),
    '',
    '## Details',
    '',
    ...ctx.details.map((detail) => `- ${detail}`),
    ...(ctx.notes.length ? ['', '## Notes', '', ...ctx.notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench/RESULTS.md'), md);
  console.log('bench: wrote bench/RESULTS.md');
}
