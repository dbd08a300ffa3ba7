// @ts-check
// 3. 200 concurrent submissions of a 100 KB PDF, on the filesystem store, against two bare
// servers that keep the file the same way: one INSERT committed per request, and the group-commit
// twin that batches its commits like the server's single writer.
import { join } from 'node:path';
import { root } from './lib/context.mjs';
import { interleave, ratioText, ratios, sliceDetail, summary } from './lib/rounds.mjs';
import { query } from './lib/seed.mjs';
import { burst, makePdf, multipartBody } from './lib/submit.mjs';
import { freePort, sleep } from './lib/util.mjs';

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const session = await ctx.session();
  const { baseUrl, dbFile, orgId, unitId, citizenId, auth } = session;
  const rounds = 3;
  const form = multipartBody(
    { fullName: 'شهروند سنجش', subject: 'درخواست با پیوست ۱۰۰ کیلوبایتی', unitId },
    { field: 'body', name: 'letter.pdf', type: 'application/pdf', content: makePdf(100 * 1024) },
  );
  // Its own count: another measurement may have filed requests of this citizen before.
  const { n: before } = await countMine(dbFile, orgId, citizenId);
  const single = await startBare(ctx, 'single');
  const group = await startBare(ctx, 'group');
  const submitUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  const sides = [
    { name: 'bare single INSERT', url: single.url, headers: {}, pids: () => [single.pid] },
    { name: 'server', url: submitUrl, headers: auth, pids: () => [session.pid()] },
    { name: 'bare group commit', url: group.url, headers: {}, pids: () => [group.pid] },
  ];
  ctx.log(`submission: 20 warm-up each, then ${rounds} rounds of 200 at once, interleaved: bare single INSERT, server (filesystem store), bare group commit`);
  let warmErrors = 0;
  for (const side of sides) {
    const warm = await burst(side.url, { count: 20, ...form, headers: side.headers });
    if (side.name === 'server') warmErrors = warm.errors;
  }
  if (warmErrors) ctx.notes.push(`Submission warm-up: ${warmErrors} of 20 failed.`);
  /** @type {string | null} */
  let firstError = null;
  /** @type {Record<string, number>} */
  const statuses = {};
  const slices = await interleave(sides, rounds, async (side) => {
    const r = await burst(side.url, { count: 200, ...form, headers: side.headers });
    if (side.name === 'server') {
      firstError ??= r.firstError;
      for (const [status, n] of Object.entries(r.statuses)) statuses[status] = (statuses[status] ?? 0) + n;
    }
    return { rps: r.rps, answered: r.count, errors: r.errors, p50: r.p50, p99: r.p99 };
  });
  await ctx.halt(single.child);
  await ctx.halt(group.child);
  const [bareSingle, server, bareGroup] = sides.map((side) => slices.get(side) ?? []);
  const serverSummary = summary(server ?? []);
  // Every 201 must be a stored request, and nothing more: what was there + the warm-up + the rounds.
  const expectedRows = before + (20 - warmErrors) + (serverSummary.answered - serverSummary.errors);
  const { n: storedRows } = await countMine(dbFile, orgId, citizenId);
  if (storedRows !== expectedRows) ctx.notes.push(`After the submissions the database holds ${storedRows} of the citizen's requests; ${expectedRows} were answered as created.`);
  ctx.details.push(`Stored after the submissions: ${storedRows} requests of the citizen (expected ${expectedRows}); server statuses ${JSON.stringify(statuses)}.`);
  ctx.details.push(`Submissions, ${rounds} rounds of 200 at once (${form.body.length} bytes each), per round:`);
  ctx.details.push(sliceDetail('  server (filesystem store)', server ?? []));
  ctx.details.push(sliceDetail('  bare single INSERT', bareSingle ?? []));
  ctx.details.push(sliceDetail('  bare group commit', bareGroup ?? []));
  if (firstError) ctx.notes.push(`First submission error: ${firstError}`);
  const vsSingle = ratios(server ?? [], bareSingle ?? []);
  const vsGroup = ratios(server ?? [], bareGroup ?? []);
  ctx.record({ step: 'submit', metric: '200 concurrent 100 KB submissions: errors', value: `${serverSummary.errors} of ${serverSummary.answered}`, budget: '0', verdict: ctx.verdict(serverSummary.errors === 0) });
  ctx.record({ step: 'submit', metric: 'Submission throughput vs bare single INSERT (filesystem store)', value: ratioText(vsSingle, server ?? [], bareSingle ?? []), budget: '≥ 80 % (median)', verdict: ctx.verdict(vsSingle.median >= 0.8) });
  ctx.record({ step: 'submit', metric: 'Submission throughput vs bare group commit (filesystem store)', value: ratioText(vsGroup, server ?? [], bareGroup ?? []), budget: '≥ 50 % (median)', verdict: ctx.verdict(vsGroup.median >= 0.5) });
}

/**
 * Starts a bare submission server (bench/baseline-insert.mjs) with a store of its own, on an
 * SQLite file of its own or on `database` (a PostgreSQL URL).
 * @param {import('./lib/context.mjs').BenchContext} ctx
 * @param {'single' | 'group'} mode
 * @param {string} [database]
 */
export async function startBare(ctx, mode, database = join(ctx.tmp, `bare-${mode}.sqlite`)) {
  const port = await freePort();
  const kind = database.startsWith('postgres') ? 'pg' : 'sqlite';
  const child = ctx.spawn([join(root, 'bench/baseline-insert.mjs'), database, String(port), join(ctx.tmp, `bare-${kind}-${mode}-files`), mode], `baseline-insert-${kind}-${mode}`);
  await waitForOutput(child, 'listening', 15_000);
  return { child, url: `http://127.0.0.1:${port}/`, pid: child.child.pid ?? NaN };
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
 * Waits until a child prints `text`.
 * @param {import('./lib/util.mjs').Child} child
 * @param {string} text
 * @param {number} timeoutMs
 */
export async function waitForOutput(child, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.output.includes(text)) return;
    if (!child.alive) throw new Error(`${child.name} exited: ${child.output}`);
    await sleep(50);
  }
  throw new Error(`${child.name} did not print "${text}" in ${timeoutMs} ms`);
}
