import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { isWebhookVerificationError, verifyWebhook, type StaffClient, type WebhookDelivery, type WebhookEvent } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { allowLoopbackWebhooks, useTestServer } from '../test-support/test-server.js';
import { WebhookReceiver, waitUntil } from '../test-support/webhook-receiver.js';

/** The README's receiver recipe, word for word but for where the secret and the events go. */
function recipeHandler(secret: () => string, handle: (event: WebhookEvent) => void) {
  return async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    try {
      const event = await verifyWebhook(secret(), request.headers, body);
      handle(event);
      response.writeHead(204).end();
    } catch (error) {
      response.writeHead(isWebhookVerificationError(error) ? 400 : 500).end();
    }
  };
}

async function refused(promise: Promise<unknown>, problem: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => isWebhookVerificationError(error) && error.problem === problem);
}

describe('webhook deliveries', () => {
  const server = useTestServer({ configure: allowLoopbackWebhooks });
  const receiver = new WebhookReceiver();
  let staff: StaffClient;
  const submit = async () => {
    const citizen = await server().login();
    return citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Permit', unitId: server().unitId, body: file(pdfBytes('x'), 'a.pdf') });
  };
  before(async () => {
    await receiver.start();
    staff = await server().staff();
  });
  after(() => receiver.close());

  it('should be signed so that verifyWebhook accepts them, and refuses a tampered body, a wrong secret and an old timestamp', async () => {
    const hook = await staff.createWebhook({ url: receiver.url('/verified'), events: ['request.submitted'] });
    const request = await submit();
    await waitUntil(() => receiver.received.some((delivery) => delivery.path === '/verified'));
    const { headers, body } = receiver.received.find((delivery) => delivery.path === '/verified')!;

    const event = await verifyWebhook(hook.secret, headers, body);
    assert.equal(event.type, 'request.submitted');
    assert.equal(event.id, headers['webhook-id']);
    assert.equal('id' in event.data ? event.data.id : null, request.id);
    assert.match(String(headers['webhook-signature']), /^v1,[A-Za-z0-9+/]+=*$/);
    assert.ok(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000) < 60);
    assert.equal(headers['x-citizen-counter-signature'], undefined);

    await refused(verifyWebhook(hook.secret, headers, body.replace('Sara', 'Sama')), 'invalid_signature');
    const other = await staff.createWebhook({ url: receiver.url('/other'), events: ['request.approved'] });
    await refused(verifyWebhook(other.secret, headers, body), 'invalid_signature');
    const sixMinutesLater = new Date(Number(headers['webhook-timestamp']) * 1000 + 6 * 60 * 1000);
    await refused(verifyWebhook(hook.secret, headers, body, { now: sixMinutesLater }), 'timestamp_out_of_window');
    await staff.removeWebhook(hook.id);
    await staff.removeWebhook(other.id);
  });

  it("should be accepted by the README's receiver, which answers 400 to a forged one", async () => {
    let secret = '';
    const events: WebhookEvent[] = [];
    const recipe: Server = createServer((request, response) => void recipeHandler(() => secret, (event) => events.push(event))(request, response));
    await new Promise<void>((resolve) => recipe.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(recipe.address() as AddressInfo).port}/hooks/citizen-counter`;
      const hook = await staff.createWebhook({ url, events: ['request.submitted'] });
      secret = hook.secret;
      await submit();
      let log: WebhookDelivery[] = [];
      await waitUntil(async () => (log = await staff.listWebhookDeliveries(hook.id)).length > 0);
      assert.equal(log[0]?.statusCode, 204);
      assert.equal(log[0]?.ok, true);
      assert.equal(events.length, 1);
      const forged = await fetch(url, {
        method: 'POST',
        headers: { 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' },
        body: '{}',
      });
      assert.equal(forged.status, 400);
      assert.equal(events.length, 1);
      await staff.removeWebhook(hook.id);
    } finally {
      recipe.close();
    }
  });

  it('should keep webhook-id across retries and show each attempt, newest first', async () => {
    const flaky = await new WebhookReceiver().start();
    try {
      flaky.answer = { status: 503 };
      const hook = await staff.createWebhook({ url: flaky.url('/flaky'), events: ['request.submitted'] });
      await submit();
      await waitUntil(async () => (await staff.listWebhookDeliveries(hook.id)).length === 1);
      flaky.answer = { status: 200 };
      server().clock.advance(60_000);
      let log: WebhookDelivery[] = [];
      await waitUntil(async () => (log = await staff.listWebhookDeliveries(hook.id)).length === 2);
      assert.deepEqual(log.map(({ attempt, ok, statusCode }) => ({ attempt, ok, statusCode })), [
        { attempt: 2, ok: true, statusCode: 200 },
        { attempt: 1, ok: false, statusCode: 503 },
      ]);
      assert.match(log[1]?.error ?? '', /503/);
      assert.equal(log[0]?.error, null);
      assert.equal(log[0]?.eventType, 'request.submitted');
      for (const attempt of log) assert.ok(attempt.durationMs >= 0 && attempt.durationMs < 10_000);
      assert.ok(Date.parse(log[0]!.attemptedAt) > Date.parse(log[1]!.attemptedAt));
      const ids = flaky.received.map((delivery) => delivery.headers['webhook-id']);
      assert.equal(ids.length, 2);
      assert.equal(ids[0], ids[1]);
      assert.equal(ids[0], log[0]?.eventId);
      assert.equal(log[1]?.eventId, log[0]?.eventId);

      await staff.removeWebhook(hook.id);
      await rejectsWith(staff.listWebhookDeliveries(hook.id), 'not_found', 404);
    } finally {
      flaky.close();
    }
  });

  it('should show the delivery log to admins only', async () => {
    const hook = await staff.createWebhook({ url: receiver.url('/admins') });
    const registrar = await server().staff('test-org', 'registrar');
    await rejectsWith(registrar.listWebhookDeliveries(hook.id), 'forbidden', 403);
    const other = await server().createOrg('other-org');
    const outsider = await server().staff(other.org.id);
    await rejectsWith(outsider.listWebhookDeliveries(hook.id), 'not_found', 404);
  });
});
