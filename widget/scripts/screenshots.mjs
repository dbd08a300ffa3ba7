// @ts-check
// Walks the citizen journey in headless Chromium and saves a screenshot of every view, in fa and
// en, at 360 px and 1280 px wide, into screenshots/ at the repository root (gitignored).
// Usage: BASE_URL=http://localhost:8080 ADMIN_KEY=… node widget/scripts/screenshots.mjs  (a running `npm start`)
// With ADMIN_KEY (printed by the server, kept in data/admin-key) requests are also approved and
// rejected, so the list shows all three status colours.
import { readFile, writeFile } from 'node:fs/promises';
import { AdminClient, StaffClient } from '@citizen-counter/sdk';
import { latestCode as codeOf, launch, out, shootElement, widths } from './shots.mjs';

const base = process.env.BASE_URL ?? 'http://localhost:8080';
const adminKey = process.env.ADMIN_KEY;
/** @type {StaffClient | null} */
let staff = null;
if (adminKey) {
  const { key } = await new AdminClient({ baseUrl: base, adminKey }).createApiKey('demo', 'screenshots');
  staff = new StaffClient({ baseUrl: base, org: 'demo', apiKey: key });
}

const browser = await launch();

/** @typedef {import('puppeteer-core').Page} Page */

/**
 * Screenshots the element at every width.
 * @param {Page} page
 * @param {string} locale
 * @param {string} step
 */
function shoot(page, locale, step) {
  return shootElement(page, 'citizen-counter', `${locale}-${step}`);
}

/** @param {string} value */
const latinDigits = (value) => value.replace(/[۰-۹]/g, (d) => String('۰۱۲۳۴۵۶۷۸۹'.indexOf(d)));
/** @param {Page} page @param {string} selector */
const text = (page, selector) => page.$eval(`citizen-counter >>> ${selector}`, (el) => el.textContent ?? '');
/** @param {Page} page @param {string} selector */
const waitFor = (page, selector) => page.waitForSelector(`citizen-counter >>> ${selector}`, { timeout: 15000 });
/**
 * The file input of the submit view.
 * @param {Page} page
 */
async function fileInput(page) {
  const input = /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement> | null} */ (await page.$('citizen-counter >>> #body'));
  if (!input) throw new Error('no file input');
  return input;
}
/**
 * The value of the `index`th option of the unit picker.
 * @param {Page} page
 * @param {number} index
 */
const unitOption = (page, index) => page.$eval('citizen-counter >>> #unitId', (el, i) => /** @type {HTMLSelectElement} */ (el).options[i]?.value ?? '', index);

/**
 * The login code of the newest SMS to `phone` in the dev inbox.
 * @param {string} phone
 * @returns {Promise<string>}
 */
function latestCode(phone) {
  return codeOf(base, phone);
}

for (const locale of ['fa', 'en']) {
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error instanceof Error ? error.message : error));
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(base, { waitUntil: 'networkidle0' });
  await page.$eval('citizen-counter', (el, l) => el.setAttribute('locale', l), locale);
  await waitFor(page, '#phone');
  await new Promise((resolve) => setTimeout(resolve, 800));
  await shoot(page, locale, '1-login');

  await page.type('citizen-counter >>> #phone', '123');
  await page.click('citizen-counter >>> button[type=submit]');
  await shoot(page, locale, '2-login-error');

  const local = `0912${String(Date.now()).slice(-7)}`;
  await page.$eval('citizen-counter >>> #phone', (el) => (/** @type {HTMLInputElement} */ (el).value = ''));
  await page.type('citizen-counter >>> #phone', local.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d));
  await page.click('citizen-counter >>> button[type=submit]');
  await waitFor(page, '#code');
  await shoot(page, locale, '3-code');

  await page.type('citizen-counter >>> #code', await latestCode(`+98${local.slice(1)}`));
  await page.click('citizen-counter >>> cc-code-view >>> button[type=submit]');
  await waitFor(page, '#fullName');
  await shoot(page, locale, '4-submit');

  await page.click('citizen-counter >>> cc-submit-view >>> button[type=submit]');
  await shoot(page, locale, '5-submit-errors');

  await page.type('citizen-counter >>> #fullName', locale === 'fa' ? 'مریم احمدی' : 'Maryam Ahmadi');
  await page.type('citizen-counter >>> #subject', locale === 'fa' ? 'درخواست گواهی اشتغال به کار' : 'Certificate of employment');
  await page.select('citizen-counter >>> #unitId', await unitOption(page, 1));
  await writeFile('/tmp/cc-letter.pdf', '%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  await (await fileInput(page)).uploadFile('/tmp/cc-letter.pdf');
  // The file picker with a chosen file and the keyboard focus on it (its ring on the button).
  await page.focus('citizen-counter >>> #subject');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await shoot(page, locale, '5b-submit-file');
  await page.click('citizen-counter >>> cc-submit-view >>> button[type=submit]');
  await waitFor(page, '[data-tracking-code]');
  await shoot(page, locale, '6-receipt');
  const code = await text(page, '[data-tracking-code]');

  if (staff) {
    // Two more requests: one approved with a reply, one rejected, so every status colour shows.
    /** @type {string[]} */
    const sent = [];
    for (const subject of locale === 'fa' ? ['درخواست مجوز ساخت', 'اعتراض به قبض عوارض'] : ['Building permit', 'Objection to a fee']) {
      await page.click('citizen-counter >>> cc-receipt-view >>> .actions > button:last-of-type');
      await waitFor(page, '#fullName');
      await page.type('citizen-counter >>> #subject', subject);
      await page.select('citizen-counter >>> #unitId', await unitOption(page, 2));
      await (await fileInput(page)).uploadFile('/tmp/cc-letter.pdf');
      await page.click('citizen-counter >>> cc-submit-view >>> button[type=submit]');
      await waitFor(page, '[data-tracking-code]');
      sent.push(latinDigits(await text(page, '[data-tracking-code]')));
    }
    const mine = await staff.listRequests({ limit: 50 });
    /** @param {string | undefined} c the id of the request with that tracking code */
    const byCode = (c) => {
      const found = mine.items.find((item) => item.trackingCode === c);
      if (!found) throw new Error(`request ${c} is not in the staff list`);
      return found.id;
    };
    await staff.approve(byCode(sent[0]));
    await staff.reply(byCode(sent[0]), {
      text: locale === 'fa' ? 'مجوز شما صادر شد و اصل آن در دبیرخانه آماده تحویل است.' : 'Your permit was issued; collect the original at the secretariat.',
      file: new Blob([await readFile('/tmp/cc-letter.pdf')], { type: 'application/pdf' }),
      fileName: 'reply.pdf',
    });
    await staff.reject(byCode(sent[1]), { reason: locale === 'fa' ? 'مدارک پیوست ناقص است' : 'Attachments are missing' });
  }

  await page.click('citizen-counter >>> cc-receipt-view >>> .actions > button:nth-last-of-type(2)');
  await waitFor(page, 'li.card');
  await shoot(page, locale, '7-requests');

  await new Promise((resolve) => setTimeout(resolve, 500));
  if (staff) {
    await page.click('citizen-counter >>> li.card.approved button');
    await waitFor(page, '#timeline');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await shoot(page, locale, '8-detail-approved');
    await page.click('citizen-counter >>> cc-request-detail >>> .back button');
    await waitFor(page, 'li.card');
  }
  await page.type('citizen-counter >>> #q', code);
  await page.click('citizen-counter >>> form[role=search] button[type=submit]');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await shoot(page, locale, '9-search');
  await page.click('citizen-counter >>> li.card button');
  await waitFor(page, '#timeline');
  await shoot(page, locale, '10-detail');
  await page.close();
}
// The login of an org that chose the visual code image (کد امنیتی) instead of the invisible check.
if (adminKey) {
  const id = `image-${Date.now()}`;
  const admin = new AdminClient({ baseUrl: base, adminKey });
  await admin.createOrg({ id, name: { fa: 'سازمان نمونه (کد تصویری)', en: 'Sample Org (image code)' }, settings: { humanCheck: 'image', allowedOrigins: [base] } });
  for (const locale of ['fa', 'en']) {
    const page = await browser.newPage();
    await page.goto(base, { waitUntil: 'networkidle0' });
    await page.$eval('citizen-counter', (el, org, l) => {
      el.setAttribute('org', org);
      el.setAttribute('locale', l);
    }, id, locale);
    await waitFor(page, 'img[part=captcha-image]');
    await shoot(page, locale, '1-login-image-code');
    await page.close();
  }
}

// The demo host page itself, as a webmaster's visitors see it.
const demo = await browser.newPage();
for (const width of widths) {
  await demo.setViewport({ width, height: 900 });
  await demo.goto(base, { waitUntil: 'networkidle0' });
  // A viewport as tall as the page instead of fullPage, which mis-aligns RTL pages in Chromium.
  await demo.setViewport({ width, height: await demo.evaluate(() => document.documentElement.scrollHeight) });
  await writeFile(new URL(`demo-page-${width}.png`, out), await demo.screenshot());
}
await browser.close();
