import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { createHmac } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { before, describe, it } from 'node:test';
import { StaffClient, type StaffRequest } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pngBytes } from '../test-support/files.js';
import { allowLoopbackWebhooks, e164, type TestCitizen, useTestServer } from '../test-support/test-server.js';

describe('the staff API', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' }, configure: allowLoopbackWebhooks });
  let staff: StaffClient;
  let citizen: TestCitizen;
  const submit = (subject = 'Permit') =>
    citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject, unitId: server().unitId, body: file(pdfBytes(subject), 'a.pdf') });

  before(async () => {
    staff = await server().staff();
    citizen = await server().login();
  });

  it('should list, filter and read requests with the citizen phone', async () => {
    const request = await submit('Water bill');
    const page = await staff.listRequests({ status: 'under_review' });
    assert.ok(page.items.some((item) => item.id === request.id));
    assert.equal((await staff.listRequests({ q: 'water' })).items[0]?.id, request.id);
    // Wildcards are literal: "water%_" is not in the subject.
    assert.equal((await staff.listRequests({ q: 'WATER%_' })).items.length, 0);
    assert.equal((await staff.listRequests({ q: request.trackingCode })).items[0]?.id, request.id);
    assert.equal((await staff.listRequests({ status: 'approved' })).items.length, 0);
    assert.equal((await staff.listRequests({ from: '2999-01-01' })).items.length, 0);
    const detail = await staff.getRequest(request.id);
    assert.equal(detail.citizenPhone, e164(citizen.phone));
    const download = await staff.downloadFile(request.id, request.bodyFile.id);
    assert.equal(download.type, 'application/pdf');
    await rejectsWith(staff.listRequests({ status: 'weird' as StaffRequest['status'] }), 'invalid_input', 400);
  });

  it('should list each request with its own timeline, as reading it alone shows', async () => {
    const plain = await submit('Timeline plain');
    const supplied = await submit('Timeline supplied');
    await staff.requestDocuments(supplied.id, { message: 'Your ID card, please' });
    await citizen.client.submitSupplement(supplied.id, { text: 'Here it is', file: file(pngBytes(), 'id-card.png') });
    const rejected = await submit('Timeline rejected');
    await staff.reject(rejected.id, { reason: 'Out of scope' });
    const page = await staff.listRequests({ q: 'timeline' });
    assert.deepEqual(page.items.map((item) => item.id), [rejected.id, supplied.id, plain.id]);
    for (const item of page.items) assert.deepEqual(item.events, (await staff.getRequest(item.id)).events);
    assert.deepEqual(
      page.items.map((item) => item.events.map((event) => event.type)),
      [['submitted', 'rejected'], ['submitted', 'documents_requested', 'supplemented'], ['submitted']],
    );
    assert.equal(page.items[1]?.events[2]?.file?.name, 'id-card.png');
  });

  it('should approve with an automatic letter number and text the citizen', async () => {
    const request = await submit();
    const approved = await staff.approve(request.id);
    assert.equal(approved.status, 'approved');
    // The default pattern is {seq}/{year}, the year Jalali.
    assert.match(approved.letterNumber ?? '', /^\d+\/14\d\d$/);
    assert.ok(approved.letterDate);
    assert.deepEqual(approved.events.map((event) => event.type), ['submitted', 'approved']);
    const sms = (await server().readSms(e164(citizen.phone)))[0];
    assert.ok(sms?.text.includes(request.trackingCode), sms?.text);
    assert.ok(sms?.text.includes(approved.letterNumber!), sms?.text);
    await rejectsWith(staff.approve(request.id), 'request_already_decided', 409);
    await rejectsWith(staff.reject(request.id, { reason: 'late' }), 'request_already_decided', 409);
    const seen = await citizen.client.getRequest(request.id);
    assert.equal(seen.status, 'approved');
    assert.equal(seen.letterNumber, approved.letterNumber);
  });

  it('should number letters in order and refuse a taken number', async () => {
    const one = await staff.approve((await submit()).id);
    const two = await staff.approve((await submit()).id);
    const seq = (number: string | null) => Number((number ?? '').split('/')[0]);
    assert.ok(seq(one.letterNumber) >= 1, String(one.letterNumber));
    assert.equal(seq(two.letterNumber), seq(one.letterNumber) + 1);
    const given = await staff.approve((await submit()).id, { letterNumber: '1405/77', letterDate: '2026-01-02T00:00:00.000Z' });
    assert.equal(given.letterNumber, '1405/77');
    assert.equal(given.letterDate, '2026-01-02T00:00:00.000Z');
    const next = await submit();
    await rejectsWith(staff.approve(next.id, { letterNumber: '1405/77' }), 'letter_number_taken', 409);
    assert.equal((await staff.getRequest(next.id)).status, 'under_review');
  });

  it('should reject with a reason and text the citizen', async () => {
    const request = await submit();
    await rejectsWith(staff.reject(request.id, { reason: '  ' }), 'field_required', 400);
    await rejectsWith(staff.reject(request.id, { reason: 'x'.repeat(1001) }), 'field_too_long', 400);
    const rejected = await staff.reject(request.id, { reason: 'Missing signature' });
    assert.equal(rejected.status, 'rejected');
    assert.equal(rejected.rejectionReason, 'Missing signature');
    assert.ok(rejected.rejectedAt);
    const sms = (await server().readSms(e164(citizen.phone)))[0];
    assert.ok(sms?.text.includes('Missing signature'), sms?.text);
    assert.ok(sms?.text.includes(request.trackingCode), sms?.text);
  });

  it('should attach a reply the citizen can read and download', async () => {
    const request = await submit();
    await rejectsWith(staff.reply(request.id, {}), 'field_required', 400);
    const replied = await staff.reply(request.id, { text: 'See the attached answer', file: file(pngBytes(), 'answer.png') });
    assert.equal(replied.reply?.text, 'See the attached answer');
    assert.equal(replied.reply?.file?.role, 'reply');
    const seen = await citizen.client.getRequest(request.id);
    assert.deepEqual(seen.events.map((event) => event.type), ['submitted', 'replied']);
    const listed = (await citizen.client.listRequests({ limit: 100 })).items.find((item) => item.id === request.id);
    assert.equal(listed?.reply?.file?.name, 'answer.png');
    assert.equal(listed?.unit.name.en, 'Secretariat');
    const download = await citizen.client.downloadFile(request.id, seen.reply!.file!.id);
    assert.equal(download.name, 'answer.png');
    await rejectsWith(staff.reply(request.id, { file: file(pdfBytes(), 'x.exe') }), 'file_type_not_allowed', 400);
  });

  it('should manage units and refuse to remove a used one', async () => {
    const unit = await staff.addUnit({ name: { fa: 'واحد تازه', en: 'New Unit' } });
    assert.equal((await staff.updateUnit(unit.id, { name: { fa: 'واحد', en: 'Renamed' } })).name.en, 'Renamed');
    assert.ok((await staff.listUnits()).some((item) => item.id === unit.id));
    await staff.removeUnit(unit.id);
    assert.ok(!(await staff.listUnits()).some((item) => item.id === unit.id));
    await rejectsWith(staff.removeUnit(server().unitId), 'unit_in_use', 409);
    await rejectsWith(staff.addUnit({ name: { fa: '', en: 'x' } }), 'field_required', 400);
  });

  it('should read and change org settings', async () => {
    const org = await staff.getOrg();
    assert.equal(org.settings.rules.maxFileBytes, 1_048_576);
    const changed = await staff.updateSettings({ rules: { maxFileBytes: 2048 }, allowedOrigins: ['https://city.example'] });
    assert.equal(changed.settings.rules.maxFileBytes, 2048);
    assert.equal(changed.settings.rules.maxSubjectLength, 200);
    assert.equal((await server().citizenClient().getOrg()).rules.maxFileBytes, 2048);
    await rejectsWith(staff.updateSettings({ otp: { ttlSeconds: 601 } }), 'invalid_input', 400);
    await staff.updateSettings({ rules: { maxFileBytes: 1_048_576 } });
  });

  it('should deliver signed webhooks', async () => {
    const received: { body: string; id: string; timestamp: string; signature: string }[] = [];
    const hookServer: Server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        const header = (name: string) => String(request.headers[name]);
        received.push({ body, id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => hookServer.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
      const hook = await staff.createWebhook({ url, events: ['request.submitted'] });
      assert.match(hook.secret, /^whsec_/);
      assert.equal((await staff.listWebhooks()).length, 1);
      const request = await submit('Hooked');
      for (let i = 0; i < 60 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal(received.length, 1);
      const delivery = received[0]!;
      const key = Buffer.from(hook.secret.slice('whsec_'.length), 'base64');
      const signed = `${delivery.id}.${delivery.timestamp}.${delivery.body}`;
      assert.equal(delivery.signature, `v1,${createHmac('sha256', key).update(signed).digest('base64')}`);
      const payload = JSON.parse(delivery.body) as { id: string; type: string; data: { id: string } };
      assert.equal(delivery.id, payload.id);
      assert.equal(payload.type, 'request.submitted');
      assert.equal(payload.data.id, request.id);
      await staff.removeWebhook(hook.id);
      assert.equal((await staff.listWebhooks()).length, 0);
      await rejectsWith(staff.createWebhook({ url: 'ftp://x' }), 'invalid_input', 400);
    } finally {
      hookServer.close();
    }
  });

  it('should refuse keys of another org, revoked keys and no key, without data', async () => {
    await server().createOrg('org-b');
    const request = await submit();
    const anonymous = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', apiKey: '' });
    await rejectsWith(anonymous.listRequests(), 'unauthorized', 401);
    const { key, id } = await server().admin.createApiKey('org-b');
    const bAtA = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', apiKey: key });
    await rejectsWith(bAtA.listRequests(), 'unauthorized', 401);
    await rejectsWith(bAtA.getRequest(request.id), 'unauthorized', 401);
    const bAtB = new StaffClient({ baseUrl: server().baseUrl, org: 'org-b', apiKey: key });
    await rejectsWith(bAtB.getRequest(request.id), 'request_not_found', 404);
    assert.equal((await bAtB.listRequests()).items.length, 0);
    await server().admin.revokeApiKey('org-b', id);
    await rejectsWith(bAtB.listRequests(), 'unauthorized', 401);
  });
});
