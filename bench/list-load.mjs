// @ts-check
// 2. The citizen request list under load, against a bare SELECT server on the same rows.
import { join } from 'node:path';
import { root } from './lib/context.mjs';
import { throughput } from './lib/load.mjs';
import { freePort, median, num, waitForHttp } from './lib/util.mjs';

/** @typedef {Awaited<ReturnType<typeof throughput>>} Load */

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const { baseUrl, dbFile, orgId, citizenId, auth, seeded } = await ctx.session();
  const loadSeconds = ctx.quick ? 3 : 10;
  const listSlices = ctx.quick ? 1 : 2;
  const listUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  const check = await fetch(listUrl, { headers: auth });
  /** @type {{ items?: unknown[] }} */
  const firstPage = await check.json();
  if (!check.ok) throw new Error(`GET ${listUrl} answered ${check.status}: ${JSON.stringify(firstPage)}`);
  ctx.details.push(`List page: ${firstPage.items?.length ?? '?'} items of ${seeded.length}, ${JSON.stringify(firstPage).length} bytes of JSON.`);

  const baseListPort = await freePort();
  const baseList = ctx.spawn([join(root, 'bench/baseline-list.mjs'), dbFile, orgId, citizenId, String(baseListPort)], 'baseline-list');
  await waitForHttp(`http://127.0.0.1:${baseListPort}/`, 15_000, () => baseList.alive);
  // Interleaved slices (baseline, server, baseline, server) so that other work on the machine
  // weighs on both sides alike; each side gets `loadSeconds` in all, after a 2 s warm-up.
  const bareUrl = `http://127.0.0.1:${baseListPort}/`;
  ctx.log(`list: 50 connections, ${loadSeconds} s each for the baseline (bare node:http + sqlite3, one indexed SELECT) and the server, interleaved`);
  await throughput(bareUrl, { connections: 50, duration: 2, warmup: 0 });
  await throughput(listUrl, { headers: auth, connections: 50, duration: 2, warmup: 0 });
  const bareSlices = [];
  const serverSlices = [];
  for (let slice = 0; slice < listSlices; slice++) {
    bareSlices.push(await throughput(bareUrl, { connections: 50, duration: loadSeconds / listSlices, warmup: 0 }));
    serverSlices.push(await throughput(listUrl, { headers: auth, connections: 50, duration: loadSeconds / listSlices, warmup: 0 }));
  }
  await ctx.halt(baseList);
  const bareList = combineLoad(bareSlices);
  const serverList = combineLoad(serverSlices);
  const listRatio = serverList.rps / bareList.rps;
  ctx.details.push(
    `List load: server ${num(serverList.rps)} req/s (p50 ${serverList.p50} ms, p99 ${serverList.p99} ms, ${serverList.errors} errors of ${serverList.total}); ` +
      `baseline ${num(bareList.rps)} req/s (p50 ${bareList.p50} ms, p99 ${bareList.p99} ms, ${bareList.errors} errors).`,
  );
  ctx.details.push(
    'The list load is closed-loop (each connection waits for its answer), so mean latency ≈ 50 / throughput: ' +
      `${num(50_000 / serverList.rps, 1)} ms for the server, ${num(50_000 / bareList.rps, 1)} ms for the bare SELECT; the p99 budget is as much a throughput budget.`,
  );
  // Where the list's time goes: the same load on the cheapest routes of the same server.
  const diagSeconds = ctx.quick ? 2 : 3;
  const health = await throughput(`${baseUrl}/healthz`, { connections: 50, duration: diagSeconds, warmup: 1 });
  const orgProfile = await throughput(`${baseUrl}/v1/orgs/${orgId}`, { connections: 50, duration: diagSeconds, warmup: 1 });
  ctx.details.push(
    `For reference, same server and load, ${diagSeconds} s each: \`GET /healthz\` ${num(health.rps)} req/s (p99 ${health.p99} ms), ` +
      `\`GET /v1/orgs/${orgId}\` (public profile, no session) ${num(orgProfile.rps)} req/s (p99 ${orgProfile.p99} ms).`,
  );
  ctx.record({ step: 'list', metric: 'List throughput vs bare SELECT', value: `${num(listRatio * 100, 1)} % (${num(serverList.rps)} / ${num(bareList.rps)} req/s)`, budget: '≥ 40 %', verdict: ctx.verdict(listRatio >= 0.4 && serverList.errors === 0) });
  ctx.record({ step: 'list', metric: 'List p99 at 50 connections', value: `${serverList.p99} ms (bare SELECT: ${bareList.p99} ms)`, budget: '≤ 50 ms', verdict: ctx.verdict(serverList.p99 <= 50 && serverList.errors === 0) });
}

/**
 * Sums autocannon slices: throughput over the summed time, the worst p99, the median p50.
 * @param {Load[]} slices
 */
function combineLoad(slices) {
  const total = slices.reduce((sum, r) => sum + r.total, 0);
  const duration = slices.reduce((sum, r) => sum + r.duration, 0);
  return {
    rps: total / duration,
    total,
    duration,
    p50: median(slices.map((r) => r.p50)),
    p99: Math.max(...slices.map((r) => r.p99)),
    errors: slices.reduce((sum, r) => sum + r.errors, 0),
  };
}
