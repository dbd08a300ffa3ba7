// @ts-check
// 6. Scaling: list and tracking-code lookup latency at 10,000 vs 1,000,000 requests in the org,
// with their file rows as the filesystem store leaves them. Before each case both servers are
// restarted (a cold process: no cache, no prepared statement), their first query timed on its own;
// the OS page cache cannot be dropped by an unprivileged process, so the files stay warm there.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { latency } from './lib/load.mjs';
import { query, seedRequests } from './lib/seed.mjs';
import { freePort, num, percentile, spread } from './lib/util.mjs';

const smallRows = 10_000;

/** @typedef {'small' | 'large'} Side */
/** @typedef {'list' | 'track'} What */

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const session = await ctx.session();
  const { baseUrl, dbFile, orgId, unitId, citizenId, auth, seeded } = session;
  const bigRows = Number(process.env.BENCH_SCALE_ROWS ?? 1_000_000);
  const lookupCode = seeded[10]?.trackingCode ?? '';
  const listUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  const trackUrl = `${listUrl}?trackingCode=${encodeURIComponent(lookupCode)}`;
  const probe = await fetch(trackUrl, { headers: auth });
  /** @type {{ items?: { trackingCode?: string }[] }} */
  const probeBody = await probe.json();
  if (!probe.ok || probeBody.items?.[0]?.trackingCode !== lookupCode) {
    ctx.notes.push(`Tracking-code lookup did not find ${lookupCode}: HTTP ${probe.status} ${JSON.stringify(probeBody).slice(0, 200)}`);
  }
  const sample = await query(dbFile, 'SELECT createdAt, trackingCode FROM requests WHERE orgId = ? ORDER BY createdAt DESC LIMIT 1', orgId);
  if (sample && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+00:00$/.test(String(sample.createdAt))) {
    ctx.notes.push(`The server stores createdAt as ${JSON.stringify(sample.createdAt)}; seeded rows use "YYYY-MM-DD HH:MM:SS.SSS +00:00".`);
  }
  // Two copies of the database: A filled to 10,000 requests, B to 1,000,000; one server on each,
  // measured in alternating short slices so that other work on the machine weighs on both alike.
  await session.stop();
  const dbFileB = join(ctx.tmp, 'server-big.sqlite');
  await query(dbFile, 'PRAGMA wal_checkpoint(TRUNCATE)');
  copyFileSync(dbFile, dbFileB);
  /** @param {string} file */
  const mine = async (file) => /** @type {{ n: number }} */ (await query(file, 'SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND citizenId = ?', orgId, citizenId));
  const seedA = await seedRequests(dbFile, { orgId, unitId, citizenId, total: smallRows });
  const mineA = await mine(dbFile);
  ctx.log(`scaling: A holds ${num(seedA.total)} requests (${num(seedA.added)} seeded in ${num(seedA.ms / 1000, 1)} s; the citizen owns ${num(mineA.n)})`);
  const big = bigRows;
  const seedB = await seedRequests(dbFileB, { orgId, unitId, citizenId, total: big });
  const mineB = await mine(dbFileB);
  ctx.log(`scaling: B holds ${num(seedB.total)} requests (${num(seedB.added)} seeded in ${num(seedB.ms / 1000, 1)} s; the citizen owns ${num(mineB.n)})`);
  const portB = await freePort();
  /** @type {import('./lib/util.mjs').Child | null} */
  let serverB = null;
  // Both servers started afresh: a new process, its caches and prepared statements empty.
  const restartBoth = async () => {
    await session.stop();
    if (serverB) await ctx.halt(serverB);
    await session.restart();
    serverB = await session.launch(dbFileB, portB, 'server-big');
  };
  await restartBoth();
  /** @param {string} base */
  const urlsFor = (base) => ({
    list: `${base}/v1/orgs/${orgId}/requests`,
    track: `${base}/v1/orgs/${orgId}/requests?trackingCode=${encodeURIComponent(lookupCode)}`,
  });
  /** @type {Record<Side, Record<What, string>>} */
  const sides = { small: urlsFor(baseUrl), large: urlsFor(`http://127.0.0.1:${portB}`) };
  // The seeded rows must read like the server's own: look one up (row 10 is the citizen's).
  const seededProbe = await fetch(`${sides.large.list}?trackingCode=800000000010`, { headers: auth });
  /** @type {{ items?: { trackingCode?: string, bodyFile?: { size?: number } }[] }} */
  const seededBody = await seededProbe.json().catch(() => ({}));
  if (!seededProbe.ok || seededBody.items?.[0]?.trackingCode !== '800000000010') {
    ctx.notes.push(`The server did not read a seeded request back (HTTP ${seededProbe.status} ${JSON.stringify(seededBody).slice(0, 200)}): the seeding no longer matches the schema.`);
  }
  /** @type {Record<Side, Record<What, number[]>>} */
  const samples = { small: { list: [], track: [] }, large: { list: [], track: [] } };
  /** @type {Record<Side, Record<What, number>>} */
  const first = { small: { list: NaN, track: NaN }, large: { list: NaN, track: NaN } };
  /** @type {Record<Side, Record<What, number[]>>} each round's p50 */
  const roundP50 = { small: { list: [], track: [] }, large: { list: [], track: [] } };
  /** @type {string[]} */
  const scaleErrors = [];
  const sliceMs = ctx.quick ? 300 : 500;
  const scaleRounds = ctx.quick ? 4 : 8;
  /** @type {Side[]} */
  const bothSides = ['small', 'large'];
  /** @type {What[]} */
  const both = ['list', 'track'];
  ctx.log(`scaling: per case, both servers restarted and their first query timed, then one sequential client, 1 s warm-up, ${scaleRounds} alternating slices of ${sliceMs} ms`);
  for (const what of both) {
    await restartBoth();
    for (const side of what === 'list' ? bothSides : [...bothSides].reverse()) first[side][what] = await timeOnce(sides[side][what], auth);
    for (const side of bothSides) await latency(sides[side][what], { headers: auth, duration: 0, warmup: 1000 });
    for (let round = 0; round < scaleRounds; round++) {
      for (const side of round % 2 ? [...bothSides].reverse() : bothSides) {
        const r = await latency(sides[side][what], { headers: auth, duration: sliceMs, warmup: 0 });
        samples[side][what].push(...r.samples);
        roundP50[side][what].push(r.p50);
        if (r.errors) scaleErrors.push(`${side} ${what}: ${r.errors} errors (${r.firstError})`);
      }
    }
  }
  if (serverB) await ctx.halt(serverB);
  if (scaleErrors.length) ctx.notes.push(`Scaling errors: ${scaleErrors.join('; ')}.`);
  /** @param {number[]} values */
  const stats = (values) => {
    const sorted = [...values].sort((x, y) => x - y);
    return { count: sorted.length, mean: sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  /** @type {[Side, number, number][]} */
  const sizes = [['small', smallRows, mineA.n], ['large', big, mineB.n]];
  const computed = { small: { list: stats(samples.small.list), track: stats(samples.small.track) }, large: { list: stats(samples.large.list), track: stats(samples.large.track) } };
  for (const [side, size, owned] of sizes) {
    const { list, track } = computed[side];
    ctx.details.push(
      `Scaling at ${num(size)} requests in the org (the citizen owns ${num(owned)}): list first query after a restart ${num(first[side].list, 2)} ms, warm mean ${num(list.mean, 2)} ms / p50 ${num(list.p50, 2)} / p99 ${num(list.p99, 2)} (${list.count} requests); ` +
        `tracking-code lookup first query ${num(first[side].track, 2)} ms, warm mean ${num(track.mean, 2)} ms / p50 ${num(track.p50, 2)} / p99 ${num(track.p99, 2)} (${track.count} requests).`,
    );
  }
  const { small, large } = computed;
  // The growth per round (that round's p50 at 1,000,000 ÷ at 10,000), as min/median/max; the verdict on the median.
  /** @param {What} what */
  const growth = (what) => spread(roundP50.large[what].map((p50, i) => p50 / (roundP50.small[what][i] ?? NaN)));
  /** @param {What} what */
  const text = (what) => {
    const g = growth(what);
    return (
      `${num(g.median, 2)}× (min ${num(g.min, 2)}, max ${num(g.max, 2)} of ${roundP50.large[what].length} rounds; p50 ${num(large[what].p50, 2)} vs ${num(small[what].p50, 2)} ms; ` +
      `first query after a restart ${num(first.large[what], 1)} vs ${num(first.small[what], 1)} ms)`
    );
  };
  ctx.record({ step: 'scale', metric: `List latency p50, ${num(big)} vs ${num(smallRows)} requests`, value: text('list'), budget: '≤ 1.5× (median)', verdict: ctx.verdict(growth('list').median <= 1.5 && !scaleErrors.length) });
  ctx.record({ step: 'scale', metric: `Tracking-code lookup p50, ${num(big)} vs ${num(smallRows)}`, value: text('track'), budget: '≤ 1.5× (median)', verdict: ctx.verdict(growth('track').median <= 1.5 && !scaleErrors.length) });
  if (big < 1_000_000) ctx.notes.push(`The scaling step's large size was ${num(big)} requests, not the budget's 1,000,000.`);
}

/**
 * The latency of one GET on a fresh connection, in ms.
 * @param {string} url
 * @param {Record<string, string>} headers
 */
async function timeOnce(url, headers) {
  const start = performance.now();
  const response = await fetch(url, { headers });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return performance.now() - start;
}
