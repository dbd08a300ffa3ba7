import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { verifyReceipt, type CitizenRequest } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { type TestCitizen, useTestServer } from '../test-support/test-server.js';

/** Every one-character change of the tracking code and of the signature in a receipt link. */
function tamperings(link: string): string[] {
  const url = new URL(link);
  const code = url.pathname.split('/').pop() ?? '';
  const sig = url.searchParams.get('sig') ?? '';
  const other = (char: string) => (/\d/.test(char) ? String((Number(char) + 1) % 10) : char === 'A' ? 'B' : 'A');
  const links: string[] = [];
  for (let index = 0; index < code.length; index++) {
    const changed = new URL(link);
    changed.pathname = url.pathname.replace(/[^/]+$/, code.slice(0, index) + other(code[index]!) + code.slice(index + 1));
    links.push(changed.href);
  }
  for (let index = 0; index < sig.length; index++) {
    const changed = new URL(link);
    changed.searchParams.set('sig', sig.slice(0, index) + other(sig[index]!) + sig.slice(index + 1));
    links.push(changed.href);
  }
  return links;
}

describe('receipts anyone can verify', () => {
  const server = useTestServer();
  let citizen: TestCitizen;
  let request: CitizenRequest;

  before(async () => {
    citizen = await server().login();
    request = await citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'A private matter', unitId: server().unitId, body: file(pdfBytes('receipt'), 'letter.pdf') });
  });

  it('should give every citizen answer an absolute, signed receipt link to this service', async () => {
    const url = new URL(request.receiptUrl);
    assert.equal(url.origin, new URL(server().baseUrl).origin);
    assert.equal(url.pathname, `/v1/orgs/test-org/receipts/${request.trackingCode}`);
    assert.match(url.searchParams.get('sig') ?? '', /^[\w-]{22}$/);
    assert.equal((await citizen.client.getRequest(request.id)).receiptUrl, request.receiptUrl);
    assert.equal((await citizen.client.listRequests()).items.find((item) => item.id === request.id)?.receiptUrl, request.receiptUrl);
  });

  it('should say a receipt is genuine with its date, unit and status only', async () => {
    const result = await verifyReceipt(request.receiptUrl);
    assert.deepEqual(result, {
      genuine: true,
      trackingCode: request.trackingCode,
      org: { id: 'test-org', name: { fa: 'سازمان test-org', en: 'Org test-org' } },
      submittedAt: request.createdAt,
      unit: request.unit,
      status: 'under_review',
      updatedAt: request.updatedAt,
    });
  });

  it('should follow the current status', async () => {
    const staff = await server().staff();
    await staff.reject(request.id, { reason: 'Not signed' });
    const result = await verifyReceipt(request.receiptUrl);
    assert.equal(result.genuine && result.status, 'rejected');
  });

  it('should answer not genuine to any change of one character, and to another org', async () => {
    for (const link of tamperings(request.receiptUrl)) {
      assert.deepEqual(await verifyReceipt(link), { genuine: false }, link);
    }
    await server().createOrg('other-org');
    assert.deepEqual(await verifyReceipt(request.receiptUrl.replace('/orgs/test-org/', '/orgs/other-org/')), { genuine: false });
    assert.deepEqual(await verifyReceipt(request.receiptUrl.replace(/sig=.*$/, 'sig=')), { genuine: false });
    const unsigned = await fetch(request.receiptUrl.replace(/\?.*$/, ''), { headers: { accept: 'application/json' } });
    assert.deepEqual(await unsigned.json(), { genuine: false });
  });

  it('should show a Persian page, right to left with Persian digits and a Jalali date, naming no one', async () => {
    const response = await fetch(request.receiptUrl, { headers: { 'accept-language': 'fa-IR,fa;q=0.9,en;q=0.5' } });
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'; style-src 'sha256-/);
    const page = await response.text();
    assert.match(page, /<html lang="fa" dir="rtl">/);
    assert.ok(page.includes('این رسید معتبر است'));
    const persian = request.trackingCode.replace(/\d/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));
    assert.ok(page.includes(persian), page);
    assert.match(page, /۱۴[۰-۹]{2}/);
    assert.ok(!page.includes('Sara Ahmadi') && !page.includes('A private matter') && !page.includes('letter.pdf'));
  });

  it('should show an English page when asked, and a not-genuine page for a changed link', async () => {
    const english = await (await fetch(`${request.receiptUrl}&lang=en`)).text();
    assert.match(english, /<html lang="en" dir="ltr">/);
    assert.ok(english.includes('This receipt is genuine.') && english.includes(request.trackingCode));
    const forged = await (await fetch(`${tamperings(request.receiptUrl)[0]}&lang=en`)).text();
    assert.ok(forged.includes('This receipt is not genuine.'), forged);
    assert.ok(!forged.includes('Org test-org'));
  });
});

describe('receipt checks from one address', () => {
  const server = useTestServer({ configure: (config) => (config.addressLimits = { ...config.addressLimits, keyFailures: 3 }) });

  it('should be bounded: past the wrong signatures an address may present, 429 rate_limited', async () => {
    const link = (sig: string) => `${server().baseUrl}/v1/orgs/test-org/receipts/1234567890?sig=${sig}`;
    for (let tries = 0; tries < 3; tries++) assert.deepEqual(await verifyReceipt(link(`wrong-${tries}`)), { genuine: false });
    const limited = await rejectsWith(verifyReceipt(link('wrong')), 'rate_limited', 429);
    assert.ok(Number(limited.details['retryAfter']) > 0);
  });
});

describe('the org logo', () => {
  const server = useTestServer();

  it('should be an https or small data: image URL in the settings, shown in the public profile', async () => {
    const staff = await server().staff();
    const logo = 'data:image/png;base64,iVBORw0KGgo=';
    await staff.updateSettings({ logoUrl: logo });
    assert.equal((await server().citizenClient().getOrg()).logoUrl, logo);
    await staff.updateSettings({ logoUrl: 'https://example.org/logo.png' });
    assert.equal((await server().citizenClient().getOrg()).logoUrl, 'https://example.org/logo.png');
    await rejectsWith(staff.updateSettings({ logoUrl: 'http://example.org/logo.png' }), 'invalid_input', 400);
    await rejectsWith(staff.updateSettings({ logoUrl: 'data:image/svg+xml;base64,PHN2Zz4=' }), 'invalid_input', 400);
    await rejectsWith(staff.updateSettings({ logoUrl: `data:image/png;base64,${'A'.repeat(70_000)}` }), 'invalid_input', 400);
    await staff.updateSettings({ logoUrl: null });
    assert.equal((await server().citizenClient().getOrg()).logoUrl, null);
  });
});
