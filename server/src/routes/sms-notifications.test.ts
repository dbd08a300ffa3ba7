import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solveChallenge } from '@citizen-counter/sdk';
import { file, pdfBytes } from '../test-support/files.js';
import { e164, type TestCitizen, uniquePhone, useTestServer } from '../test-support/test-server.js';

describe('SMS that keep citizens informed', () => {
  const server = useTestServer({ settings: { notifications: { submitted: true } }, configure: (config) => (config.publicUrl = 'https://counter.example.ir') });
  const submit = (citizen: TestCitizen) =>
    citizen.client.submitRequest({ fullName: 'سارا احمدی', subject: 'چراغ خیابان', unitId: server().unitId, body: file(pdfBytes('sms'), 'letter.pdf') });
  const texts = async (citizen: TestCitizen) => (await server().readSms(e164(citizen.phone))).map((sms) => sms.text);
  /** The texts once the newest one includes `part`: a submission's SMS leaves through the outbox after the answer. */
  const textsOnce = async (citizen: TestCitizen, part: string) => {
    for (let tries = 0; tries < 100; tries++) {
      const found = await texts(citizen);
      if (found[0]?.includes(part)) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return texts(citizen);
  };

  it('should end a login code with the WebOTP line of PUBLIC_URL', async () => {
    const citizen = await server().login();
    const [code] = await texts(citizen);
    const lines = code?.split('\n') ?? [];
    assert.match(lines.at(-1) ?? '', /^@counter\.example\.ir #\d{6}$/);
    assert.equal(lines.at(-1)?.slice(-6), /(\d{6})/.exec(lines[0] ?? '')?.[1]);
  });

  it('should count the WebOTP line in the parts the desk shows for a login code', async () => {
    const texts = await (await server().staff()).listSmsTexts();
    const code = texts.find((text) => text.kind === 'otp' && text.locale === 'fa');
    assert.match(code?.example ?? '', /\n@counter\.example\.ir #\d{6}$/);
    assert.equal(code?.parts, 1, code?.example);
    assert.ok(!texts.find((text) => text.kind === 'replied' && text.locale === 'fa')?.example.includes('@'));
  });

  it("should name the host site's page in the WebOTP line when the widget there asks", async () => {
    const staff = await server().staff();
    await staff.updateSettings({ allowedOrigins: ['https://www.city.example'] });
    const phone = uniquePhone();
    const challenge = await server().citizenClient().createChallenge();
    assert.equal(challenge.kind, 'pow');
    const solution = challenge.kind === 'pow' ? await solveChallenge(challenge) : { id: '', answer: '' };
    const response = await fetch(`${server().baseUrl}/v1/orgs/test-org/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'https://www.city.example' },
      body: JSON.stringify({ phone, challenge: solution }),
    });
    assert.equal(response.status, 202);
    // The outbox worker may have taken the message first: wait until it is in the inbox.
    await server().latestCode(e164(phone));
    const [sms] = await server().readSms(e164(phone));
    assert.match(sms?.text.split('\n').at(-1) ?? '', /^@www\.city\.example #\d{6}$/);
  });

  it("should send the org's own submission text when it set one, and the built-in one again once reset", async () => {
    const staff = await server().staff();
    await staff.setSmsText('submitted', 'fa', 'نامه شما رسید. رهگیری {trackingCode}');
    const citizen = await server().login();
    const request = await submit(citizen);
    const [own] = await textsOnce(citizen, request.trackingCode);
    assert.equal(own, `نامه شما رسید. رهگیری ${request.trackingCode}`);
    await staff.resetSmsText('submitted', 'fa');
    const again = await submit(citizen);
    const [builtIn] = await textsOnce(citizen, again.trackingCode);
    assert.ok(builtIn?.includes('ثبت شد'), builtIn);
  });

  it('should send the tracking code on submission and say how to appeal a rejection', async () => {
    const citizen = await server().login();
    const request = await submit(citizen);
    const [submitted] = await textsOnce(citizen, request.trackingCode);
    assert.ok(submitted?.includes(request.trackingCode) && submitted.includes('ثبت شد'), submitted);
    await (await server().staff()).reject(request.id, { reason: 'امضا ندارد' });
    const [rejected] = await texts(citizen);
    assert.ok(rejected?.includes('امضا ندارد') && rejected.includes('اعتراض تا ۳۰ روز در پیشخوان'), rejected);
  });

  it('should send nothing an org turned off, and no appeal sentence when appeals are off', async () => {
    const staff = await server().staff();
    await staff.updateSettings({ notifications: { submitted: false, approved: false }, appeals: { rounds: 0 } });
    const citizen = await server().login();
    const before = await texts(citizen);
    const first = await submit(citizen);
    await staff.approve(first.id, {});
    assert.deepEqual(await texts(citizen), before);
    const second = await submit(citizen);
    await staff.reject(second.id, { reason: 'امضا ندارد' });
    // The rejection went after the submission would have: had that been sent, it would be here.
    const [rejected] = await textsOnce(citizen, second.trackingCode);
    assert.ok(rejected?.includes('امضا ندارد') && !rejected.includes('اعتراض'), rejected);
    assert.equal((await texts(citizen)).length, before.length + 1);
    await staff.updateSettings({ notifications: { submitted: true, approved: true }, appeals: { rounds: 1 } });
  });
});
