// @ts-check
// Widget login view render time in headless Chromium, driven by puppeteer-core when it is
// installed (it comes with the widget's browser-test tooling). The page is served by request
// interception on the server's own origin, so no CORS set-up is needed; the bundle and the org
// profile come from the real server. Time = from the bundle's responseEnd (Resource Timing) to the
// moment the login view's first <input> exists in the component's (nested) shadow DOM, observed
// with MutationObservers attached to every shadow root as it is created.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { median } from './util.mjs';

const require = createRequire(import.meta.url);

function findChromium() {
  const candidates = [process.env.CHROME_PATH, '/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((path) => path && existsSync(path)) ?? null;
}

/**
 * puppeteer-core from the root's or the widget's dependencies, or null when it is not installed.
 * @returns {Promise<typeof import('puppeteer-core').default | null>}
 */
async function loadPuppeteer() {
  for (const from of [import.meta.url, new URL('../../widget/package.json', import.meta.url).href]) {
    try {
      const resolved = createRequire(from).resolve('puppeteer-core');
      /** @type {{ default: typeof import('puppeteer-core').default }} */
      const module = await import(resolved);
      return module.default;
    } catch {
      // try the next place
    }
  }
  return null;
}

/**
 * Measures `runs` page loads; answers `{skipped: reason}` when no browser driver or browser is there.
 * @param {{ baseUrl: string, org: string, runs?: number }} options
 * @returns {Promise<{ skipped: string } | { median: number, max: number, runs: number, failure: string | null }>}
 */
export async function measureRender({ baseUrl, org, runs = 11 }) {
  const puppeteer = await loadPuppeteer();
  if (!puppeteer) return { skipped: 'puppeteer-core is not installed' };
  let executablePath = findChromium();
  if (!executablePath) {
    try {
      /** @type {{ default: { executablePath(): Promise<string> } }} */
      const chromium = await import(require.resolve('@sparticuz/chromium'));
      executablePath = await chromium.default.executablePath();
    } catch {
      return { skipped: 'no Chromium found (CHROME_PATH, /usr/bin/chromium, @sparticuz/chromium)' };
    }
  }
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--disable-gpu'],
  });
  try {
    const pageUrl = `${baseUrl}/__bench__/render.html`;
    const bundleUrl = `${baseUrl}/widget/citizen-counter.js`;
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>render bench</title>
<script>
  window.__ccInput = null;
  const check = () => {
    if (window.__ccInput !== null) return;
    const el = document.querySelector('citizen-counter');
    const seek = (root) => {
      if (!root) return false;
      if (root.querySelector('input, textarea')) return true;
      for (const node of root.querySelectorAll('*')) if (node.shadowRoot && seek(node.shadowRoot)) return true;
      return false;
    };
    if (el && seek(el.shadowRoot)) window.__ccInput = performance.now();
  };
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    new MutationObserver(check).observe(root, { childList: true, subtree: true });
    return root;
  };
</script>
<script type="module" src="${bundleUrl}"></script>
</head><body><citizen-counter org="${org}" api="${baseUrl}" locale="fa"></citizen-counter></body></html>`;
    /** @type {number[]} */
    const times = [];
    /** @type {string | null} */
    let failure = null;
    for (let run = 0; run < runs; run++) {
      const page = await browser.newPage();
      await page.setCacheEnabled(false);
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        if (req.url() === pageUrl) req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
        else req.continue();
      });
      try {
        await page.goto(pageUrl, { waitUntil: 'load', timeout: 15_000 });
        await page.waitForFunction('window.__ccInput !== null', { timeout: 10_000, polling: 50 });
        const ms = await page.evaluate((url) => {
          const entry = /** @type {PerformanceResourceTiming | undefined} */ (performance.getEntriesByName(url)[0]);
          const input = /** @type {{ __ccInput: number }} */ (/** @type {unknown} */ (window)).__ccInput;
          return entry ? input - entry.responseEnd : NaN;
        }, bundleUrl);
        // The first load warms Chromium itself up (process start, compile caches); not counted.
        if (run > 0) times.push(ms);
      } catch (error) {
        failure ??= error instanceof Error ? error.message : String(error);
      } finally {
        await page.close();
      }
    }
    if (times.length === 0) return { skipped: `the login view never rendered: ${failure}` };
    return { median: median(times), max: Math.max(...times), runs: times.length, failure };
  } finally {
    await browser.close();
  }
}
