// @ts-check
// 3. 200 concurrent submissions of a 100 KB PDF, against a bare single-INSERT server.
import { join } from 'node:path';
import { root } from './lib/context.mjs';
import { query } from './lib/seed.mjs';
import { burst, makePdf, multipartBody } from './lib/submit.mjs';
import { freePort, median, num, sleep } from './lib/util.mjs';

/** @typedef {Awaited<ReturnType<typeof burst>>} Burst */

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const { baseUrl, dbFile, orgId, unitId, citizenId, auth } = await ctx.session();
  const submitRounds = ctx.quick ? 1 : 3;
  const pdf = makePdf(100 * 1024);
  const form = multipartBody(
    { fullName: 'شهروند سنجش', subject: 'درخواست با پیوست ۱۰۰ کیلوبایتی', unitId },
    { field: 'body', name: 'letter.pdf', type: 'application/pdf', content: pdf },
  );
  // Its own count: another measurement may have filed requests of this citizen before.
  const { n: before } = await countMine(dbFile, orgId, citizenId);
  const baseInsertPort = await freePort();
  const baseInsert = ctx.spawn([join(root, 'bench/baseline-insert.mjs'), join(ctx.tmp, 'baseline-insert.sqlite'), String(baseInsertPort)], 'baseline-insert');
  await waitForOutput(baseInsert, 'listening', 15_000);
  const insertUrl = `http://127.0.0.1:${baseInsertPort}/`;
  const submitUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  ctx.log(`submission: 20 warm-up, then ${submitRounds} rounds of 200 at once, alternating the baseline (bare node:http + sqlite3, one INSERT of the body, WAL + synchronous=FULL) and the server`);
  await burst(insertUrl, { count: 20, ...form });
  const warm = await burst(submitUrl, { count: 20, ...form, headers: auth });
  if (warm.errors) ctx.notes.push(`Submission warm-up: ${warm.errors} of 20 failed (${warm.firstError}).`);
  const bareRounds = [];
  const serverRounds = [];
  for (let round = 0; round < submitRounds; round++) {
    bareRounds.push(await burst(insertUrl, { count: 200, ...form }));
    serverRounds.push(await burst(submitUrl, { count: 200, ...form, headers: auth }));
  }
  await ctx.halt(baseInsert);
  const bareSubmit = combineBursts(bareRounds);
  const serverSubmit = combineBursts(serverRounds);
  const submitRatio = serverSubmit.rps / bareSubmit.rps;
  // Every 201 must be a stored request, and nothing more: what was there + the warm-up + the rounds.
  const expectedRows = before + (20 - warm.errors) + (serverSubmit.count - serverSubmit.errors);
  const { n: storedRows } = await countMine(dbFile, orgId, citizenId);
  if (storedRows !== expectedRows) ctx.notes.push(`After the submissions the database holds ${storedRows} of the citizen's requests; ${expectedRows} were answered as created.`);
  ctx.details.push(`Stored after the submissions: ${storedRows} requests of the citizen (expected ${expectedRows}).`);
  ctx.details.push(
    `Submissions (${submitRounds} rounds of 200 at once, ${form.body.length} bytes each): server ${num(serverSubmit.seconds, 2)} s, ${num(serverSubmit.rps)} req/s, ` +
      `p50 ${num(serverSubmit.p50)} ms, p99 ${num(serverSubmit.p99)} ms, statuses ${JSON.stringify(serverSubmit.statuses)}; ` +
      `baseline ${num(bareSubmit.seconds, 2)} s, ${num(bareSubmit.rps)} req/s, statuses ${JSON.stringify(bareSubmit.statuses)}.`,
  );
  if (serverSubmit.firstError) ctx.notes.push(`First submission error: ${serverSubmit.firstError}`);
  ctx.record({ step: 'submit', metric: '200 concurrent 100 KB submissions: errors', value: `${serverSubmit.errors} of ${serverSubmit.count}`, budget: '0', verdict: ctx.verdict(serverSubmit.errors === 0) });
  ctx.record({ step: 'submit', metric: 'Submission throughput vs bare INSERT', value: `${num(submitRatio * 100, 1)} % (${num(serverSubmit.rps)} / ${num(bareSubmit.rps)} req/s)`, budget: '≥ 50 %', verdict: ctx.verdict(submitRatio >= 0.5) });
}

/**
 * @param {string} dbFile
 * @param {string} orgId
 * @param {string} citizenId
 * @returns {Promise<{ n: number }>}
 */
async function countMine(dbFile, orgId, citizenId) {
  const row = await query(dbFile, 'SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND citizenId = ?', orgId, citizenId);
  return { n: Number(row?.n ?? 0) };
}

/**
 * Sums bursts: throughput over their summed wall time, statuses and errors added up.
 * @param {Burst[]} results
 */
function combineBursts(results) {
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const count = results.reduce((sum, r) => sum + r.count, 0);
  /** @type {Record<string, number>} */
  const statuses = {};
  for (const r of results) for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
  return {
    count,
    seconds,
    rps: count / seconds,
    p50: median(results.map((r) => r.p50)),
    p99: Math.max(...results.map((r) => r.p99)),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
    statuses,
    firstError: results.find((r) => r.firstError)?.firstError ?? null,
  };
}

/**
 * @param {import('./lib/util.mjs').Child} child
 * @param {string} text
 * @param {number} timeoutMs
 */
async function waitForOutput(child, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.output.includes(text)) return;
    if (!child.alive) throw new Error(`${child.name} exited: ${child.output}`);
    await sleep(50);
  }
  throw new Error(`${child.name} did not print "${text}" in ${timeoutMs} ms`);
}
