#!/usr/bin/env node
// `npm run bench`: measures the performance budgets of shared DESIGN.md ("Performance budgets")
// on this machine, against bare node:http + sqlite3 baselines run in the same process tree, and
// prints one table and writes it to bench/RESULTS.md. Everything talks to 127.0.0.1 only; the run
// is bounded (about 2–4 minutes on 2 cores). A missed budget is reported as FAIL, not as a
// non-zero exit: this is a measurement, not a test.
//
// Environment: BENCH_SCALE_ROWS (default 1000000) — the large size of the scaling step;
// BENCH_QUICK=1 — shorter load phases (for trying the script out; figures are then rougher).
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { AdminClient, CitizenClient, normalizeDigits, solveChallenge } from '@citizen-counter/sdk';
import { latency, throughput } from './lib/load.mjs';
import { watchOtherCpu } from './lib/cpu-watch.mjs';
import { measureRender } from './lib/render.mjs';
import { query, seedRequests } from './lib/seed.mjs';
import { startSmsSink } from './lib/sms-sink.mjs';
import { burst, makePdf, multipartBody } from './lib/submit.mjs';
import { freePort, median, num, percentile, sleep, spawnChild, waitForHttp } from './lib/util.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const loadSeconds = quick ? 3 : 10;
const bigRows = Number(process.env.BENCH_SCALE_ROWS ?? 1_000_000);
const smallRows = 10_000;
const submitRounds = quick ? 1 : 3;
const listSlices = quick ? 1 : 2;
// If the run has used this much time before the big seed, the big size drops to 200,000.
const bigSeedCutoffMs = 150_000;
const runStarted = Date.now();
const startedAt = new Date();
const loadAtStart = os.loadavg();
const otherCpu = watchOtherCpu();

/** @type {{step: string, metric: string, value: string, budget: string, verdict: 'PASS'|'FAIL'|'—', note?: string}[]} */
const rows = [];
const notes = [];
const details = [];
const log = (message) => console.log(`[bench ${((Date.now() - runStarted) / 1000).toFixed(1).padStart(5)} s] ${message}`);
const record = (row) => {
  rows.push(row);
  log(`${row.metric}: ${row.value} (budget ${row.budget}) ${row.verdict}`);
};
const verdict = (ok) => (ok ? 'PASS' : 'FAIL');

const tmp = mkdtempSync(join(os.tmpdir(), 'cc-bench-'));
const dbFile = join(tmp, 'server.sqlite');
const adminKey = `cc_admin_bench_${Math.random().toString(36).slice(2)}`;
const orgId = 'bench';
const phone = '09120000001';
const children = [];
let server = null;
let sink = null;

let finished = false;
async function cleanUp() {
  for (const child of [...children]) await child.stop().catch(() => undefined);
  await sink?.close().catch(() => undefined);
  rmSync(tmp, { recursive: true, force: true });
}
// A hung step must not hold the machine: after 6 minutes, report what there is and leave.
setTimeout(async () => {
  if (finished) return;
  finished = true;
  notes.push('The run was cut off after 6 minutes; the missing lines were not measured.');
  await cleanUp();
  report();
  process.exit(0);
}, 360_000).unref();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    finished = true;
    await cleanUp();
    process.exit(130);
  });
}

try {
  await main();
} catch (error) {
  notes.push(`The run stopped early: ${error.message}`);
  console.error(error);
  if (server?.output) console.error(`--- server output (tail) ---\n${server.output}`);
} finally {
  if (!finished) {
    finished = true;
    await cleanUp();
    report();
  }
}

async function main() {
  widgetSize();

  sink = await startSmsSink();
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const serverEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: baseUrl,
    DATABASE_URL: `sqlite:${dbFile}`,
    DATA_DIR: tmp,
    ADMIN_KEY: adminKey,
    SERVER_SECRET: 'bench-server-secret-0123456789abcdef0123456789abcdef',
    SMS_PROVIDER: 'http',
    SMS_HTTP_URL: sink.url,
    WIDGET_DIST: join(root, 'widget/dist'),
  };
  /** Starts the real server on `file` at `listenPort`; answers with the child process. */
  const launch = async (file, listenPort, name) => {
    const child = spawnChild(process.execPath, ['--import', 'tsx', join(root, 'server/src/main.ts')], {
      env: { ...serverEnv, PORT: String(listenPort), PUBLIC_URL: `http://127.0.0.1:${listenPort}`, DATABASE_URL: `sqlite:${file}` },
      cwd: root,
      name,
    });
    children.push(child);
    await waitForHttp(`http://127.0.0.1:${listenPort}/healthz`, 60_000, () => child.alive);
    return child;
  };
  const halt = async (child) => {
    await child.stop();
    children.splice(children.indexOf(child), 1);
  };
  const startServer = async () => {
    server = await launch(dbFile, port, 'server');
  };
  const stopServer = () => halt(server);

  log(`starting the server (NODE_ENV=production, SQLite ${dbFile}, SMS over http to a local sink)`);
  await startServer();

  // One org, one unit, one citizen logged in through the real flow (proof of work + SMS code).
  const admin = new AdminClient({ baseUrl, adminKey });
  await admin.createOrg({ id: orgId, name: { fa: 'سازمان سنجش', en: 'Bench Org' } });
  const unit = await admin.addUnit(orgId, { name: { fa: 'دبیرخانه', en: 'Secretariat' } });
  const citizen = new CitizenClient({ baseUrl, org: orgId });
  const profile = await citizen.getOrg();
  const challenge = await citizen.createChallenge();
  if (challenge.kind !== 'pow') throw new Error(`the human check is "${challenge.kind}", expected "pow"`);
  await citizen.requestOtp({ phone, challenge: await solveChallenge(challenge) });
  const code = await readOtp(sink, profile.otp?.length ?? 6);
  const session = await citizen.login({ phone, code });
  const auth = { authorization: `Bearer ${session.token}` };
  const { id: citizenId } = (await query(dbFile, 'SELECT id FROM citizens WHERE orgId = ? AND phone = ?', orgId, session.phone)) ?? {};
  if (!citizenId) throw new Error(`no citizen row for ${session.phone}`);
  log(`logged in as ${session.phone} (citizen ${citizenId})`);

  const smallPdf = makePdf(2 * 1024);
  const seeded = [];
  for (let i = 0; i < 50; i++) {
    const receipt = await citizen.submitRequest({
      fullName: 'شهروند سنجش',
      subject: `درخواست شماره ${i + 1}`,
      unitId: unit.id,
      body: new Blob([smallPdf], { type: 'application/pdf' }),
      fileName: `letter-${i + 1}.pdf`,
    });
    seeded.push(receipt);
  }
  log(`seeded 50 requests through the API (tracking code e.g. ${seeded[0].trackingCode})`);
  const lookupCode = seeded[10].trackingCode;

  // 2. Citizen request list under load, against the bare SELECT server on the same rows.
  const listUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  const check = await fetch(listUrl, { headers: auth });
  const firstPage = await check.json();
  if (!check.ok) throw new Error(`GET ${listUrl} answered ${check.status}: ${JSON.stringify(firstPage)}`);
  details.push(`List page: ${firstPage.items?.length ?? '?'} items of ${seeded.length}, ${JSON.stringify(firstPage).length} bytes of JSON.`);

  const baseListPort = await freePort();
  const baseList = spawnChild(process.execPath, [join(root, 'bench/baseline-list.mjs'), dbFile, orgId, citizenId, String(baseListPort)], {
    env: process.env,
    cwd: root,
    name: 'baseline-list',
  });
  children.push(baseList);
  await waitForHttp(`http://127.0.0.1:${baseListPort}/`, 15_000, () => baseList.alive);
  // Interleaved slices (baseline, server, baseline, server) so that other work on the machine
  // weighs on both sides alike; each side gets `loadSeconds` in all, after a 2 s warm-up.
  const bareUrl = `http://127.0.0.1:${baseListPort}/`;
  log(`list: 50 connections, ${loadSeconds} s each for the baseline (bare node:http + sqlite3, one indexed SELECT) and the server, interleaved`);
  await throughput(bareUrl, { connections: 50, duration: 2, warmup: 0 });
  await throughput(listUrl, { headers: auth, connections: 50, duration: 2, warmup: 0 });
  const bareSlices = [];
  const serverSlices = [];
  for (let slice = 0; slice < listSlices; slice++) {
    bareSlices.push(await throughput(bareUrl, { connections: 50, duration: loadSeconds / listSlices, warmup: 0 }));
    serverSlices.push(await throughput(listUrl, { headers: auth, connections: 50, duration: loadSeconds / listSlices, warmup: 0 }));
  }
  await halt(baseList);
  const bareList = combineLoad(bareSlices);
  const serverList = combineLoad(serverSlices);
  const listRatio = serverList.rps / bareList.rps;
  details.push(
    `List load: server ${num(serverList.rps)} req/s (p50 ${serverList.p50} ms, p99 ${serverList.p99} ms, ${serverList.errors} errors of ${serverList.total}); ` +
      `baseline ${num(bareList.rps)} req/s (p50 ${bareList.p50} ms, p99 ${bareList.p99} ms, ${bareList.errors} errors).`,
  );
  details.push(
    'The list load is closed-loop (each connection waits for its answer), so mean latency ≈ 50 / throughput: ' +
      `${num(50_000 / serverList.rps, 1)} ms for the server, ${num(50_000 / bareList.rps, 1)} ms for the bare SELECT; the p99 budget is as much a throughput budget.`,
  );
  // Where the list's time goes: the same load on the cheapest routes of the same server.
  const diagSeconds = quick ? 2 : 3;
  const health = await throughput(`${baseUrl}/healthz`, { connections: 50, duration: diagSeconds, warmup: 1 });
  const orgProfile = await throughput(`${baseUrl}/v1/orgs/${orgId}`, { connections: 50, duration: diagSeconds, warmup: 1 });
  details.push(
    `For reference, same server and load, ${diagSeconds} s each: \`GET /healthz\` ${num(health.rps)} req/s (p99 ${health.p99} ms), ` +
      `\`GET /v1/orgs/${orgId}\` (public profile, no session) ${num(orgProfile.rps)} req/s (p99 ${orgProfile.p99} ms).`,
  );
  record({ step: 'list', metric: 'List throughput vs bare SELECT', value: `${num(listRatio * 100, 1)} % (${num(serverList.rps)} / ${num(bareList.rps)} req/s)`, budget: '≥ 40 %', verdict: verdict(listRatio >= 0.4 && serverList.errors === 0), note: serverList.errors ? `${serverList.errors} errors` : undefined });
  record({ step: 'list', metric: 'List p99 at 50 connections', value: `${serverList.p99} ms (bare SELECT: ${bareList.p99} ms)`, budget: '≤ 50 ms', verdict: verdict(serverList.p99 <= 50 && serverList.errors === 0) });

  // 3. 200 concurrent submissions of a 100 KB PDF, against the bare single-INSERT server.
  const pdf = makePdf(100 * 1024);
  const form = multipartBody(
    { fullName: 'شهروند سنجش', subject: 'درخواست با پیوست ۱۰۰ کیلوبایتی', unitId: unit.id },
    { field: 'body', name: 'letter.pdf', type: 'application/pdf', content: pdf },
  );
  const baseInsertPort = await freePort();
  const baseInsert = spawnChild(process.execPath, [join(root, 'bench/baseline-insert.mjs'), join(tmp, 'baseline-insert.sqlite'), String(baseInsertPort)], {
    env: process.env,
    cwd: root,
    name: 'baseline-insert',
  });
  children.push(baseInsert);
  await waitForOutput(baseInsert, 'listening', 15_000);
  const insertUrl = `http://127.0.0.1:${baseInsertPort}/`;
  const submitUrl = `${baseUrl}/v1/orgs/${orgId}/requests`;
  log(`submission: 20 warm-up, then ${submitRounds} rounds of 200 at once, alternating the baseline (bare node:http + sqlite3, one INSERT of the body, WAL + synchronous=FULL) and the server`);
  await burst(insertUrl, { count: 20, ...form });
  const warm = await burst(submitUrl, { count: 20, ...form, headers: auth });
  if (warm.errors) notes.push(`Submission warm-up: ${warm.errors} of 20 failed (${warm.firstError}).`);
  const bareRounds = [];
  const serverRounds = [];
  for (let round = 0; round < submitRounds; round++) {
    bareRounds.push(await burst(insertUrl, { count: 200, ...form }));
    serverRounds.push(await burst(submitUrl, { count: 200, ...form, headers: auth }));
  }
  await halt(baseInsert);
  const bareSubmit = combineBursts(bareRounds);
  const serverSubmit = combineBursts(serverRounds);
  const submitRatio = serverSubmit.rps / bareSubmit.rps;
  // Every 201 must be a stored request, and nothing more: 50 seeded + the warm-up + the rounds.
  const expectedRows = seeded.length + (20 - warm.errors) + (serverSubmit.count - serverSubmit.errors);
  const { n: storedRows } = await query(dbFile, 'SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND citizenId = ?', orgId, citizenId);
  if (storedRows !== expectedRows) notes.push(`After the submissions the database holds ${storedRows} of the citizen's requests; ${expectedRows} were answered as created.`);
  details.push(`Stored after the submissions: ${storedRows} requests of the citizen (expected ${expectedRows}).`);
  details.push(
    `Submissions (${submitRounds} rounds of 200 at once, ${form.body.length} bytes each): server ${num(serverSubmit.seconds, 2)} s, ${num(serverSubmit.rps)} req/s, ` +
      `p50 ${num(serverSubmit.p50)} ms, p99 ${num(serverSubmit.p99)} ms, statuses ${JSON.stringify(serverSubmit.statuses)}; ` +
      `baseline ${num(bareSubmit.seconds, 2)} s, ${num(bareSubmit.rps)} req/s, statuses ${JSON.stringify(bareSubmit.statuses)}.`,
  );
  if (serverSubmit.firstError) notes.push(`First submission error: ${serverSubmit.firstError}`);
  record({ step: 'submit', metric: '200 concurrent 100 KB submissions: errors', value: `${serverSubmit.errors} of ${serverSubmit.count}`, budget: '0', verdict: verdict(serverSubmit.errors === 0) });
  record({ step: 'submit', metric: 'Submission throughput vs bare INSERT', value: `${num(submitRatio * 100, 1)} % (${num(serverSubmit.rps)} / ${num(bareSubmit.rps)} req/s)`, budget: '≥ 50 %', verdict: verdict(submitRatio >= 0.5) });

  // 4. Scaling: list and tracking-code lookup latency at 10,000 vs 1,000,000 requests in the org.
  const trackUrl = `${listUrl}?trackingCode=${encodeURIComponent(lookupCode)}`;
  const probe = await fetch(trackUrl, { headers: auth });
  const probeBody = await probe.json();
  if (!probe.ok || probeBody.items?.[0]?.trackingCode !== lookupCode) {
    notes.push(`Tracking-code lookup did not find ${lookupCode}: HTTP ${probe.status} ${JSON.stringify(probeBody).slice(0, 200)}`);
  }
  const sample = await query(dbFile, 'SELECT createdAt, trackingCode FROM requests WHERE orgId = ? ORDER BY createdAt DESC LIMIT 1', orgId);
  if (sample && !/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \+00:00$/.test(String(sample.createdAt))) {
    notes.push(`The server stores createdAt as ${JSON.stringify(sample.createdAt)}; seeded rows use "YYYY-MM-DD HH:MM:SS.SSS +00:00".`);
  }
  // Two copies of the database: A filled to 10,000 requests, B to 1,000,000; one server on each,
  // measured in alternating short slices so that other work on the machine weighs on both alike.
  await stopServer();
  const dbFileB = join(tmp, 'server-big.sqlite');
  await query(dbFile, 'PRAGMA wal_checkpoint(TRUNCATE)');
  copyFileSync(dbFile, dbFileB);
  const seedA = await seedRequests(dbFile, { orgId, unitId: unit.id, citizenId, total: smallRows });
  const mineA = await query(dbFile, 'SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND citizenId = ?', orgId, citizenId);
  log(`scaling: A holds ${num(seedA.total)} requests (${num(seedA.added)} seeded in ${num(seedA.ms / 1000, 1)} s; the citizen owns ${num(mineA.n)})`);
  let big = bigRows;
  if (big > 200_000 && Date.now() - runStarted > bigSeedCutoffMs) {
    notes.push(`Scaling used 200,000 rows instead of ${num(big)}: the run had already taken ${num((Date.now() - runStarted) / 1000)} s.`);
    big = 200_000;
  }
  const seedB = await seedRequests(dbFileB, { orgId, unitId: unit.id, citizenId, total: big });
  const mineB = await query(dbFileB, 'SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND citizenId = ?', orgId, citizenId);
  log(`scaling: B holds ${num(seedB.total)} requests (${num(seedB.added)} seeded in ${num(seedB.ms / 1000, 1)} s; the citizen owns ${num(mineB.n)})`);
  await startServer();
  const portB = await freePort();
  const serverB = await launch(dbFileB, portB, 'server-big');
  const urlsFor = (base) => ({
    list: `${base}/v1/orgs/${orgId}/requests`,
    track: `${base}/v1/orgs/${orgId}/requests?trackingCode=${encodeURIComponent(lookupCode)}`,
  });
  const sides = { small: urlsFor(baseUrl), large: urlsFor(`http://127.0.0.1:${portB}`) };
  // The seeded rows must read like the server's own: look one up (row 10 is the citizen's).
  const seededProbe = await fetch(`${sides.large.list}?trackingCode=800000000010`, { headers: auth });
  const seededBody = await seededProbe.json().catch(() => ({}));
  if (!seededProbe.ok || seededBody.items?.[0]?.trackingCode !== '800000000010') {
    notes.push(`The server did not read a seeded request back (HTTP ${seededProbe.status} ${JSON.stringify(seededBody).slice(0, 200)}): the seeding no longer matches the schema.`);
  }
  const samples = { small: { list: [], track: [] }, large: { list: [], track: [] } };
  const scaleErrors = [];
  const sliceMs = quick ? 300 : 500;
  const scaleRounds = quick ? 4 : 8;
  log(`scaling: list and tracking-code latency, one sequential client, ${scaleRounds} alternating slices of ${sliceMs} ms per case`);
  for (const side of ['small', 'large']) for (const what of ['list', 'track']) await latency(sides[side][what], { headers: auth, duration: 0, warmup: 1000 });
  for (let round = 0; round < scaleRounds; round++) {
    for (const what of ['list', 'track']) {
      for (const side of round % 2 ? ['large', 'small'] : ['small', 'large']) {
        const r = await latency(sides[side][what], { headers: auth, duration: sliceMs, warmup: 0 });
        samples[side][what].push(...r.samples);
        if (r.errors) scaleErrors.push(`${side} ${what}: ${r.errors} errors (${r.firstError})`);
      }
    }
  }
  await halt(serverB);
  if (scaleErrors.length) notes.push(`Scaling errors: ${scaleErrors.join('; ')}.`);
  const stats = (values) => {
    const sorted = [...values].sort((x, y) => x - y);
    return { count: sorted.length, mean: sorted.reduce((sum, v) => sum + v, 0) / (sorted.length || 1), p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  };
  for (const [side, size, owned] of [['small', smallRows, mineA.n], ['large', big, mineB.n]]) {
    const list = stats(samples[side].list);
    const track = stats(samples[side].track);
    samples[side].stats = { list, track };
    details.push(
      `Scaling at ${num(size)} requests in the org (the citizen owns ${num(owned)}): list mean ${num(list.mean, 2)} ms / p50 ${num(list.p50, 2)} / p99 ${num(list.p99, 2)} (${list.count} requests); ` +
        `tracking-code lookup mean ${num(track.mean, 2)} ms / p50 ${num(track.p50, 2)} / p99 ${num(track.p99, 2)} (${track.count} requests).`,
    );
  }
  const small = samples.small.stats;
  const large = samples.large.stats;
  const listGrowth = large.list.p50 / small.list.p50;
  const trackGrowth = large.track.p50 / small.track.p50;
  record({ step: 'scale', metric: `List latency p50, ${num(big)} vs ${num(smallRows)} requests`, value: `${num(listGrowth, 2)}× (${num(large.list.p50, 2)} vs ${num(small.list.p50, 2)} ms)`, budget: '≤ 1.5×', verdict: verdict(listGrowth <= 1.5 && !scaleErrors.length) });
  record({ step: 'scale', metric: `Tracking-code lookup p50, ${num(big)} vs ${num(smallRows)}`, value: `${num(trackGrowth, 2)}× (${num(large.track.p50, 2)} vs ${num(small.track.p50, 2)} ms)`, budget: '≤ 1.5×', verdict: verdict(trackGrowth <= 1.5 && !scaleErrors.length) });
  if (big < 1_000_000) notes.push(`The scaling step's large size was ${num(big)} requests, not the budget's 1,000,000.`);

  // 5. Widget login view render time (headless Chromium), when a browser driver is installed.
  if (!existsSync(join(root, 'widget/dist/citizen-counter.js'))) {
    record({ step: 'render', metric: 'Widget login view render', value: 'not measured (no widget/dist bundle)', budget: '≤ 100 ms', verdict: '—' });
  } else {
    log('render: headless Chromium, login view of <citizen-counter>');
    const render = await measureRender({ baseUrl, org: orgId }).catch((error) => ({ skipped: error.message }));
    if (render.skipped) {
      record({ step: 'render', metric: 'Widget login view render', value: `not measured (${render.skipped})`, budget: '≤ 100 ms', verdict: '—' });
    } else {
      record({ step: 'render', metric: 'Widget login view render (median)', value: `${num(render.median, 1)} ms (max ${num(render.max, 1)}, ${render.runs} loads)`, budget: '≤ 100 ms', verdict: verdict(render.median <= 100) });
      if (render.failure) notes.push(`Render: some loads failed (${render.failure}).`);
    }
  }
}

/** Sums autocannon slices: throughput over the summed time, the worst p99, the median p50. */
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

/** Sums bursts: throughput over their summed wall time, statuses and errors added up. */
function combineBursts(results) {
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  const count = results.reduce((sum, r) => sum + r.count, 0);
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

function widgetSize() {
  const bundle = join(root, 'widget/dist/citizen-counter.js');
  if (!existsSync(bundle)) {
    record({ step: 'size', metric: 'Widget bundle gzip', value: 'not measured (widget/dist/citizen-counter.js missing: npm run build)', budget: '≤ 24 KB', verdict: '—' });
    return;
  }
  const raw = readFileSync(bundle);
  const gz = gzipSync(raw, { level: 9 }).length;
  record({ step: 'size', metric: 'Widget bundle gzip', value: `${num(gz / 1024, 2)} KB (${num(gz)} B; ${num(raw.length / 1024, 1)} KB raw)`, budget: '≤ 24 KB (24,576 B)', verdict: verdict(gz <= 24 * 1024) });
  const gz6 = gzipSync(raw).length;
  details.push(
    `Bundle: ${bundle.slice(root.length)}, built ${statSync(bundle).mtime.toISOString()}; gzip level 9 (as the rollup build reports it) ${num(gz)} B, default level 6 ${num(gz6)} B.`,
  );
}

/** Waits for the SMS with the login code and reads the code from it (Persian digits accepted). */
async function readOtp(smsSink, length) {
  const deadline = Date.now() + 15_000;
  const pattern = new RegExp(`(?<!\\d)\\d{${length}}(?!\\d)`, 'g');
  while (Date.now() < deadline) {
    for (const message of [...smsSink.messages].reverse()) {
      const codes = normalizeDigits(String(message.text ?? '')).match(pattern);
      if (codes) return codes.at(-1);
    }
    await sleep(100);
  }
  throw new Error('no SMS with a login code reached the sink within 15 s');
}

async function waitForOutput(child, text, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.output.includes(text)) return;
    if (!child.alive) throw new Error(`${child.name} exited: ${child.output}`);
    await sleep(50);
  }
  throw new Error(`${child.name} did not print "${text}" in ${timeoutMs} ms`);
}

function report() {
  const seconds = (Date.now() - runStarted) / 1000;
  const cpus = os.cpus();
  const machine = `${cpus.length} × ${cpus[0]?.model?.trim() ?? 'unknown CPU'}, ${num(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.platform()} ${os.release()}`;
  const others = otherCpu.stop();
  const busy = others ? others.average > 0.25 : loadAtStart[0] > cpus.length * 0.5;
  if (busy) {
    notes.push(
      others
        ? `Other work kept ${num(others.average, 2)} of the ${cpus.length} cores busy on average during the run (peak ${num(others.peak, 2)}): the figures are noisy; run again on an idle machine to confirm. The baselines ran interleaved with the server, so the ratios suffer less than the absolute figures.`
        : `The machine was busy at the start (load average ${loadAtStart[0].toFixed(2)} on ${cpus.length} cores): the figures may be noisy.`,
    );
  }
  const header = ['Measurement', 'Figure', 'Budget', 'Result'];
  const table = rows.map((row) => [row.metric, row.value, row.budget, row.verdict]);
  const widths = header.map((title, i) => Math.max(title.length, ...table.map((cells) => cells[i].length)));
  const line = (cells) => cells.map((cell, i) => cell.padEnd(widths[i])).join('  ');
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const cells of table) console.log(line(cells));
  for (const note of notes) console.log(`note: ${note}`);
  const passed = rows.filter((row) => row.verdict === 'PASS').length;
  const failed = rows.filter((row) => row.verdict === 'FAIL').length;
  console.log(`\nbench: ${passed} within budget, ${failed} over budget, ${rows.length - passed - failed} not measured (${num(seconds)} s)`);

  const md = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.mjs); overwritten on every run. Budgets: shared DESIGN.md, "Performance budgets".',
    '',
    `- Date: ${startedAt.toISOString()}`,
    `- Node: ${process.version}`,
    `- Machine: ${machine}`,
    `- Load average (1 min) at the start: ${loadAtStart[0].toFixed(2)}; other work during the run (CPU outside the bench's process tree): ${others ? `${num(others.average, 2)} cores on average, ${num(others.peak, 2)} at peak` : 'unknown (no /proc)'}`,
    `- Duration: ${num(seconds)} s${quick ? ' (BENCH_QUICK=1: shortened load phases)' : ''}`,
    '',
    '| Measurement | Figure | Budget | Result |',
    '|---|---|---|---|',
    ...table.map((cells) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`),
    '',
    '## Details',
    '',
    ...details.map((detail) => `- ${detail}`),
    ...(notes.length ? ['', '## Notes', '', ...notes.map((note) => `- ${note}`)] : []),
    '',
  ].join('\n');
  writeFileSync(join(root, 'bench/RESULTS.md'), md);
  console.log('bench: wrote bench/RESULTS.md');
}
