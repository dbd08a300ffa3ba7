// @ts-check
// What the screenshot scripts share: Debian's Chromium launched headless, one element shot at
// 360 px and 1280 px wide into screenshots/ at the repository root, and login codes read from the
// dev SMS inbox of a running `npm start`.
import { mkdir, writeFile } from 'node:fs/promises';
import puppeteer from 'puppeteer-core';

/** @typedef {import('puppeteer-core').Page} Page */

export const out = new URL('../../screenshots/', import.meta.url);
export const widths = [360, 1280];

/** Headless Chromium (`CHROME_PATH`, else Debian's), with screenshots/ made. */
export async function launch() {
  await mkdir(out, { recursive: true });
  return puppeteer.launch({
    executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

/**
 * Screenshots the page's first `selector` at every width into `<name>-<width>.png`, then puts the
 * viewport back to 1280 px.
 * @param {Page} page
 * @param {string} selector
 * @param {string} name
 * @param {number} [settle] ms to wait after each resize
 */
export async function shootElement(page, selector, name, settle = 150) {
  for (const width of widths) {
    await page.setViewport({ width, height: 900 });
    await new Promise((resolve) => setTimeout(resolve, settle));
    const element = await page.$(selector);
    if (!element) throw new Error(`no ${selector} on the page`);
    const file = new URL(`${name.replace(/[^\w-]+/g, '-')}-${width}.png`, out);
    await writeFile(file, await element.screenshot());
    console.log(file.pathname);
  }
  await page.setViewport({ width: 1280, height: 900 });
}

/**
 * The login code of the newest SMS to `e164` in the dev inbox of the demo org at `base`.
 * @param {string} base
 * @param {string} e164
 * @returns {Promise<string>}
 */
export async function latestCode(base, e164) {
  for (let i = 0; i < 50; i++) {
    /** @type {{ items: { to: string, text: string, createdAt: string }[] }} */
    const { items } = await (await fetch(`${base}/dev/sms?org=demo`)).json();
    const sms = items.filter((item) => item.to === e164).sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0];
    const code = sms?.text.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d))).match(/\d{4,8}/)?.[0];
    if (code) return code;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`no SMS for ${e164}`);
}
