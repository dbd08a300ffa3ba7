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

export function findChromium() {
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
 * Starts headless Chromium through puppeteer-core; answers `{skipped: reason}` when no browser
 * driver or browser is there.
 * @returns {Promise<{ skipped: string } | { browser: import('puppeteer-core').Browser }>}
 */
async function launchBrowser() {
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
  return { browser };
}

/**
 * The test page: the bundle and the element, a MutationObserver on every shadow root that notes
 * when the login view's first input appears, and a PerformanceObserver collecting long tasks.
 * @param {string} baseUrl
 * @param {string} org
 */
function pageHtml(baseUrl, org) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>render bench</title>
<script>
  window.__ccLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__ccLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Long animation frames name the scripts behind them (where the browser has the API).
  window.__ccFrames = [];
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.__ccFrames.push({
          start: entry.startTime,
          duration: entry.duration,
          scripts: entry.scripts.map((script) => ({
            what: (script.invoker || script.invokerType) + ' → ' + (script.sourceFunctionName || '(anonymous)') + ' ' + String(script.sourceURL).split('/').pop() + ':' + script.sourceCharPosition,
            duration: script.duration,
          })),
          style: entry.styleAndLayoutStart ? entry.startTime + entry.duration - entry.styleAndLayoutStart : 0,
        });
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
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
<script type="module" src="${baseUrl}/widget/citizen-counter.js"></script>
</head><body><citizen-counter org="${org}" api="${baseUrl}" locale="fa"></citizen-counter></body></html>`;
}

/**
 * A fresh page (cache off) at `cpuRate`× CPU slowdown whose document is the test page, served by
 * request interception on the server's origin.
 * @param {import('puppeteer-core').Browser} browser
 * @param {string} baseUrl
 * @param {string} org
 * @param {number} cpuRate
 */
async function openPage(browser, baseUrl, org, cpuRate) {
  const pageUrl = `${baseUrl}/__bench__/render.html`;
  const html = pageHtml(baseUrl, org);
  const page = await browser.newPage();
  await page.setCacheEnabled(false);
  if (cpuRate !== 1) await page.emulateCPUThrottling(cpuRate);
  await page.setRequestInterception(true);
  page.on('request', (req) => {
    if (req.url() === pageUrl) req.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    else req.continue();
  });
  await page.goto(pageUrl, { waitUntil: 'load', timeout: 30_000 });
  await page.waitForFunction('window.__ccInput !== null', { timeout: 30_000, polling: 50 });
  return page;
}

/**
 * Measures `runs` page loads at `cpuRate`× CPU slowdown (CDP Emulation.setCPUThrottlingRate);
 * answers `{skipped: reason}` when no browser driver or browser is there.
 * @param {{ baseUrl: string, org: string, runs?: number, cpuRate?: number }} options
 * @returns {Promise<{ skipped: string } | { median: number, max: number, runs: number, failure: string | null }>}
 */
export async function measureRender({ baseUrl, org, runs = 11, cpuRate = 1 }) {
  const launched = await launchBrowser();
  if ('skipped' in launched) return launched;
  const { browser } = launched;
  try {
    const bundleUrl = `${baseUrl}/widget/citizen-counter.js`;
    /** @type {number[]} */
    const times = [];
    /** @type {string | null} */
    let failure = null;
    for (let run = 0; run < runs; run++) {
      /** @type {import('puppeteer-core').Page | null} */
      let page = null;
      try {
        page = await openPage(browser, baseUrl, org, cpuRate);
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
        await page?.close();
      }
    }
    if (times.length === 0) return { skipped: `the login view never rendered: ${failure}` };
    return { median: median(times), max: Math.max(...times), runs: times.length, failure };
  } finally {
    await browser.close();
  }
}

/**
 * The login flow at `cpuRate`× CPU slowdown, `runs` times on fresh pages: once the login view is
 * there, type a phone number into it, press "Get code" (the widget waits for its invisible check,
 * the proof of work solved in a worker, then asks for the code) and wait for the code view's input.
 * Counts the main thread's long tasks (PerformanceObserver 'longtask', > 50 ms) from the first key
 * press to the code view, and, for orientation, those of the page load before it.
 * @param {{ baseUrl: string, org: string, runs?: number, cpuRate?: number, phone: (run: number) => string }} options
 * @returns {Promise<{ skipped: string } | { flows: { longTasks: number, longest: number, ms: number, loadLongTasks: number, typing: number[], afterClick: number[], blame: string[] }[], failure: string | null }>}
 */
export async function measureLoginFlow({ baseUrl, org, runs = 3, cpuRate = 4, phone }) {
  const launched = await launchBrowser();
  if ('skipped' in launched) return launched;
  const { browser } = launched;
  /** The first element matching `selector` in the document's nested shadow roots. */
  const deep = (/** @type {string} */ selector) => `(() => {
    const seek = (root) => {
      const found = root.querySelector(${JSON.stringify(selector)});
      if (found) return found;
      for (const node of root.querySelectorAll('*')) {
        const inner = node.shadowRoot && seek(node.shadowRoot);
        if (inner) return inner;
      }
      return null;
    };
    return seek(document);
  })()`;
  try {
    /** @type {{ longTasks: number, longest: number, ms: number, loadLongTasks: number, typing: number[], afterClick: number[], blame: string[] }[]} */
    const flows = [];
    /** @type {string | null} */
    let failure = null;
    // One warm-up flow first (process start, compile caches), not counted.
    for (let run = 0; run <= runs; run++) {
      /** @type {import('puppeteer-core').Page | null} */
      let page = null;
      try {
        page = await openPage(browser, baseUrl, org, cpuRate);
        // Let the load's own work settle so that it is not counted as the flow's.
        await page.waitForNetworkIdle({ idleTime: 300, timeout: 15_000 });
        const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement> | null} */ ((await page.evaluateHandle(deep('input#phone'))).asElement());
        if (!input) throw new Error('no phone input in the login view');
        const start = await page.evaluate(() => performance.now());
        await input.type(phone(run), { delay: 30 });
        const typed = await page.evaluate(() => performance.now());
        const submit = (await page.evaluateHandle(`${deep('cc-login-view')}?.shadowRoot.querySelector('button[type=submit]')`)).asElement();
        if (!submit) throw new Error('no "Get code" button in the login view');
        await /** @type {import('puppeteer-core').ElementHandle<Element>} */ (submit).click();
        await page.waitForFunction(`${deep('input[autocomplete=one-time-code]')} !== null`, { timeout: 60_000, polling: 50 });
        const figures = await page.evaluate((from, clickedFrom) => {
          const end = performance.now();
          /** @type {{ start: number, duration: number }[]} */
          const tasks = /** @type {{ __ccLongTasks: { start: number, duration: number }[] }} */ (/** @type {unknown} */ (window)).__ccLongTasks;
          const during = tasks.filter((task) => task.start + task.duration > from && task.start < end);
          return {
            longTasks: during.length,
            longest: Math.max(0, ...during.map((task) => task.duration)),
            // Where they fell, for whoever removes them: while typing, or from "Get code" on.
            typing: during.filter((task) => task.start < clickedFrom).map((task) => Math.round(task.duration)),
            afterClick: during.filter((task) => task.start >= clickedFrom).map((task) => Math.round(task.duration)),
            ms: end - from,
            loadLongTasks: tasks.filter((task) => task.start < from).length,
            // What ran in the long animation frames around each long task after "Get code".
            blame: during
              .filter((task) => task.start >= clickedFrom)
              .map((task) => {
                /** @type {{ start: number, duration: number, style: number, scripts: { what: string, duration: number }[] }[]} */
                const frames = /** @type {any} */ (window).__ccFrames ?? [];
                const around = frames.filter((frame) => frame.start < task.start + task.duration && frame.start + frame.duration > task.start);
                const scripts = around.flatMap((frame) => frame.scripts).sort((a, b) => b.duration - a.duration).slice(0, 3);
                const style = around.reduce((sum, frame) => sum + frame.style, 0);
                return `${Math.round(task.duration)} ms: ${scripts.map((script) => `${script.what} ${Math.round(script.duration)} ms`).join('; ') || 'no script'}; style and layout ${Math.round(style)} ms`;
              }),
          };
        }, start, typed);
        if (run > 0) flows.push(figures);
      } catch (error) {
        failure ??= error instanceof Error ? error.message : String(error);
      } finally {
        await page?.close();
      }
    }
    if (flows.length === 0) return { skipped: `the login flow never reached the code view: ${failure}` };
    return { flows, failure };
  } finally {
    await browser.close();
  }
}
