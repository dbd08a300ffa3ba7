// @ts-check
// 4. Memory under large uploads: 100 submissions of 5 MB sent at once to a freshly started
// server. Its peak resident set (VmHWM of /proc/<pid>/status since the restart, and VmRSS sampled
// every 20 ms) must stay under 300 MB. Uploads past the server's in-flight cap
// (UPLOAD_BYTES_IN_FLIGHT, 64 MB by default) are answered 503 with Retry-After: expected, counted
// apart from errors, and retried by the client after the time it was told, until all 100 are stored.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AdminClient } from '@citizen-counter/sdk';
import { memoryOf } from './lib/cpu.mjs';
import { query } from './lib/seed.mjs';
import { makePdf, multipartBody, post } from './lib/submit.mjs';
import { num, sleep } from './lib/util.mjs';

const uploads = 100;
const fileBytes = 5 * 1024 * 1024;
const budgetBytes = 300 * 1024 * 1024;

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const session = await ctx.session();
  const { baseUrl, dbFile, orgId, unitId, auth, adminKey } = session;
  // The org's default limit is 1 MB; its operator raises it, then the server starts afresh so
  // that its peak resident set is this measurement's.
  await new AdminClient({ baseUrl, adminKey }).updateOrg(orgId, { settings: { rules: { maxFileBytes: 6 * 1024 * 1024 } } });
  await session.stop();
  await session.restart();
  const pid = session.pid();
  const subject = `بارگذاری ۵ مگابایتی ${randomUUID().slice(0, 8)}`;
  const base = makePdf(fileBytes);
  const forms = Array.from({ length: uploads }, (_, i) => {
    const content = Buffer.from(base);
    // A content of its own per upload: a distinct file in the store, as 100 citizens would send.
    content.write(`% upload ${i} ${randomUUID()}`, 200, 'latin1');
    return multipartBody({ fullName: 'شهروند سنجش', subject, unitId }, { field: 'body', name: `scan-${i}.pdf`, type: 'application/pdf', content });
  });
  const idle = memoryOf(pid);
  let peakRss = idle.rss;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, memoryOf(pid).rss);
  }, 20);
  const url = `${baseUrl}/v1/orgs/${orgId}/requests`;
  const agent = new http.Agent({ keepAlive: false, maxSockets: uploads });
  let created = 0;
  let busy = 0;
  let busyWithoutRetryAfter = 0;
  let errors = 0;
  /** @type {string | null} */
  let firstError = null;
  const started = performance.now();
  ctx.log(`upload-memory: ${uploads} uploads of ${num(fileBytes / 2 ** 20)} MB at once to a restarted server (idle RSS ${num(idle.rss / 2 ** 20)} MB), 503s retried after Retry-After`);
  await Promise.all(
    forms.map(async (form) => {
      const key = randomUUID();
      for (let attempt = 0; attempt < 200; attempt++) {
        const headers = { ...auth, 'content-type': form.contentType, 'content-length': String(form.body.length), 'idempotency-key': key };
        const answer = await post(url, agent, form.body, headers).catch((/** @type {Error} */ error) => ({ status: 0, text: error.message, headers: /** @type {http.IncomingHttpHeaders} */ ({}) }));
        if (answer.status === 201) {
          created++;
          return;
        }
        const retryAfter = Number(answer.headers['retry-after']);
        if (answer.status === 503 && Number.isFinite(retryAfter)) {
          busy++;
          await sleep(retryAfter * 1000);
          continue;
        }
        if (answer.status === 503) busyWithoutRetryAfter++;
        errors++;
        firstError ??= `HTTP ${answer.status}: ${answer.text.slice(0, 200)}`;
        return;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  agent.destroy();
  const after = memoryOf(pid);
  peakRss = Math.max(peakRss, after.rss);
  const stored = Number((await query(dbFile, 'SELECT COUNT(*) AS n FROM requests WHERE orgId = ? AND subject = ?', orgId, subject))?.n ?? 0);
  const peak = Math.max(after.hwm, peakRss);
  ctx.details.push(
    `Uploads of 5 MB: ${uploads} sent at once in ${num(seconds, 1)} s; ${created} answered 201, ${busy} answers 503 with Retry-After (retried), ${errors} errors` +
      `${busyWithoutRetryAfter ? ` (${busyWithoutRetryAfter} of them 503 without Retry-After)` : ''}; ${stored} stored. ` +
      `Server memory: idle ${num(idle.rss / 2 ** 20)} MB, VmHWM ${num(after.hwm / 2 ** 20)} MB, highest VmRSS sampled ${num(peakRss / 2 ** 20)} MB.`,
  );
  if (firstError) ctx.notes.push(`First upload error: ${firstError}`);
  ctx.record({ step: 'memory', metric: `${uploads} concurrent 5 MB uploads: server peak RSS`, value: `${num(peak / 2 ** 20)} MB (idle ${num(idle.rss / 2 ** 20)} MB)`, budget: '< 300 MB', verdict: ctx.verdict(peak < budgetBytes) });
  ctx.record({
    step: 'memory',
    metric: `${uploads} concurrent 5 MB uploads: stored, 503 + Retry-After, errors`,
    value: `${stored} of ${uploads} stored; ${busy} × 503 with Retry-After (retried); ${errors} errors`,
    budget: `${uploads} stored, 0 errors`,
    verdict: ctx.verdict(stored === uploads && errors === 0),
  });
}
