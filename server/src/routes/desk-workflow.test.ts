import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { StaffClient, StaffRequest } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pngBytes } from '../test-support/files.js';
import { e164, type TestCitizen, type TestStaff, useTestServer } from '../test-support/test-server.js';

describe('the desk workflow', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' } });
  let admin: TestStaff;
  let registrar: TestStaff;
  let handler: TestStaff;
  let citizen: TestCitizen;
  let complaints: string;
  let permits: string;
  const submit = (subject = 'Broken street light') =>
    citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject, unitId: server().unitId, body: file(pdfBytes(subject), 'letter.pdf') });

  before(async () => {
    admin = await server().staffMember({ role: 'admin', name: 'Maryam Rahimi' });
    complaints = (await admin.client.addUnit({ name: { fa: 'واحد شکایات', en: 'Complaints' } })).id;
    permits = (await admin.client.addUnit({ name: { fa: 'واحد مجوزها', en: 'Permits' } })).id;
    registrar = await server().staffMember({ role: 'registrar', name: 'Reza Karimi' });
    handler = await server().staffMember({ role: 'handler', name: 'Neda Hosseini', unitIds: [complaints] });
    citizen = await server().login();
  });

  it('should carry a request from referral through documents and a supplement to approval and a reply, naming every actor', async () => {
    const request = await submit();
    await rejectsWith(handler.client.getRequest(request.id), 'request_not_found', 404);

    const referred = await registrar.client.refer(request.id, { unitId: complaints, note: 'Check the invoice first', version: 1 });
    assert.equal(referred.currentUnit?.id, complaints);
    assert.equal(referred.version, 2);
    assert.ok((await handler.client.listRequests()).items.some((item) => item.id === request.id));
    assert.ok((await registrar.client.listRequests({ unitId: complaints })).items.some((item) => item.id === request.id));

    const waiting = await handler.client.requestDocuments(request.id, { message: 'A copy of your ID card', version: referred.version });
    assert.equal(waiting.status, 'needs_documents');
    assert.equal(waiting.supplementRounds, 1);
    const sms = (await server().readSms(e164(citizen.phone)))[0];
    assert.ok(sms?.text.includes('A copy of your ID card') && sms.text.includes(request.trackingCode), sms?.text);
    const asked = await citizen.client.getRequest(request.id);
    assert.equal(asked.status, 'needs_documents');
    assert.equal(asked.documentsRequest?.message, 'A copy of your ID card');

    const supplemented = await citizen.client.submitSupplement(request.id, { text: 'Here it is', file: file(pngBytes(), 'id-card.png') });
    assert.equal(supplemented.status, 'under_review');
    assert.equal(supplemented.documentsRequest, null);

    const current = await registrar.client.getRequest(request.id);
    const approved = await registrar.client.approve(request.id, { version: current.version });
    assert.equal(approved.status, 'approved');
    assert.match(approved.letterNumber ?? '', /^\d+\/14\d\d$/);

    const replied = await handler.client.reply(request.id, { text: 'The light is fixed.', file: file(pdfBytes('reply'), 'reply.pdf') });
    assert.equal(replied.reply?.text, 'The light is fixed.');
    assert.equal(replied.reply?.file?.name, 'reply.pdf');

    const audit = await registrar.client.getAudit(request.id);
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.actor.type === 'staff' ? entry.actor.name : entry.actor.type, entry.fromStatus, entry.toStatus]),
      [
        ['request.referred', 'Reza Karimi', 'under_review', 'under_review'],
        ['request.documents_requested', 'Neda Hosseini', 'under_review', 'needs_documents'],
        ['request.supplemented', 'citizen', 'needs_documents', 'under_review'],
        ['request.approved', 'Reza Karimi', 'under_review', 'approved'],
        ['request.replied', 'Neda Hosseini', 'approved', 'approved'],
      ],
    );
    // A citizen's step names no person.
    assert.deepEqual(audit[2]?.actor, { type: 'citizen', id: audit[2]?.actor.id, name: null, role: 'citizen' });
    assert.deepEqual(
      replied.events.map((event) => [event.type, event.actor.type, event.actor.name]),
      [
        ['submitted', 'citizen', null],
        ['referred', 'staff', 'Reza Karimi'],
        ['documents_requested', 'staff', 'Neda Hosseini'],
        ['supplemented', 'citizen', null],
        ['approved', 'staff', 'Reza Karimi'],
        ['replied', 'staff', 'Neda Hosseini'],
      ],
    );

    const seen = await citizen.client.getRequest(request.id);
    assert.deepEqual(
      seen.events.map((event) => [event.type, event.by]),
      [
        ['submitted', 'citizen'],
        ['referred', 'secretariat'],
        ['documents_requested', 'unit'],
        ['supplemented', 'citizen'],
        ['approved', 'secretariat'],
        ['replied', 'unit'],
      ],
    );
    assert.equal(seen.events[1]?.unit?.name.en, 'Complaints');
    assert.equal(seen.events[3]?.file?.name, 'id-card.png');
    assert.equal(seen.events[3]?.note, 'Here it is');
    assert.ok(!JSON.stringify(seen).includes('Check the invoice first'));
    assert.ok(!JSON.stringify(seen).includes('Neda') && !JSON.stringify(seen).includes('Reza'));
    assert.deepEqual((await registrar.client.listNotes(request.id)).map((note) => [note.text, note.author.name]), [['Check the invoice first', 'Reza Karimi']]);
  });

  it('should answer 404 to a handler on every request route outside their units, and 403 for decisions not theirs', async () => {
    const request = await submit('At the secretariat');
    const outside = handler.client;
    await rejectsWith(outside.getRequest(request.id), 'request_not_found', 404);
    await rejectsWith(outside.downloadFile(request.id, request.bodyFile.id), 'request_not_found', 404);
    await rejectsWith(outside.listNotes(request.id), 'request_not_found', 404);
    await rejectsWith(outside.addNote(request.id, 'hello'), 'request_not_found', 404);
    await rejectsWith(outside.getAudit(request.id), 'request_not_found', 404);
    await rejectsWith(outside.requestDocuments(request.id, { message: 'More' }), 'request_not_found', 404);
    await rejectsWith(outside.returnToSecretariat(request.id), 'request_not_found', 404);
    await rejectsWith(outside.reply(request.id, { text: 'No' }), 'request_not_found', 404);
    assert.ok(!(await outside.listRequests()).items.some((item) => item.id === request.id));
    assert.ok(!(await outside.listRequests({ q: 'At the secretariat' })).items.some((item) => item.id === request.id));

    // At their unit they work it, but approving, rejecting and referring stay the secretariat's.
    await registrar.client.refer(request.id, { unitId: complaints });
    await rejectsWith(outside.approve(request.id), 'forbidden', 403);
    await rejectsWith(outside.reject(request.id, { reason: 'No' }), 'forbidden', 403);
    await rejectsWith(outside.refer(request.id, { unitId: permits }), 'forbidden', 403);
    await outside.addNote(request.id, 'Ours after all?');
    const back = await outside.returnToSecretariat(request.id, { note: 'Not ours: permits' });
    assert.equal(back.currentUnit, null);
    await rejectsWith(outside.getRequest(request.id), 'request_not_found', 404);
    await rejectsWith(registrar.client.returnToSecretariat(request.id), 'request_already_at_secretariat', 409);
    await rejectsWith(registrar.client.refer(request.id, { unitId: 'nowhere' }), 'unit_not_found', 400);
    await rejectsWith(registrar.client.refer(request.id, { unitId: permits, assigneeId: handler.member.id }), 'staff_not_found', 400);
    const assigned = await registrar.client.refer(request.id, { unitId: complaints, assigneeId: handler.member.id });
    assert.equal(assigned.assignee?.name, 'Neda Hosseini');
  });

  it('should refuse a decision made on a stale version with 409 request_changed saying who acted', async () => {
    const request = await submit('Two clerks');
    const other = await server().staffMember({ role: 'registrar', name: 'Ali Moradi' });
    const read = await other.client.getRequest(request.id);
    await registrar.client.reject(request.id, { reason: 'Duplicate of an earlier request', version: read.version });
    const error = await rejectsWith(other.client.approve(request.id, { version: read.version }), 'request_changed', 409);
    const details = error.details as { version: number; status: string; last: { type: string; by: string } };
    assert.equal(details.status, 'rejected');
    assert.equal(details.version, read.version + 1);
    assert.deepEqual([details.last.type, details.last.by], ['rejected', 'Reza Karimi']);
    const unchanged = await other.client.getRequest(request.id);
    assert.equal(unchanged.status, 'rejected');
    assert.equal(unchanged.letterNumber, null);
  });

  it('should let only one of two simultaneous decisions on a request win', async () => {
    for (let round = 0; round < 5; round++) {
      const request = await submit(`Race ${round}`);
      const outcomes = await Promise.allSettled([
        registrar.client.approve(request.id, { version: 1 }),
        admin.client.reject(request.id, { reason: 'Too late', version: 1 }),
      ]);
      assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1, `round ${round}`);
      const loser = outcomes.find((outcome) => outcome.status === 'rejected');
      assert.equal((loser?.reason as { code?: string }).code, 'request_changed');
      const final = await registrar.client.getRequest(request.id);
      assert.equal(final.events.filter((event) => event.type === 'approved' || event.type === 'rejected').length, 1);
    }
  });

  it('should ask for documents up to the rounds the org allows, once at a time', async () => {
    const request = await submit('Rounds');
    const supplement = () => citizen.client.submitSupplement(request.id, { file: file(pdfBytes('more'), 'more.pdf') });
    await rejectsWith(supplement(), 'documents_not_requested', 409);
    for (let round = 1; round <= 2; round++) {
      await registrar.client.requestDocuments(request.id, { message: `Round ${round}` });
      await rejectsWith(registrar.client.requestDocuments(request.id, { message: 'Again' }), 'documents_already_requested', 409);
      const key = `supplement-${request.id}-${round}`;
      const send = () => citizen.client.submitSupplement(request.id, { file: file(pdfBytes('more'), 'more.pdf') }, { idempotencyKey: key });
      // A retry after the answer in the first round; in the second, three sent at once (one answer, one supplement).
      const answers = round === 1 ? [await send(), await send()] : await Promise.all([send(), send(), send()]);
      for (const answer of answers) assert.deepEqual(answer, answers[0]);
    }
    await rejectsWith(registrar.client.requestDocuments(request.id, { message: 'Round 3' }), 'supplement_rounds_exceeded', 409);
    const final = await registrar.client.getRequest(request.id);
    assert.equal(final.events.filter((event) => event.type === 'supplemented').length, 2);
    // A supplement is checked by the same upload rules as a submission.
    await registrar.client.refer(request.id, { unitId: complaints });
    await rejectsWith(
      citizen.client.submitSupplement(request.id, { file: file(Buffer.from('MZ not a document'), 'x.exe') }),
      'file_type_not_allowed',
      400,
    );
  });

  it('should number 100 concurrent approvals through the API with 100 distinct consecutive numbers', async () => {
    const keyed: StaffClient = await server().staff('test-org', 'registrar');
    const requests: StaffRequest['id'][] = [];
    for (let i = 0; i < 100; i++) requests.push((await submit(`Bulk ${i}`)).id);
    const approved = await Promise.all(requests.map((id) => keyed.approve(id)));
    const seqs = approved.map((request) => Number((request.letterNumber ?? '').split('/')[0])).sort((a, b) => a - b);
    assert.equal(new Set(seqs).size, 100);
    assert.equal(seqs[99]! - seqs[0]!, 99);
    const audit = await keyed.getAudit(requests[0]!);
    assert.equal(audit[0]?.actor.type, 'api_key');
  });
});
