import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import puppeteer, { type Browser } from 'puppeteer-core';
import { verifyReceipt, type CitizenRequest } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { type TestCitizen, useTestServer } from '../test-support/test-server.js';

const chromium = [process.env['CHROME_PATH'], '/usr/lib/chromium/chromium', '/usr/bin/chromium'].find((path) => path && existsSync(path)) ?? 'chromium';
// jsqr is CommonJS whose typings declare an ES default export: the function is the module itself.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** The text of a QR code in a PNG screenshot, or null. */
function readQr(png: Uint8Array): string | null {
  const image = PNG.sync.read(Buffer.from(png));
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data ?? null;
}

/** The number of pages of a PDF (its page objects). */
const pageCount = (pdf: Uint8Array) => Buffer.from(pdf).toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;

describe('the printable receipt', () => {
  const server = useTestServer({ settings: { logoUrl: 'https://example.org/logo.png' } });
  let citizen: TestCitizen;
  let request: CitizenRequest;
  let browser: Browser;

  before(async () => {
    citizen = await server().login();
    request = await citizen.client.submitRequest({ fullName: 'سارا احمدی', subject: 'درخواست <گواهی> اشتغال', unitId: server().unitId, body: file(pdfBytes('receipt'), 'letter.pdf') });
    browser = await puppeteer.launch({ executablePath: chromium, args: ['--no-sandbox', '--disable-gpu'] });
  });
  after(async () => browser?.close());

  it('should give the citizen a 15-minute link to a page with the org, the tracking code, the date, the unit, the subject and the name', async () => {
    const now = server().clock.now().getTime();
    const link = await citizen.client.receiptLink(request.id, 'fa');
    assert.ok(Math.abs(Date.parse(link.expiresAt) - now - 15 * 60_000) < 2000);
    const answer = await fetch(link.url);
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(answer.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'sha256-/);
    assert.equal(answer.headers.get('cache-control'), 'private, no-store');
    const page = await answer.text();
    const persian = request.trackingCode.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    assert.ok(page.includes(`data-tracking-code>${persian}<`));
    assert.ok(page.includes('سازمان test-org'));
    assert.ok(page.includes('<img src="https://example.org/logo.png" alt="">'));
    assert.ok(page.includes('سارا احمدی'));
    assert.ok(page.includes('درخواست &#60;گواهی&#62; اشتغال'), 'the subject, escaped');
    assert.ok(page.includes(request.unit.name.fa));
    assert.ok(page.includes('<svg role="img" aria-label="QR"'));
    assert.ok(page.includes(new Intl.DateTimeFormat('fa-IR', { dateStyle: 'long', timeZone: 'Asia/Tehran' }).format(new Date(request.createdAt))));
    const english = await (await fetch((await citizen.client.receiptLink(request.id, 'en')).url)).text();
    assert.ok(english.includes(`data-tracking-code>${request.trackingCode}<`) && english.includes('Request receipt'));
  });

  it("should give no link to another citizen's request, nor open with a changed or ended link", async () => {
    const other = await server().login();
    await rejectsWith(other.client.receiptLink(request.id), 'request_not_found', 404);
    const { url } = await citizen.client.receiptLink(request.id, 'en');
    const otherCitizen = await other.client.submitRequest({ fullName: 'Ali', subject: 'Mine', unitId: server().unitId, body: file(pdfBytes('other'), 'o.pdf') });
    const changed = [
      url.replace(/sig=([\w-])/, (_m, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`),
      url.replace(/exp=(\d+)/, (_m, exp: string) => `exp=${Number(exp) + 3600}`),
      url.replace(request.id, otherCitizen.id),
    ];
    for (const link of changed) {
      const answer = await fetch(link);
      assert.equal(answer.status, 403, link);
      const page = await answer.text();
      assert.ok(page.includes('This link no longer works.') && !page.includes(request.trackingCode));
    }
    server().clock.advance(15 * 60_000 + 1000);
    assert.equal((await fetch(url)).status, 403);
  });

  it('should print on A5 and A4 in black and white with a QR code that verifies, and a changed one that does not', async () => {
    const { url } = await citizen.client.receiptLink(request.id, 'fa');
    const page = await browser.newPage();
    try {
      await page.goto(url);
      await page.emulateMediaType('print');
      // A black-and-white printer: the page in grey, scanned back.
      await page.evaluate(() => (document.documentElement.style.filter = 'grayscale(1)'));
      // Scanned at about 300 dpi, as an office scanner or a phone camera close up would.
      await page.setViewport({ width: 560, height: 800, deviceScaleFactor: 3 });
      const scanned = readQr(await page.screenshot({ fullPage: true }));
      assert.equal(scanned, request.receiptUrl);
      assert.deepEqual(await verifyReceipt(scanned!), { ...(await verifyReceipt(request.receiptUrl)), genuine: true });
      const changed = scanned!.replace(/.$/, (last) => (last === 'A' ? 'B' : 'A'));
      assert.deepEqual(await verifyReceipt(changed), { genuine: false });
      // The print button left out of the print, and one page on A5 and on A4.
      assert.equal(await page.$eval('#print', (button) => getComputedStyle(button).display), 'none');
      for (const format of ['A5', 'A4'] as const) assert.equal(pageCount(await page.pdf({ format })), 1, format);
    } finally {
      await page.close();
    }
  });
});
