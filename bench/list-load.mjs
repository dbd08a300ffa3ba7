// @ts-check
// 2. The citizen request list under load (50 connections), against two bare servers on the same
// rows: one running the very SQL the server runs, one the simplest SELECT.
import { join } from 'node:path';
import { root } from './lib/context.mjs';
import { throughput } from './lib/load.mjs';
import { withCpu } from './lib/cpu.mjs';
import { cpuText, interleave, loadAll, ratioText, ratios, sliceDetail, summary } from './lib/rounds.mjs';
import { freePort, num, waitForHttp } from './lib/util.mjs';

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const session = await ctx.session();
  const { baseUrl, dbFile, orgId, citizenId, auth, seeded } = session;
  const listUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  const check = await fetch(listUrl, { headers: auth });
  /** @type {{ items?: { bodyFile?: { size?: number } }[] }} */
  const firstPage = await check.json();
  if (!check.ok) throw new Error(`GET ${listUrl} answered ${check.status}: ${JSON.stringify(firstPage)}`);
  ctx.details.push(
    `List page: ${firstPage.items?.length ?? '?'} items of ${seeded.length}, ${JSON.stringify(firstPage).length} bytes of JSON; ` +
      `each request's body file ${num(firstPage.items?.[0]?.bodyFile?.size ?? NaN)} bytes, in the filesystem store.`,
  );
  const same = await startBareList(ctx, dbFile, orgId, citizenId, 'same');
  const simple = await startBareList(ctx, dbFile, orgId, citizenId, 'simple');
  const result = await compareList(ctx, {
    label: 'SQLite',
    server: { name: 'server', urls: [listUrl], pids: () => [session.pid()] },
    same,
    simple,
    auth,
  });
  await ctx.halt(same.child);
  await ctx.halt(simple.child);

  // Where the list's time goes: the same load on the cheapest routes of the same server.
  const diagSeconds = ctx.quick ? 2 : 3;
  /** @param {string} url */
  const reference = async (url) => {
    await throughput(url, { connections: 50, duration: 1, warmup: 0 });
    const { result, cpu } = await withCpu([session.pid()], () => throughput(url, { connections: 50, duration: diagSeconds, warmup: 0 }));
    return `${num(result.rps)} req/s (p99 ${result.p99} ms, CPU ${cpuText(cpu / Math.max(1, result.total))} ms/req)`;
  };
  const health = await reference(`${baseUrl}/healthz`);
  const orgProfile = await reference(`${baseUrl}/v1/orgs/${orgId}`);
  ctx.details.push(
    `For reference, same server and load, ${diagSeconds} s each: \`GET /healthz\` ${health}, \`GET /v1/orgs/${orgId}\` (public profile, no session) ${orgProfile}.`,
  );
  const ok = result.server.errors === 0;
  ctx.record({ step: 'list', metric: 'List throughput vs bare server, same SQL', value: ratioText(result.vsSame, result.serverSlices, result.sameSlices), budget: '≥ 60 % (median)', verdict: ctx.verdict(result.vsSame.median >= 0.6 && ok) });
  ctx.record({ step: 'list', metric: 'List throughput vs bare simplest SELECT', value: ratioText(result.vsSimple, result.serverSlices, result.simpleSlices), budget: '—', verdict: '—' });
  ctx.record({ step: 'list', metric: 'List p99 at 50 connections', value: `${result.server.p99} ms (bare same SQL: ${result.same.p99} ms)`, budget: '≤ 50 ms', verdict: ctx.verdict(result.server.p99 <= 50 && ok) });
}

/**
 * A bare list server (bench/baseline-list.mjs) on `target`, an SQLite file or a PostgreSQL URL.
 * @param {import('./lib/context.mjs').BenchContext} ctx
 * @param {string} target
 * @param {string} orgId
 * @param {string} citizenId
 * @param {'same' | 'simple'} mode
 */
export async function startBareList(ctx, target, orgId, citizenId, mode) {
  const port = await freePort();
  const child = ctx.spawn(['--import', 'tsx', join(root, 'bench/baseline-list.mjs'), target, orgId, citizenId, String(port), mode], `baseline-list-${mode}`);
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, 30_000, () => child.alive);
  return { child, name: `bare ${mode === 'same' ? 'same SQL' : 'simplest SELECT'}`, urls: [url], pids: () => [child.child.pid ?? NaN] };
}

/**
 * @typedef {object} ListSide
 * @property {string} name
 * @property {string[]} urls the load is spread over them (one per server process)
 * @property {() => number[]} pids
 */

/**
 * Interleaved rounds of list load at 50 connections — bare same SQL, server, bare simplest
 * SELECT — after a warm-up of each; answers each side's slices and the two ratios.
 * @param {import('./lib/context.mjs').BenchContext} ctx
 * @param {{ label: string, server: ListSide, same: ListSide, simple: ListSide | null, auth: Record<string, string> }} options
 */
export async function compareList(ctx, { label, server, same, simple, auth }) {
  const rounds = 3;
  const seconds = ctx.quick ? 2 : 4;
  const sides = [same, server, ...(simple ? [simple] : [])];
  /** @param {ListSide} side */
  const headersOf = (side) => (side === server ? auth : {});
  ctx.log(`list (${label}): 50 connections, ${rounds} interleaved rounds of ${seconds} s each: ${sides.map((side) => side.name).join(', ')}`);
  for (const side of sides) await loadAll(side.urls, { headers: headersOf(side), connections: 50, seconds: 2 });
  const slices = await interleave(sides, rounds, (side) => loadAll(side.urls, { headers: headersOf(side), connections: 50, seconds }));
  const serverSlices = slices.get(server) ?? [];
  const sameSlices = slices.get(same) ?? [];
  const simpleSlices = simple ? slices.get(simple) ?? [] : [];
  ctx.details.push(`List load (${label}), 50 connections, ${rounds} rounds of ${seconds} s, per round:`);
  for (const side of sides) ctx.details.push(sliceDetail(`  ${side.name}`, slices.get(side) ?? []));
  return {
    serverSlices,
    sameSlices,
    simpleSlices,
    server: summary(serverSlices),
    same: summary(sameSlices),
    vsSame: ratios(serverSlices, sameSlices),
    vsSimple: ratios(serverSlices, simpleSlices),
  };
}
