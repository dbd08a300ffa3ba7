// @ts-check
// 8. Widget login view render time in headless Chromium at 1× and 4× CPU slowdown, and the main
// thread's long tasks during the login flow at 4×, when a browser driver is installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/context.mjs';
import { measureLoginFlow, measureRender } from './lib/render.mjs';
import { num } from './lib/util.mjs';

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const lines = [
    { metric: 'Widget login view render', budget: '≤ 100 ms' },
    { metric: 'Widget login view render at 4× CPU slowdown', budget: '—' },
    { metric: 'Long tasks during login at 4× CPU slowdown', budget: '0' },
  ];
  const skip = (/** @type {string} */ reason) => {
    for (const { metric, budget } of lines) ctx.record({ step: 'render', metric, value: `not measured (${reason})`, budget, verdict: '—' });
  };
  if (!existsSync(join(root, 'widget/dist/citizen-counter.js'))) return skip('no widget/dist bundle');
  const { baseUrl, orgId } = await ctx.session();
  for (const cpuRate of [1, 4]) {
    ctx.log(`render: headless Chromium, login view of <citizen-counter>, ${cpuRate}× CPU slowdown`);
    const render = await measureRender({ baseUrl, org: orgId, cpuRate }).catch((/** @type {Error} */ error) => ({ skipped: error.message }));
    if ('skipped' in render) return skip(render.skipped);
    const at = cpuRate === 1 ? '' : ` at ${cpuRate}× CPU slowdown`;
    ctx.record({
      step: 'render',
      metric: `Widget login view render${at} (median)`,
      value: `${num(render.median, 1)} ms (max ${num(render.max, 1)}, ${render.runs} loads)`,
      budget: cpuRate === 1 ? '≤ 100 ms' : '—',
      verdict: cpuRate === 1 ? ctx.verdict(render.median <= 100) : '—',
    });
    if (render.failure) ctx.notes.push(`Render at ${cpuRate}×: some loads failed (${render.failure}).`);
  }

  ctx.log('render: login flow (phone, invisible check, code request) at 4× CPU slowdown, long tasks');
  // A phone of its own per flow: the server allows 5 code sends per phone in 10 minutes.
  const base = 1000 + (Date.now() % 8000);
  const flow = await measureLoginFlow({ baseUrl, org: orgId, cpuRate: 4, phone: (run) => `0912555${String(base + run).padStart(4, '0')}` }).catch((/** @type {Error} */ error) => ({ skipped: error.message }));
  if ('skipped' in flow) {
    ctx.record({ step: 'render', metric: 'Long tasks during login at 4× CPU slowdown', value: `not measured (${flow.skipped})`, budget: '0', verdict: '—' });
    return;
  }
  const worst = Math.max(...flow.flows.map((run) => run.longTasks));
  const longest = Math.max(...flow.flows.map((run) => run.longest));
  ctx.record({
    step: 'render',
    metric: 'Long tasks during login at 4× CPU slowdown (worst flow)',
    value: `${worst} (flows: ${flow.flows.map((run) => run.longTasks).join(', ')}${longest > 0 ? `; longest ${num(longest)} ms` : ''})`,
    budget: '0',
    verdict: ctx.verdict(worst === 0),
  });
  ctx.details.push(
    `Login flow at 4× CPU slowdown (type the phone, press "Get code", the invisible check solved in its worker, the code asked for, up to the code view's input): ${flow.flows.map((run) => `${num(run.ms)} ms`).join(', ')}; long tasks (ms) while typing: ${flow.flows.map((run) => `[${run.typing.join(', ')}]`).join(', ')}, from "Get code" to the code view: ${flow.flows.map((run) => `[${run.afterClick.join(', ')}]`).join(', ')}; long tasks during the page load before it: ${flow.flows.map((run) => run.loadLongTasks).join(', ')}.`,
  );
  const blame = flow.flows.flatMap((run) => run.blame);
  if (blame.length > 0) ctx.details.push(`Long tasks after "Get code", with the scripts of the long animation frames around them: ${blame.join(' · ')}.`);
  if (flow.failure) ctx.notes.push(`Login flow: some runs failed (${flow.failure}).`);
}
