import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { SmsKind, StaffClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { e164, type TestCitizen, type TestStaff, useTestServer } from '../test-support/test-server.js';

describe('templates and SMS texts', () => {
  const server = useTestServer({ settings: { smsLocale: 'en', defaultLocale: 'en' } });
  let admin: TestStaff;
  let registrar: TestStaff;
  let handler: TestStaff;
  let complaints: string;
  let citizen: TestCitizen;
  const submit = (unitId = server().unitId) =>
    citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Permit', unitId, body: file(pdfBytes('permit'), 'a.pdf') });
  /**
   * The newest SMS to the citizen once it passes `expected`: the outbox worker's poll may claim a
   * row before the action's own immediate delivery does, and then the SMS lands a moment later.
   */
  const smsWhere = async (expected: (text: string) => boolean): Promise<string> => {
    let newest = '';
    for (let tries = 0; tries < 60; tries++) {
      newest = (await server().readSms(e164(citizen.phone)))[0]?.text ?? '';
      if (expected(newest)) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return newest;
  };

  before(async () => {
    complaints = (await server().admin.addUnit('test-org', { name: { fa: 'واحد شکایات', en: 'Complaints' } })).id;
    admin = await server().staffMember({ role: 'admin' });
    registrar = await server().staffMember({ role: 'registrar' });
    handler = await server().staffMember({ role: 'handler', unitIds: [complaints] });
    citizen = await server().login();
  });

  it('should let admins add, change and remove templates, and every staff role list them', async () => {
    const added = await admin.client.addTemplate({ kind: 'rejection', title: 'Not signed', text: { fa: 'امضا ندارد', en: 'Not signed, {fullName}.' } });
    assert.equal(added.kind, 'rejection');
    assert.deepEqual(added.text, { fa: 'امضا ندارد', en: 'Not signed, {fullName}.' });
    for (const reader of [registrar.client, handler.client]) {
      assert.ok((await reader.listTemplates()).some((template) => template.id === added.id));
    }
    const input = { kind: 'reply' as const, title: 'X', text: { en: 'x' } };
    await rejectsWith(registrar.client.addTemplate(input), 'forbidden', 403);
    await rejectsWith(handler.client.addTemplate(input), 'forbidden', 403);
    await rejectsWith(registrar.client.updateTemplate(added.id, { title: 'Y' }), 'forbidden', 403);
    await rejectsWith(registrar.client.deleteTemplate(added.id), 'forbidden', 403);

    await rejectsWith(admin.client.addTemplate({ kind: 'rejection', title: 'Not signed', text: { en: 'again' } }), 'template_exists', 409);
    const sameTitleOtherKind = await admin.client.addTemplate({ kind: 'reply', title: 'Not signed', text: { en: 'A reply' } });
    await rejectsWith(admin.client.addTemplate({ kind: 'reply', title: 'Empty', text: {} }), 'field_required', 400);
    await rejectsWith(admin.client.addTemplate({ kind: 'reply', title: 'x'.repeat(101), text: { en: 'x' } }), 'field_too_long', 400);
    await rejectsWith(admin.client.addTemplate({ kind: 'reply', title: 'Long', text: { fa: 'x'.repeat(2001) } }), 'field_too_long', 400);

    const changed = await admin.client.updateTemplate(added.id, { title: 'Unsigned', text: { en: '' } });
    assert.equal(changed.title, 'Unsigned');
    assert.deepEqual(changed.text, { fa: 'امضا ندارد', en: null });
    await rejectsWith(admin.client.updateTemplate(added.id, { text: { fa: '' } }), 'field_required', 400);
    await admin.client.deleteTemplate(sameTitleOtherKind.id);
    await rejectsWith(admin.client.deleteTemplate(sameTitleOtherKind.id), 'template_not_found', 404);
    await rejectsWith(admin.client.updateTemplate(sameTitleOtherKind.id, { title: 'Z' }), 'template_not_found', 404);
    assert.ok(!(await admin.client.listTemplates()).some((template) => template.id === sameTitleOtherKind.id));
    assert.ok((await admin.client.getOrgAudit()).some((entry) => entry.action === 'template.added'));
  });

  it('should refuse an unknown variable with template_invalid naming it', async () => {
    const error = await rejectsWith(admin.client.addTemplate({ kind: 'reply', title: 'Bad', text: { fa: 'خوب', en: 'Hello {name}' } }), 'template_invalid', 400);
    assert.equal(error.details['field'], 'text.en');
    assert.equal(error.details['variable'], 'name');
    const good = await admin.client.addTemplate({ kind: 'reply', title: 'Good', text: { en: '{trackingCode}' } });
    const changed = await rejectsWith(admin.client.updateTemplate(good.id, { text: { fa: 'کد {code}' } }), 'template_invalid', 400);
    assert.deepEqual([changed.details['field'], changed.details['variable']], ['text.fa', 'code']);
    const sms = await rejectsWith(admin.client.setSmsText('approved', 'en', 'Approved {reason}'), 'template_invalid', 400);
    assert.equal(sms.details['variable'], 'reason');
    const noCode = await rejectsWith(admin.client.setSmsText('otp', 'fa', 'کد شما'), 'template_invalid', 400);
    assert.deepEqual([noCode.details['field'], noCode.details['variable']], ['text', 'code']);
  });

  it('should reject through a template: the citizen reads the filled-in reason and gets it by SMS', async () => {
    const template = await admin.client.addTemplate({
      kind: 'rejection',
      title: 'Unsigned request',
      text: { fa: '{fullName} گرامی', en: 'Dear {fullName}, request {trackingCode} to {unit} of {date} is not signed.' },
    });
    const request = await submit(complaints);
    const preview = await registrar.client.renderTemplate(template.id, request.id);
    assert.equal(preview.locale, 'en');
    assert.match(preview.text, new RegExp(`^Dear Sara Ahmadi, request ${request.trackingCode} to Complaints of \\d{1,2} \\w{3,4} \\d{4} is not signed\\.$`));
    await rejectsWith(handler.client.renderTemplate(template.id, (await submit()).id), 'request_not_found', 404);

    const reply = await admin.client.addTemplate({ kind: 'reply', title: 'Thanks', text: { en: 'Thank you' } });
    await rejectsWith(registrar.client.reject(request.id, { templateId: reply.id }), 'template_invalid', 400);
    await rejectsWith(registrar.client.reject(request.id, { templateId: 'nope' }), 'template_not_found', 404);
    await rejectsWith(registrar.client.reject(request.id, {}), 'field_required', 400);
    await rejectsWith(registrar.client.reject(request.id, { reason: '  ' }), 'field_required', 400);

    const rejected = await registrar.client.reject(request.id, { templateId: template.id, reason: 'Please sign page 2.', version: 1 });
    assert.equal(rejected.rejectionReason, `${preview.text}\n\nPlease sign page 2.`);
    const seen = await citizen.client.getRequest(request.id);
    assert.equal(seen.rejectionReason, rejected.rejectionReason);
    const sms = await smsWhere((text) => text.includes(request.trackingCode));
    assert.ok(sms.includes(preview.text), sms);
  });

  it('should fall back to the locale a template has, and reply through a template after approval', async () => {
    const template = await admin.client.addTemplate({ kind: 'reply', title: 'Registered', text: { fa: 'نامه شما با شماره {letterNumber} ثبت شد.' } });
    const request = await submit();
    const approved = await registrar.client.approve(request.id);
    const replied = await registrar.client.reply(request.id, { templateId: template.id });
    assert.equal(replied.reply?.text, `نامه شما با شماره ${approved.letterNumber} ثبت شد.`);
    assert.equal((await citizen.client.getRequest(request.id)).reply?.text, replied.reply?.text);
  });

  it("should send the org's own SMS text, and the built-in one again after a reset", async () => {
    await rejectsWith(registrar.client.setSmsText('approved', 'en', 'Approved'), 'forbidden', 403);
    await rejectsWith(admin.client.setSmsText('nope' as SmsKind, 'en', 'x'), 'invalid_input', 400);
    const set = await admin.client.setSmsText('approved', 'en', 'Hi {fullName}: {trackingCode} is letter {letterNumber} at {unit}. {org}');
    assert.equal(set.text, 'Hi {fullName}: {trackingCode} is letter {letterNumber} at {unit}. {org}');
    assert.equal(set.example, 'Hi Sara Ahmadi: 4829301756 is letter 127/1405 at Secretariat. Org test-org');
    const listed = (await handler.client.listSmsTexts()).find((entry) => entry.kind === 'approved' && entry.locale === 'en');
    assert.deepEqual(listed, set);

    const first = await registrar.client.approve((await submit()).id);
    assert.equal(await smsWhere((text) => text.includes(first.trackingCode)), `Hi Sara Ahmadi: ${first.trackingCode} is letter ${first.letterNumber} at Secretariat. Org test-org`);

    const reset = await admin.client.resetSmsText('approved', 'en');
    assert.equal(reset.text, null);
    assert.equal(reset.defaultText, 'Your request {trackingCode} was approved. Letter number: {letterNumber}, letter date: {date}. {org}');
    assert.equal((await admin.client.resetSmsText('approved', 'en')).text, null);
    const second = await registrar.client.approve((await submit()).id);
    assert.match(await smsWhere((text) => text.includes(second.trackingCode)), new RegExp(`^Your request ${second.trackingCode} was approved\\. Letter number: ${second.letterNumber}`));
  });

  it('should count SMS parts: 70 Persian characters in one, 67 per part beyond; 160 and 153 in Latin', async () => {
    const entry = async (client: StaffClient, kind: SmsKind, locale: 'fa' | 'en') =>
      (await client.listSmsTexts()).find((item) => item.kind === kind && item.locale === locale)!;
    assert.equal((await entry(admin.client, 'replied', 'fa')).encoding, 'ucs2');
    const kinds = new Set((await admin.client.listSmsTexts()).map((item) => `${item.kind}/${item.locale}`));
    assert.equal(kinds.size, 14);
    const cases: [string, 'fa' | 'en', 'gsm7' | 'ucs2', number][] = [
      ['س'.repeat(70), 'fa', 'ucs2', 1],
      ['س'.repeat(71), 'fa', 'ucs2', 2],
      ['س'.repeat(134), 'fa', 'ucs2', 2],
      ['س'.repeat(135), 'fa', 'ucs2', 3],
      ['a'.repeat(160), 'en', 'gsm7', 1],
      ['a'.repeat(161), 'en', 'gsm7', 2],
    ];
    for (const [text, locale, encoding, parts] of cases) {
      await admin.client.setSmsText('replied', locale, text);
      const listed = await entry(admin.client, 'replied', locale);
      assert.deepEqual([listed.encoding, listed.parts], [encoding, parts], `${text.length} in ${locale}`);
    }
    await admin.client.resetSmsText('replied', 'fa');
    await admin.client.resetSmsText('replied', 'en');
  });

  it('should text staff their login code in the staff_otp text, and citizens in the otp text', async () => {
    const entry = (await admin.client.listSmsTexts()).find((item) => item.kind === 'staff_otp' && item.locale === 'en');
    assert.equal(entry?.defaultText, 'Your {org} staff desk login code: {code}');
    await admin.client.setSmsText('staff_otp', 'en', 'Desk code {code} ({org})');
    const clerk = await server().staffMember({ role: 'registrar' });
    assert.match((await server().readSms(e164(clerk.phone)))[0]?.text ?? '', /^Desk code \d{6} \(Org test-org\)$/);
    const someone = await server().login();
    assert.match((await server().readSms(e164(someone.phone)))[0]?.text ?? '', /^Your Org test-org counter login code: \d{6}$/);
    await admin.client.resetSmsText('staff_otp', 'en');
  });
});
