// @ts-check
// 1. Widget bundle size: gzip (level 9, as the rollup build reports it) of widget/dist/citizen-counter.js.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { root } from './lib/context.mjs';
import { num } from './lib/util.mjs';

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const bundle = join(root, 'widget/dist/citizen-counter.js');
  if (!existsSync(bundle)) {
    ctx.record({ step: 'size', metric: 'Widget bundle gzip', value: 'not measured (widget/dist/citizen-counter.js missing: npm run build)', budget: '≤ 24 KB', verdict: '—' });
    return;
  }
  const raw = readFileSync(bundle);
  const gz = gzipSync(raw, { level: 9 }).length;
  ctx.record({ step: 'size', metric: 'Widget bundle gzip', value: `${num(gz / 1024, 2)} KB (${num(gz)} B; ${num(raw.length / 1024, 1)} KB raw)`, budget: '≤ 24 KB (24,576 B)', verdict: ctx.verdict(gz <= 24 * 1024) });
  const gz6 = gzipSync(raw).length;
  ctx.details.push(
    `Bundle: ${bundle.slice(root.length)}, built ${statSync(bundle).mtime.toISOString()}; gzip level 9 (as the rollup build reports it) ${num(gz)} B, default level 6 ${num(gz6)} B.`,
  );
}
