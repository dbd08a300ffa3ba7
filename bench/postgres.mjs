// @ts-check
// 5. PostgreSQL (only when TEST_DATABASE_URL is set): the citizen list and submissions with one
// server process and with two on the same database (as an operator runs them behind a balancer),
// against a bare `pg` server running the same list SQL, and a bare `pg` submission server (the
// file kept as the filesystem store does, one INSERT per request). On a fresh schema (`?options=-c
// search_path=…`), dropped afterwards; the org, unit and citizen made through the API, the list's
// 50 requests filed through the API with a 100 KB file each (filesystem store).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { AdminClient } from '@citizen-counter/sdk';
import { fileRequests, prepareCitizen } from './lib/context.mjs';
import { interleave, loadAll, ratioText, ratios, sliceDetail, summary, cpuText } from './lib/rounds.mjs';
import { burst, makePdf, multipartBody } from './lib/submit.mjs';
import { freePort, num } from './lib/util.mjs';
import { startBareList } from './list-load.mjs';
import { startBare } from './submission.mjs';

const orgId = 'bench-pg';

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (!pgUrl) {
    ctx.record({ step: 'postgres', metric: 'PostgreSQL list and submission', value: 'not measured (TEST_DATABASE_URL is unset)', budget: '—', verdict: '—' });
    return;
  }
  const session = await ctx.session();
  const schema = `bench_pg_${randomBytes(4).toString('hex')}`;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  /** @type {import('./lib/util.mjs').Child[]} */
  const started = [];
  try {
    // Spaces as %20: the driver's own URL parser does not read `+` as a space.
    const url = `${pgUrl}${pgUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
    const ports = [await freePort(), await freePort()];
    ctx.log(`postgres: a server on schema ${schema}, the org and a citizen through the API, 50 requests with 100 KB files`);
    started.push(await session.launch(url, ports[0] ?? 0, 'pg-server-1'));
    const base = `http://127.0.0.1:${ports[0]}`;
    const { unitId, citizen, token, phone } = await prepareCitizen(new AdminClient({ baseUrl: base, adminKey: session.adminKey }), { baseUrl: base, orgId, phone: '09120000002', sink: session.sink });
    await fileRequests(citizen, unitId, 50);
    await client.query(`SET search_path TO ${schema}`);
    const citizenId = String((await client.query('SELECT id FROM citizens WHERE "orgId" = $1 AND phone = $2', [orgId, phone])).rows[0]?.id);
    // The second process on the same database, started once the first has migrated it.
    started.push(await session.launch(url, ports[1] ?? 0, 'pg-server-2'));
    const auth = { authorization: `Bearer ${token}` };
    const pidOf = (/** @type {number} */ i) => started[i]?.child.pid ?? NaN;
    const listUrls = ports.map((port) => `http://127.0.0.1:${port}/v1/orgs/${orgId}/requests`);
    const submitUrls = listUrls;

    // The list: bare same SQL, one server process, two server processes, interleaved.
    const bare = await startBareList(ctx, url, orgId, citizenId, 'same');
    const one = { name: 'server, 1 process', urls: listUrls.slice(0, 1), pids: () => [pidOf(0)] };
    const two = { name: 'server, 2 processes', urls: listUrls, pids: () => [pidOf(0), pidOf(1)] };
    const listSides = [bare, one, two];
    const rounds = 3;
    const seconds = ctx.quick ? 2 : 4;
    /** @param {{ urls: string[] }} side */
    const headersOf = (side) => (side === bare ? {} : auth);
    ctx.log(`postgres list: 50 connections, ${rounds} interleaved rounds of ${seconds} s: bare same SQL, server ×1, server ×2`);
    for (const side of listSides) await loadAll(side.urls, { headers: headersOf(side), connections: 50, seconds: 2 });
    const lists = await interleave(listSides, rounds, (side) => loadAll(side.urls, { headers: headersOf(side), connections: 50, seconds }));
    await ctx.halt(bare.child);
    const bareSlices = lists.get(bare) ?? [];
    const oneSlices = lists.get(one) ?? [];
    const twoSlices = lists.get(two) ?? [];
    ctx.details.push(`List load (PostgreSQL), 50 connections, ${rounds} rounds of ${seconds} s, per round:`);
    for (const side of listSides) ctx.details.push(sliceDetail(`  ${side.name}`, lists.get(side) ?? []));
    const vsOne = ratios(oneSlices, bareSlices);
    const vsTwo = ratios(twoSlices, bareSlices);
    const listOk = summary(oneSlices).errors + summary(twoSlices).errors === 0;
    ctx.record({ step: 'postgres', metric: 'PostgreSQL list vs bare pg same SQL, 1 server process', value: ratioText(vsOne, oneSlices, bareSlices), budget: '≥ 50 % (median)', verdict: ctx.verdict(vsOne.median >= 0.5 && listOk) });
    ctx.record({ step: 'postgres', metric: 'PostgreSQL list vs bare pg same SQL, 2 server processes', value: ratioText(vsTwo, twoSlices, bareSlices), budget: '≥ 50 % (median)', verdict: ctx.verdict(vsTwo.median >= 0.5 && listOk) });

    // Submissions: 200 at once to one process, or 100 to each of two; CPU of the server processes.
    const form = multipartBody(
      { fullName: 'شهروند سنجش', subject: 'درخواست با پیوست ۱۰۰ کیلوبایتی', unitId },
      { field: 'body', name: 'letter.pdf', type: 'application/pdf', content: makePdf(100 * 1024) },
    );
    const bareSubmit = await startBare(ctx, 'single', url);
    const submitBare = { name: 'bare pg single INSERT', urls: [bareSubmit.url], headers: {}, pids: () => [bareSubmit.pid] };
    const submitOne = { name: 'server, 1 process', urls: submitUrls.slice(0, 1), headers: auth, pids: () => [pidOf(0)] };
    const submitTwo = { name: 'server, 2 processes', urls: submitUrls, headers: auth, pids: () => [pidOf(0), pidOf(1)] };
    const submitSides = [submitBare, submitOne, submitTwo];
    for (const side of submitSides) for (const target of side.urls) await burst(target, { count: 20, ...form, headers: side.headers });
    const before = await countRequests(client);
    ctx.log(`postgres submission: 20 warm-up per process, then ${rounds} interleaved rounds of 200 at once: bare pg single INSERT, server ×1, server ×2 (100 each)`);
    const submits = await interleave(submitSides, rounds, async (side) => {
      const t0 = performance.now();
      const parts = await Promise.all(side.urls.map((target) => burst(target, { count: 200 / side.urls.length, ...form, headers: side.headers })));
      const secs = (performance.now() - t0) / 1000;
      return {
        rps: 200 / secs,
        answered: 200,
        errors: parts.reduce((sum, part) => sum + part.errors, 0),
        p50: Math.max(...parts.map((part) => part.p50)),
        p99: Math.max(...parts.map((part) => part.p99)),
      };
    });
    await ctx.halt(bareSubmit.child);
    const stored = (await countRequests(client)) - before;
    const serverSlices = [submitOne, submitTwo].flatMap((side) => submits.get(side) ?? []);
    const expected = serverSlices.reduce((sum, slice) => sum + slice.answered - slice.errors, 0);
    ctx.details.push(`Submissions (PostgreSQL), ${rounds} rounds of 200 at once (${form.body.length} bytes each), per round; the servers stored ${stored} (expected ${expected}):`);
    for (const side of submitSides) ctx.details.push(sliceDetail(`  ${side.name}`, submits.get(side) ?? []));
    const bareSubmitSlices = submits.get(submitBare) ?? [];
    for (const side of [submitOne, submitTwo]) {
      const slices = submits.get(side) ?? [];
      const s = summary(slices);
      ctx.record({
        step: 'postgres',
        metric: `PostgreSQL submission CPU per request, ${side.name}`,
        value: `${cpuText(s.cpuPerRequest)} ms (${num(s.rps)} req/s, p99 ${num(s.p99)} ms, ${s.errors} errors of ${s.answered}${stored === expected ? '' : `; ${stored} stored, ${expected} expected`})`,
        budget: '≤ 5 ms, 0 errors',
        verdict: ctx.verdict(s.cpuPerRequest <= 5 && s.errors === 0 && stored === expected),
      });
      ctx.record({ step: 'postgres', metric: `PostgreSQL submission throughput vs bare pg single INSERT, ${side.name}`, value: ratioText(ratios(slices, bareSubmitSlices), slices, bareSubmitSlices), budget: '—', verdict: '—' });
    }
  } finally {
    for (const child of started) await ctx.halt(child);
    await client.query(`DROP SCHEMA ${schema} CASCADE`);
    await client.end();
  }
}

/**
 * The org's requests in the schema `client` is set to.
 * @param {pg.Client} client
 */
async function countRequests(client) {
  return Number((await client.query('SELECT COUNT(*) AS n FROM requests WHERE "orgId" = $1', [orgId])).rows[0]?.n ?? 0);
}
