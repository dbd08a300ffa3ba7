// @ts-check
// 9. Lighthouse (the pinned `lighthouse` devDependency, node API) on two pages: the demo host site
// as `npm start` serves it, and a bare host page that holds nothing but the widget's script tag and
// its element. Mobile form factor with Lighthouse's default (simulated) throttling: a mid-range
// phone on a slow 4G line, 4× CPU slowdown. Three runs per page; the table gives the median of
// each figure (per figure, so the median Performance and the median TBT may come from different runs).
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AdminClient } from '@citizen-counter/sdk';
import { root } from './lib/context.mjs';
import { findChromium } from './lib/render.mjs';
import { freePort, median, num, waitForHttp } from './lib/util.mjs';

const runs = 3;
const budgets = { performance: 95, tbt: 150, cls: 0.02, accessibility: 100, consoleErrors: 0 };

/**
 * One Lighthouse run's figures.
 * @typedef {object} Figures
 * @property {number} performance 0–100
 * @property {number} accessibility 0–100
 * @property {number} tbt ms
 * @property {number} cls
 * @property {number} lcp ms
 * @property {number} fcp ms
 * @property {string[]} consoleErrors the `errors-in-console` audit's items
 * @property {string[]} a11yMisses ids of the failed accessibility audits
 */

/** @param {import('./lib/context.mjs').BenchContext} ctx */
export async function measure(ctx) {
  const pages = ['Demo page', 'Bare host page'];
  const skip = (/** @type {string} */ reason) => {
    for (const page of pages) ctx.record({ step: 'lighthouse', metric: `Lighthouse, ${page}`, value: `not measured (${reason})`, budget: '', verdict: '—' });
  };
  if (!existsSync(join(root, 'widget/dist/citizen-counter.js'))) return skip('no widget/dist bundle');
  const chromePath = findChromium();
  if (!chromePath) return skip('no Chromium found (CHROME_PATH, /usr/bin/chromium)');
  /** @type {{ default: typeof import('lighthouse').default }} */
  let lighthouseModule;
  /** @type {typeof import('chrome-launcher')} */
  let chromeLauncher;
  try {
    lighthouseModule = await import('lighthouse');
    // Lighthouse's own chrome-launcher (its dependency), wherever npm put it.
    chromeLauncher = await import(createRequire(createRequire(import.meta.url).resolve('lighthouse')).resolve('chrome-launcher'));
  } catch {
    return skip('lighthouse is not installed');
  }
  const lighthouse = lighthouseModule.default;

  // The demo site as `npm start` serves it: development settings, the demo org, the dev SMS inbox
  // (the demo page polls it), the demo folder at `/`, on a database of its own in the run's directory.
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const adminKey = `cc_admin_bench_lighthouse_${Date.now()}_0123456789abcdef`;
  ctx.log(`lighthouse: starting the demo server (as npm start does) on ${baseUrl}`);
  const server = ctx.spawn(['--import', 'tsx', join(root, 'server/src/main.ts'), '--demo'], 'demo-server', {
    ...process.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: `sqlite:${join(ctx.tmp, 'lighthouse-demo.sqlite')}`,
    DATA_DIR: join(ctx.tmp, 'lighthouse-demo'),
    ADMIN_KEY: adminKey,
    SMS_PROVIDER: 'dev',
    DEMO: '1',
    DEMO_DIR: join(root, 'demo'),
    WIDGET_DIST: join(root, 'widget/dist'),
    LOG_LEVEL: 'warn',
  });
  await waitForHttp(`${baseUrl}/healthz`, 60_000, () => server.alive);

  // The bare host page, on an origin of its own (another loopback port), allowed for the demo org
  // the way a webmaster's site is: through the org's allowedOrigins.
  const barePort = await freePort();
  const bareOrigin = `http://127.0.0.1:${barePort}`;
  const bareHtml = `<!doctype html>
<html lang="fa" dir="rtl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>پیشخوان</title>
<script type="module" src="${baseUrl}/widget/citizen-counter.js"></script>
</head>
<body><citizen-counter org="demo" api="${baseUrl}"></citizen-counter></body>
</html>
`;
  const bare = createServer((req, res) => {
    if (req.url === '/' || req.url === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' });
      res.end(bareHtml);
    } else if (req.url === '/favicon.ico') {
      // A host site has its own icon; the widget's page must not be blamed for a host's 404.
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => bare.listen(barePort, '127.0.0.1', () => resolve(undefined)));
  const admin = new AdminClient({ baseUrl, adminKey });
  const org = await admin.getOrg('demo');
  await admin.updateOrg('demo', { settings: { allowedOrigins: [...org.settings.allowedOrigins, bareOrigin] } });

  const chrome = await chromeLauncher.launch({
    chromePath,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    for (const [page, url] of /** @type {const} */ ([
      ['Demo page', `${baseUrl}/`],
      ['Bare host page', `${bareOrigin}/`],
    ])) {
      ctx.log(`lighthouse: ${page} ${url}, ${runs} runs (mobile, simulated throttling)`);
      /** @type {Figures[]} */
      const results = [];
      for (let run = 0; run < runs; run++) {
        const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
        if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
        const figures = readFigures(result.lhr);
        ctx.log(`lighthouse: ${page} run ${run + 1}: performance ${figures.performance}, TBT ${num(figures.tbt)} ms, CLS ${num(figures.cls, 3)}, LCP ${num(figures.lcp)} ms, accessibility ${figures.accessibility}, console errors ${figures.consoleErrors.length}`);
        results.push(figures);
      }
      report(ctx, page, results);
    }
  } finally {
    await chrome.kill();
    await new Promise((resolve) => bare.close(() => resolve(undefined)));
    await ctx.halt(server);
  }
}

/**
 * @param {import('lighthouse').Result} lhr
 * @returns {Figures}
 */
function readFigures(lhr) {
  const audit = (/** @type {string} */ id) => lhr.audits[id];
  const score = (/** @type {string} */ id) => Math.round((lhr.categories[id]?.score ?? 0) * 100);
  const errors = /** @type {{ items?: { source?: string, description?: string, url?: string }[] } | undefined} */ (/** @type {unknown} */ (audit('errors-in-console')?.details));
  const a11yRefs = lhr.categories['accessibility']?.auditRefs ?? [];
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    tbt: audit('total-blocking-time')?.numericValue ?? NaN,
    cls: audit('cumulative-layout-shift')?.numericValue ?? NaN,
    lcp: audit('largest-contentful-paint')?.numericValue ?? NaN,
    fcp: audit('first-contentful-paint')?.numericValue ?? NaN,
    consoleErrors: (errors?.items ?? []).map((item) => `${item.source ?? ''}: ${item.description ?? ''}${item.url ? ` (${item.url})` : ''}`),
    a11yMisses: a11yRefs.filter((ref) => ref.weight > 0 && audit(ref.id)?.score === 0).map((ref) => ref.id),
  };
}

/**
 * Records the medians of one page's runs against the budgets.
 * @param {import('./lib/context.mjs').BenchContext} ctx
 * @param {string} page
 * @param {Figures[]} results
 */
function report(ctx, page, results) {
  const mid = (/** @type {(figures: Figures) => number} */ pick) => median(results.map(pick));
  const spread = (/** @type {(figures: Figures) => number} */ pick, digits = 0) => results.map((figures) => num(pick(figures), digits)).join(', ');
  const performance = mid((figures) => figures.performance);
  const tbt = mid((figures) => figures.tbt);
  const cls = mid((figures) => figures.cls);
  const lcp = mid((figures) => figures.lcp);
  const accessibility = mid((figures) => figures.accessibility);
  const consoleErrors = mid((figures) => figures.consoleErrors.length);
  const of = `median of ${results.length}`;
  ctx.record({ step: 'lighthouse', metric: `Lighthouse ${page}: Performance (mobile)`, value: `${performance} (${of}: ${spread((figures) => figures.performance)})`, budget: `≥ ${budgets.performance}`, verdict: ctx.verdict(performance >= budgets.performance) });
  ctx.record({ step: 'lighthouse', metric: `Lighthouse ${page}: Total Blocking Time`, value: `${num(tbt)} ms (${of}: ${spread((figures) => figures.tbt)})`, budget: `≤ ${budgets.tbt} ms`, verdict: ctx.verdict(tbt <= budgets.tbt) });
  ctx.record({ step: 'lighthouse', metric: `Lighthouse ${page}: Cumulative Layout Shift`, value: `${num(cls, 3)} (${of}: ${spread((figures) => figures.cls, 3)})`, budget: `≤ ${budgets.cls}`, verdict: ctx.verdict(cls <= budgets.cls) });
  ctx.record({ step: 'lighthouse', metric: `Lighthouse ${page}: Largest Contentful Paint`, value: `${num(lcp)} ms (${of}: ${spread((figures) => figures.lcp)})`, budget: '—', verdict: '—' });
  ctx.record({ step: 'lighthouse', metric: `Lighthouse ${page}: Accessibility`, value: `${accessibility} (${of}: ${spread((figures) => figures.accessibility)})`, budget: `${budgets.accessibility}`, verdict: ctx.verdict(accessibility >= budgets.accessibility) });
  ctx.record({ step: 'lighthouse', metric: `Lighthouse ${page}: console errors`, value: `${consoleErrors} (${of}: ${spread((figures) => figures.consoleErrors.length)})`, budget: `${budgets.consoleErrors}`, verdict: ctx.verdict(consoleErrors <= budgets.consoleErrors) });
  const misses = [...new Set(results.flatMap((figures) => figures.a11yMisses))];
  const errors = [...new Set(results.flatMap((figures) => figures.consoleErrors))];
  ctx.details.push(
    `Lighthouse ${page}: mobile, simulated throttling (Lighthouse defaults), ${results.length} runs; FCP ${spread((figures) => figures.fcp)} ms, LCP ${spread((figures) => figures.lcp)} ms; failed accessibility audits: ${misses.length ? misses.join(', ') : 'none'}; console errors: ${errors.length ? errors.join('; ') : 'none'}.`,
  );
}
