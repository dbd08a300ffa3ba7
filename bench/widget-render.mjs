// @ts-check
// 5. Widget login view render time in headless Chromium, when a browser driver is installed.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib/context.mjs';
import { measureRender } from './lib/render.mjs';
import { num } from './lib/util.mjs';

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  if (!existsSync(join(root, 'widget/dist/citizen-counter.js'))) {
    ctx.record({ step: 'render', metric: 'Widget login view render', value: 'not measured (no widget/dist bundle)', budget: '≤ 100 ms', verdict: '—' });
    return;
  }
  const { baseUrl, orgId } = await ctx.session();
  ctx.log('render: headless Chromium, login view of <citizen-counter>');
  const render = await measureRender({ baseUrl, org: orgId }).catch((/** @type {Error} */ error) => ({ skipped: error.message }));
  if ('skipped' in render) {
    ctx.record({ step: 'render', metric: 'Widget login view render', value: `not measured (${render.skipped})`, budget: '≤ 100 ms', verdict: '—' });
    return;
  }
  ctx.record({ step: 'render', metric: 'Widget login view render (median)', value: `${num(render.median, 1)} ms (max ${num(render.max, 1)}, ${render.runs} loads)`, budget: '≤ 100 ms', verdict: ctx.verdict(render.median <= 100) });
  if (render.failure) ctx.notes.push(`Render: some loads failed (${render.failure}).`);
}
