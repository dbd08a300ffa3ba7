import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { e164, type TestCitizen, type TestStaff, useTestServer } from '../test-support/test-server.js';

describe('previewing an action', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' } });
  let registrar: TestStaff;
  let handler: TestStaff;
  let citizen: TestCitizen;
  const submit = (subject: string) =>
    citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject, unitId: server().unitId, body: file(pdfBytes(subject), 'a.pdf') });

  before(async () => {
    const admin = await server().staffMember({ role: 'admin' });
    const unit = await admin.client.addUnit({ name: { fa: 'واحد شکایات', en: 'Complaints' } });
    registrar = await server().staffMember({ role: 'registrar' });
    handler = await server().staffMember({ role: 'handler', unitIds: [unit.id] });
    citizen = await server().login();
  });

  it('should propose the next number without taking it, and show the SMS the approval sends', async () => {
    const request = await submit('Preview approval');
    const sent = (await server().readSms(e164(citizen.phone))).length;
    const first = await registrar.client.preview(request.id, { action: 'approve' });
    const again = await registrar.client.preview(request.id, { action: 'approve' });
    assert.match(first.letterNumber ?? '', /^1\/14\d\d$/);
    assert.equal(again.letterNumber, first.letterNumber);
    assert.ok(first.sms.text.includes(first.letterNumber!) && first.sms.text.includes(request.trackingCode), first.sms.text);
    assert.deepEqual([first.sms.encoding, first.sms.parts], ['gsm7', 1]);
    // Nothing changed, nothing sent.
    assert.equal((await registrar.client.getRequest(request.id)).version, 1);
    assert.equal((await server().readSms(e164(citizen.phone))).length, sent);
    const approved = await registrar.client.approve(request.id, { version: 1 });
    assert.equal(approved.letterNumber, first.letterNumber);
    const typed = await registrar.client.preview((await submit('Typed')).id, { action: 'approve', letterNumber: 'A-77' });
    assert.equal(typed.letterNumber, 'A-77');
  });

  it('should show the reason, the message and the reply as the citizen will read them', async () => {
    const request = await submit('Preview texts');
    const rejection = await registrar.client.preview(request.id, { action: 'reject', text: 'The file is unreadable' });
    assert.equal(rejection.text, 'The file is unreadable');
    assert.ok(rejection.sms.text.includes('The file is unreadable'), rejection.sms.text);
    const documents = await registrar.client.preview(request.id, { action: 'documents', text: 'A copy of your ID card' });
    assert.ok(documents.sms.text.includes('A copy of your ID card'));
    const reply = await registrar.client.preview(request.id, { action: 'reply', text: 'Your permit is ready' });
    assert.equal(reply.text, 'Your permit is ready');
    assert.equal(reply.letterNumber, null);
  });

  it('should keep previews to the roles and units of the actions', async () => {
    const request = await submit('Preview scope');
    await rejectsWith(handler.client.preview(request.id, { action: 'approve' }), 'forbidden', 403);
    await rejectsWith(handler.client.preview(request.id, { action: 'documents', text: 'More' }), 'request_not_found', 404);
    await rejectsWith(registrar.client.preview(request.id, { action: 'weird' as 'approve' }), 'invalid_input', 400);
  });
});
