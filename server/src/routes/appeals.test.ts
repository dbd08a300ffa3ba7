import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isApiError, type StaffClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pngBytes } from '../test-support/files.js';
import { allowLoopbackWebhooks, type TestCitizen, useTestServer } from '../test-support/test-server.js';
import { WebhookReceiver, waitUntil } from '../test-support/webhook-receiver.js';

describe('appealing a rejection', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' }, configure: allowLoopbackWebhooks });
  const receiver = new WebhookReceiver();
  after(() => receiver.close());
  let citizen: TestCitizen;
  let staff: StaffClient;
  const rejected = async (subject: string) => {
    const request = await citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject, unitId: server().unitId, body: file(pdfBytes(subject), 'letter.pdf') });
    await staff.reject(request.id, { reason: 'Not signed' });
    return request;
  };

  before(async () => {
    citizen = await server().login();
    staff = await server().staff();
    await receiver.start();
    await staff.createWebhook({ url: receiver.url('/appeals'), events: ['request.appealed'] });
  });

  it('should send a rejected request back to the secretariat marked as an appeal, once', async () => {
    const request = await rejected('Street light');
    const appealed = await citizen.client.submitAppeal(request.id, { text: 'It is signed on page two', file: file(pngBytes(), 'page-two.png') });
    assert.equal(appealed.status, 'under_review');
    assert.equal(appealed.appealRounds, 1);
    assert.ok(appealed.appealedAt);
    assert.equal(appealed.rejectionReason, null);
    assert.equal(appealed.receiptUrl, request.receiptUrl);

    const detail = await citizen.client.getRequest(request.id);
    assert.deepEqual(detail.events.map((event) => [event.type, event.by]), [['submitted', 'citizen'], ['rejected', 'organization'], ['appealed', 'citizen']]);
    const step = detail.events[2];
    assert.equal(step?.note, 'It is signed on page two');
    assert.equal(step?.file?.role, 'appeal');
    assert.equal(step?.file?.name, 'page-two.png');
    const download = await citizen.client.downloadFile(request.id, step?.file?.id ?? '');
    assert.equal(download.type, 'image/png');

    const seen = await staff.getRequest(request.id);
    assert.equal(seen.appealRounds, 1);
    assert.equal(seen.currentUnit, null);
    assert.equal(seen.events.at(-1)?.type, 'appealed');
    assert.ok((await staff.listRequests({ status: 'under_review' })).items.some((item) => item.id === request.id && item.appealRounds === 1));
    const audit = await staff.getAudit(request.id);
    assert.deepEqual(audit.at(-1) && [audit.at(-1)?.action, audit.at(-1)?.actor.type, audit.at(-1)?.fromStatus, audit.at(-1)?.toStatus], ['request.appealed', 'citizen', 'rejected', 'under_review']);

    await waitUntil(() => receiver.received.some((delivery) => delivery.path === '/appeals'));
    const event = JSON.parse(receiver.received.find((delivery) => delivery.path === '/appeals')!.body) as { type: string; data: { requestId: string; status: string } };
    assert.deepEqual([event.type, event.data.requestId, event.data.status], ['request.appealed', request.id, 'under_review']);

    await staff.reject(request.id, { reason: 'Still not signed' });
    const again = await rejectsWith(citizen.client.submitAppeal(request.id, { text: 'Please look again' }), 'appeal_not_allowed', 409);
    assert.equal(again.details['reason'], 'rounds_used');
  });

  it('should take an appeal without a file, and answer a retry with the same key as the first time', async () => {
    const request = await rejected('Permit');
    const first = await citizen.client.submitAppeal(request.id, { text: 'Wrong unit decided' }, { idempotencyKey: 'appeal-1' });
    const retry = await citizen.client.submitAppeal(request.id, { text: 'Wrong unit decided' }, { idempotencyKey: 'appeal-1' });
    assert.deepEqual(retry, first);
    assert.equal((await citizen.client.getRequest(request.id)).events.at(-1)?.file, null);
  });

  it('should take one appeal for five retries of one key sent at once, each answered with it', async () => {
    const request = await rejected('Burst');
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => citizen.client.submitAppeal(request.id, { text: 'Sent from a flaky line' }, { idempotencyKey: 'appeal-burst' })),
    );
    assert.deepEqual(new Set(answers.map((answer) => JSON.stringify(answer))).size, 1);
    assert.equal(answers[0]?.appealRounds, 1);
    const detail = await citizen.client.getRequest(request.id);
    assert.equal(detail.events.filter((event) => event.type === 'appealed').length, 1);
  });

  it('should refuse an appeal of a request that is not rejected, or with no text', async () => {
    const request = await citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Open', unitId: server().unitId, body: file(pdfBytes('open'), 'letter.pdf') });
    const open = await rejectsWith(citizen.client.submitAppeal(request.id, { text: 'Why?' }), 'appeal_not_allowed', 409);
    assert.equal(open.details['reason'], 'not_rejected');
    const decided = await rejected('Empty text');
    try {
      await citizen.client.submitAppeal(decided.id, { text: '' });
      assert.fail('an empty appeal was taken');
    } catch (error) {
      assert.ok(isApiError(error) && error.status === 400, String(error));
    }
    await rejectsWith(citizen.client.submitAppeal(decided.id, { text: '   ' }), 'field_required', 400);
    assert.equal((await citizen.client.getRequest(decided.id)).status, 'rejected');
    const other = await server().login();
    await rejectsWith(other.client.submitAppeal(decided.id, { text: 'Not mine' }), 'request_not_found', 404);
  });

  it('should close the window the org set after the rejection, and take none when appeals are off', async () => {
    await staff.updateSettings({ appeals: { days: 10 } });
    assert.deepEqual((await server().citizenClient().getOrg()).appeals, { rounds: 1, days: 10 });
    const late = await rejected('Late');
    server().clock.advance(11 * 24 * 60 * 60 * 1000);
    // Sessions do not last eleven days: the citizen comes back and logs in.
    citizen = await server().login({ phone: citizen.phone });
    const closed = await rejectsWith(citizen.client.submitAppeal(late.id, { text: 'Sorry I am late' }), 'appeal_window_closed', 409);
    assert.equal(closed.details['days'], 10);
    await staff.updateSettings({ appeals: { rounds: 0 } });
    const off = await rejected('Off');
    const refused = await rejectsWith(citizen.client.submitAppeal(off.id, { text: 'Please' }), 'appeal_not_allowed', 409);
    assert.equal(refused.details['reason'], 'appeals_off');
  });
});
