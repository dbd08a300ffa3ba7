// @ts-check
// Walks the staff desk (`/desk`) in headless Chromium and saves a screenshot of every view, in fa
// and en, at 360 px and 1280 px wide, into screenshots/ at the repository root (gitignored): the
// login, the queue, a request with its timeline and reply, the approval panel, and each section of
// the administration.
// Usage: BASE_URL=http://localhost:8080 ADMIN_KEY=… node widget/scripts/desk-screenshots.mjs  (a running `npm start`)
// ADMIN_KEY (printed by the server, kept in data/admin-key) adds an admin of the demo org and a
// citizen's request answered by staff, so every part of the request's view has something to show.
import { AdminClient, CitizenClient, StaffClient, solveChallenge } from '@citizen-counter/sdk';
import { latestCode as codeOf, launch, shootElement } from './shots.mjs';

const base = process.env.BASE_URL ?? 'http://localhost:8080';
const adminKey = process.env.ADMIN_KEY;
if (!adminKey) throw new Error('ADMIN_KEY is needed (data/admin-key of a running `npm start`)');

/**
 * A real one-page PDF with a line of text, so the desk's preview has something to show.
 * @param {string} line
 */
function onePagePdf(line) {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${line.length + 36} >>\nstream\nBT /F1 24 Tf 72 760 Td (${line}) Tj ET\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets = objects.map((object, i) => {
    const at = body.length;
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
    return at;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((at) => `${String(at).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Blob([body], { type: 'application/pdf' });
}
const pdf = onePagePdf('Application for a facade repair permit');

/** @typedef {import('puppeteer-core').Page} Page */

/** A phone number no one else in the demo org has, local and E.164. */
function newPhone() {
  const local = `0935${String(Date.now() + Math.floor(Math.random() * 1000)).slice(-7)}`;
  return { local, e164: `+98${local.slice(1)}` };
}

/** @param {string} e164 */
const latestCode = (e164) => codeOf(base, e164);

// A citizen's request, referred, answered with a reply and approved, and a second one still new.
const admin = new AdminClient({ baseUrl: base, adminKey });
const { key } = await admin.createApiKey('demo', 'desk screenshots');
const staff = new StaffClient({ baseUrl: base, org: 'demo', apiKey: key });
const citizen = new CitizenClient({ baseUrl: base, org: 'demo' });
const citizenPhone = newPhone();
const challenge = await citizen.createChallenge();
if (challenge.kind !== 'pow') throw new Error('the demo org is expected to use the invisible check (pow)');
await citizen.requestOtp({ phone: citizenPhone.local, challenge: await solveChallenge(challenge) });
await citizen.login({ phone: citizenPhone.local, code: await latestCode(citizenPhone.e164) });
const units = (await citizen.getOrg()).units;
const answered = await citizen.submitRequest({ fullName: 'مریم احمدی', subject: 'درخواست مجوز تعمیر نمای ساختمان', unitId: units[1]?.id ?? units[0]?.id ?? '', body: pdf, fileName: 'nama.pdf' });
await citizen.submitRequest({ fullName: 'رضا کریمی', subject: 'اعتراض به قبض عوارض نوسازی', unitId: units[0]?.id ?? '', body: pdf, fileName: 'objection.pdf' });
await staff.addNote(answered.id, 'نقشه نما با پرونده ساختمان تطبیق داده شد.');
await staff.reply(answered.id, { text: 'مجوز شما صادر شد؛ اصل آن در دبیرخانه آماده تحویل است.', file: pdf, fileName: 'mojavez.pdf' });
const current = await staff.getRequest(answered.id);
await staff.approve(answered.id, { version: current.version });

const browser = await launch();

/**
 * Screenshots the desk at every width.
 * @param {Page} page
 * @param {string} locale
 * @param {string} step
 */
const shoot = (page, locale, step) => shootElement(page, 'counter-desk', `desk-${locale}-${step}`, 200);

/** @param {Page} page @param {string} selector */
const waitFor = (page, selector) => page.waitForSelector(`counter-desk >>> ${selector}`, { timeout: 15000 });
/**
 * Clicks the button among `selector` whose text is `label`, or `label` and a number (a view with
 * its count).
 * @param {Page} page @param {string} selector @param {string} label
 */
async function clickText(page, selector, label) {
  const buttons = await page.$$(`counter-desk >>> ${selector}`);
  /** @type {string[]} */
  const seen = [];
  for (const button of buttons) {
    const text = (await button.evaluate((el) => el.textContent?.replace(/\s+/g, ' ').trim())) ?? '';
    if (text.startsWith(label) && /^[\s\d۰-۹]*$/.test(text.slice(label.length))) return button.click();
    seen.push(text);
  }
  throw new Error(`no "${label}" among ${selector}: ${seen.join(' | ')}`);
}

const labels = {
  fa: { all: 'همه', admin: 'مدیریت', approve: 'تایید و ثبت', sections: ['کارکنان', 'اندیکاتور، تقویم و واحدها', 'الگوها و پیامک‌ها', 'وب‌هوک‌ها', 'کلیدهای دسترسی (API)'] },
  en: { all: 'All', admin: 'Administration', approve: 'Approve and register', sections: ['Staff', 'Register, calendar and units', 'Templates and SMS', 'Webhooks', 'API keys'] },
};

for (const locale of /** @type {const} */ (['fa', 'en'])) {
  const phone = newPhone();
  await admin.addStaff('demo', { phone: phone.local, name: locale === 'fa' ? 'مریم رحیمی' : 'Maryam Rahimi', role: 'admin', unitIds: [] });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('page error:', error instanceof Error ? error.message : error));
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${base}/desk`, { waitUntil: 'networkidle0' });
  await page.evaluate(() => sessionStorage.clear());
  await page.$eval('counter-desk', (el, l) => el.setAttribute('locale', l), locale);
  await waitFor(page, '#phone');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await shoot(page, locale, '1-login');

  await page.type('counter-desk >>> #phone', phone.local);
  await page.click('counter-desk >>> cc-login-view >>> button[type=submit]');
  await waitFor(page, '#code');
  await page.type('counter-desk >>> #code', await latestCode(phone.e164));
  await page.click('counter-desk >>> cc-code-view >>> button[type=submit]');
  await waitFor(page, '.item');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await shoot(page, locale, '2-queue');

  // The answered request is closed: it is under "All".
  await clickText(page, '.view', labels[locale].all);
  await waitFor(page, `.item[data-id="${answered.id}"]`);

  await page.click(`counter-desk >>> .item[data-id="${answered.id}"]`);
  await waitFor(page, 'cd-request >>> #timeline-title');
  await new Promise((resolve) => setTimeout(resolve, 500));
  await shoot(page, locale, '3-request');

  const open = await page.$$('counter-desk >>> .item');
  await open[0]?.click();
  await new Promise((resolve) => setTimeout(resolve, 500));
  await clickText(page, 'cd-request >>> .bar button', labels[locale].approve);
  await waitFor(page, 'cd-action-panel >>> form');
  await shoot(page, locale, '4-approve-panel');

  await clickText(page, '.who button', labels[locale].admin);
  for (const [index, section] of labels[locale].sections.entries()) {
    await clickText(page, 'cd-admin >>> nav button', section);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await shoot(page, locale, `5-admin-${index + 1}`);
  }
  await page.close();
}
await browser.close();
