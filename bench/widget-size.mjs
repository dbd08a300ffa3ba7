// @ts-check
// 1. Bundle sizes: gzip (level 9, as the rollup build reports it) of widget/dist/citizen-counter.js
// (budget 26,624 B; DESIGN's goal is 20 KB) and of widget/dist/counter-desk.js, the staff desk (budget 40 KB).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { bundleBreakdown } from './lib/bundle-breakdown.mjs';
import { root } from './lib/context.mjs';
import { num } from './lib/util.mjs';

const bundles = [
  { file: 'citizen-counter.js', metric: 'Widget bundle gzip', budgetKb: 26 },
  { file: 'counter-desk.js', metric: 'Desk bundle gzip', budgetKb: 40 },
];

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  for (const { file, metric, budgetKb } of bundles) {
    const bundle = join(root, 'widget/dist', file);
    const budget = `≤ ${budgetKb} KB (${num(budgetKb * 1024)} B)`;
    if (!existsSync(bundle)) {
      ctx.record({ step: 'size', metric, value: `not measured (widget/dist/${file} missing: npm run build)`, budget, verdict: '—' });
      continue;
    }
    const raw = readFileSync(bundle);
    const gz = gzipSync(raw, { level: 9 }).length;
    ctx.record({ step: 'size', metric, value: `${num(gz / 1024, 2)} KB (${num(gz)} B; ${num(raw.length / 1024, 1)} KB raw)`, budget, verdict: ctx.verdict(gz <= budgetKb * 1024) });
    ctx.details.push(
      `Bundle: ${bundle.slice(root.length)}, built ${statSync(bundle).mtime.toISOString()}; gzip level 9 (as the rollup build reports it) ${num(gz)} B, default level 6 ${num(gzipSync(raw).length)} B.`,
    );
    if (existsSync(`${bundle}.map`)) {
      // What each part costs: the gzip bytes the bundle would lose without it (its source map tells the parts).
      const parts = bundleBreakdown(bundle).filter((part) => part.gzipBytes >= 50);
      const lines = parts.map((part) => `  ${num(part.gzipBytes).padStart(6)} B gzip  ${num(part.rawBytes).padStart(7)} B raw  ${part.group}`);
      ctx.log(`${file}, where the bytes are (parts of 50 B gzip or more):\n${lines.join('\n')}`);
      ctx.details.push(`${file} breakdown (gzip bytes the bundle loses without the part): ${parts.map((part) => `${part.group} ${num(part.gzipBytes)}`).join(', ')}.`);
    }
  }
}
