import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { file, pdfBytes } from '../test-support/files.js';
import { allowLoopbackWebhooks, e164, type TestCitizen, type TestStaff, useTestServer } from '../test-support/test-server.js';

/** Collects every webhook delivery's body. */
async function webhookReceiver(): Promise<{ url: string; bodies: string[]; close(): void }> {
  const bodies: string[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      bodies.push(body);
      response.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies, close: () => server.close() };
}

describe('internal notes stay inside the organization', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' }, configure: allowLoopbackWebhooks });
  let registrar: TestStaff;
  let handler: TestStaff;
  let citizen: TestCitizen;
  let receiver: Awaited<ReturnType<typeof webhookReceiver>>;
  let unitId: string;

  before(async () => {
    const admin = await server().staffMember({ role: 'admin' });
    unitId = (await admin.client.addUnit({ name: { fa: 'واحد شکایات', en: 'Complaints' } })).id;
    registrar = await server().staffMember({ role: 'registrar' });
    handler = await server().staffMember({ role: 'handler', unitIds: [unitId] });
    citizen = await server().login();
    receiver = await webhookReceiver();
    await admin.client.createWebhook({ url: receiver.url });
  });
  after(() => receiver.close());

  it('should keep every note out of citizen routes, SMS and webhook payloads through a whole story', async () => {
    const secrets = ['SECRET-note-one', 'SECRET-referral-note', 'SECRET-return-note', 'SECRET-handler-note', 'SECRET-reject-note'];
    const first = await citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Parking permit', unitId: server().unitId, body: file(pdfBytes('a'), 'a.pdf') });
    const second = await citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Noise', unitId: server().unitId, body: file(pdfBytes('b'), 'b.pdf') });

    await registrar.client.addNote(first.id, secrets[0]!);
    await registrar.client.refer(first.id, { unitId, note: secrets[1]! });
    await handler.client.returnToSecretariat(first.id, { note: secrets[2]! });
    await registrar.client.refer(first.id, { unitId });
    await handler.client.addNote(first.id, secrets[3]!);
    await handler.client.requestDocuments(first.id, { message: 'Your ID card, please' });
    await citizen.client.submitSupplement(first.id, { text: 'Attached', file: file(pdfBytes('id'), 'id.pdf') });
    await registrar.client.approve(first.id);
    await handler.client.reply(first.id, { text: 'Permit granted' });
    await registrar.client.addNote(second.id, secrets[4]!);
    await registrar.client.reject(second.id, { reason: 'Outside our remit' });

    // Webhooks are delivered by the outbox; wait for the last one (the reply) to arrive.
    for (let tries = 0; tries < 100 && !receiver.bodies.some((body) => body.includes('request.replied')); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.ok(receiver.bodies.some((body) => body.includes('request.referred')), 'referral webhook delivered');
    assert.ok(receiver.bodies.some((body) => body.includes('request.replied')), 'reply webhook delivered');

    const citizenViews = [
      await citizen.client.getRequest(first.id),
      await citizen.client.getRequest(second.id),
      await citizen.client.listRequests(),
      await citizen.client.findByTrackingCode(first.trackingCode),
    ];
    const sms = await server().readSms(e164(citizen.phone));
    assert.ok(sms.length >= 5, `SMS sent: ${sms.length}`);
    const everythingOutside = [JSON.stringify(citizenViews), JSON.stringify(sms), ...receiver.bodies].join('\n');
    for (const secret of secrets) assert.ok(!everythingOutside.includes(secret), `${secret} leaked`);
    // The citizen does see what was meant for them.
    for (const meant of ['Your ID card, please', 'Outside our remit', 'Permit granted']) assert.ok(everythingOutside.includes(meant), meant);

    // Staff see every note, with its author.
    const notes = [...(await registrar.client.listNotes(first.id)), ...(await registrar.client.listNotes(second.id))].map((note) => note.text);
    assert.deepEqual(notes.sort(), [...secrets].sort());
  });
});
