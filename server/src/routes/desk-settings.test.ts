import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { StaffClient } from '@citizen-counter/sdk';
import { jalaliYear } from '../lib/jalali.js';
import { addWorkingDays, workingDaysBetween } from '../lib/working-days.js';
import { forgetOrg } from '../services/orgs.js';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pngBytes } from '../test-support/files.js';
import { type TestCitizen, type TestStaff, useTestServer } from '../test-support/test-server.js';

const dayMs = 24 * 60 * 60 * 1000;
const persian = (text: string) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));

describe('the desk settings', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' } });
  let admin: TestStaff;
  let staff: StaffClient;
  let citizen: TestCitizen;
  const submit = (unitId = server().unitId, who = citizen) =>
    who.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Permit', unitId, body: file(pdfBytes(String(Math.random())), 'a.pdf') });

  before(async () => {
    admin = await server().staffMember({ role: 'admin' });
    staff = await server().staff();
    citizen = await server().login();
  });

  it('should read the defaults, also for an org stored before these settings existed', async () => {
    const { settings } = await admin.client.getOrg();
    assert.deepEqual(settings.register, { pattern: '{seq}/{year}', prefix: '', digits: 'latin', outgoing: false });
    assert.equal(settings.supplementRounds, 2);
    assert.deepEqual(settings.calendar, { daysOff: [5], holidays: [] });
    assert.equal(settings.responseDays, 10);

    const { app, config } = server();
    await app.db.models.Org.update({ settings: JSON.stringify({ smsLocale: 'en', rules: { maxFileBytes: 4096 } }) }, { where: { orgId: 'test-org', id: 'test-org' } });
    forgetOrg({ db: app.db, config }, 'test-org');
    const old = (await admin.client.getOrg()).settings;
    assert.equal(old.rules.maxFileBytes, 4096);
    assert.deepEqual(old.register, settings.register);
    assert.deepEqual(old.calendar, settings.calendar);
    assert.equal(old.supplementRounds, 2);
    assert.equal(old.responseDays, 10);
    await admin.client.updateSettings({ rules: { maxFileBytes: 1_048_576 } });
  });

  it('should merge a patch of the register and the calendar into the settings', async () => {
    const changed = await admin.client.updateSettings({ register: { prefix: 'نمونه', digits: 'persian' }, calendar: { holidays: ['2026-03-21'] }, responseDays: 12 });
    assert.deepEqual(changed.settings.register, { pattern: '{seq}/{year}', prefix: 'نمونه', digits: 'persian', outgoing: false });
    assert.deepEqual(changed.settings.calendar, { daysOff: [5], holidays: ['2026-03-21'] });
    assert.equal(changed.settings.responseDays, 12);
    assert.deepEqual((await server().admin.getOrg('test-org')).settings.register, changed.settings.register);
    const back = await admin.client.updateSettings({ register: { prefix: '', digits: 'latin' }, calendar: { holidays: [] }, responseDays: 10 });
    assert.deepEqual(back.settings.register, { pattern: '{seq}/{year}', prefix: '', digits: 'latin', outgoing: false });
  });

  it('should refuse a pattern the register cannot fill, and change nothing', async () => {
    const before = (await admin.client.getOrg()).settings;
    for (const pattern of ['{year}', '{seq}-{seq}', '{seq}/{month}', '']) {
      const error = await rejectsWith(admin.client.updateSettings({ responseDays: 30, register: { pattern, prefix: 'x' } }), 'letter_pattern_invalid', 400);
      assert.equal(error.details['field'], 'register.pattern');
      assert.equal(typeof error.details['problem'], 'string');
    }
    await rejectsWith(server().admin.updateOrg('test-org', { settings: { register: { pattern: '{unit}' } } }), 'letter_pattern_invalid', 400);
    assert.deepEqual((await admin.client.getOrg()).settings, before);
  });

  it('should refuse a calendar without a working weekday and out-of-range figures', async () => {
    const everyDay = await rejectsWith(admin.client.updateSettings({ calendar: { daysOff: [0, 1, 2, 3, 4, 5, 6] } }), 'invalid_input', 400);
    assert.equal(everyDay.details['field'], 'settings.calendar.daysOff');
    await rejectsWith(admin.client.updateSettings({ calendar: { holidays: ['21/03/2026'] } }), 'invalid_input', 400);
    await rejectsWith(admin.client.updateSettings({ supplementRounds: 11 }), 'invalid_input', 400);
    await rejectsWith(admin.client.updateSettings({ responseDays: 0 }), 'invalid_input', 400);
    const registrar = await server().staffMember({ role: 'registrar' });
    await rejectsWith(registrar.client.updateSettings({ register: { prefix: 'x' } }), 'forbidden', 403);
  });

  it('should give units codes unique in the org and response times', async () => {
    const unit = await admin.client.addUnit({ name: { fa: 'واحد شکایات', en: 'Complaints' }, code: 'ش', responseDays: 7 });
    assert.deepEqual([unit.code, unit.responseDays], ['ش', 7]);
    const listed = (await admin.client.listUnits()).find((item) => item.id === unit.id);
    assert.deepEqual(listed, unit);
    await rejectsWith(admin.client.addUnit({ name: { fa: 'دیگر', en: 'Other' }, code: 'ش' }), 'unit_code_taken', 409);
    const other = await admin.client.addUnit({ name: { fa: 'دیگر', en: 'Other' } });
    assert.deepEqual([other.code, other.responseDays], [null, null]);
    await rejectsWith(admin.client.updateUnit(other.id, { code: 'ش' }), 'unit_code_taken', 409);
    // A unit keeps its own code; clearing it frees the code for another.
    assert.equal((await admin.client.updateUnit(unit.id, { code: 'ش', name: { fa: 'شکایات', en: 'Complaints' } })).name.fa, 'شکایات');
    assert.deepEqual(await admin.client.updateUnit(unit.id, { code: null, responseDays: null }), { ...unit, name: { fa: 'شکایات', en: 'Complaints' }, code: null, responseDays: null });
    assert.equal((await admin.client.updateUnit(other.id, { code: 'ش' })).code, 'ش');
    await rejectsWith(admin.client.addUnit({ name: { fa: 'الف', en: 'A' }, code: 'a b' }), 'invalid_input', 400);
    await rejectsWith(admin.client.addUnit({ name: { fa: 'الف', en: 'A' }, code: 'x'.repeat(11) }), 'field_too_long', 400);
    await rejectsWith(admin.client.updateUnit(other.id, { responseDays: 366 }), 'invalid_input', 400);
    await rejectsWith(admin.client.updateUnit('nope', { code: 'ن' }), 'unit_not_found', 404);
    // The operator sets them too; the public profile keeps a unit's id and names only.
    assert.equal((await server().admin.updateUnit('test-org', unit.id, { code: 'ک' })).code, 'ک');
    await rejectsWith(server().admin.addUnit('test-org', { name: { fa: 'ب', en: 'B' }, code: 'ک' }), 'unit_code_taken', 409);
    const profile = await server().citizenClient().getOrg();
    assert.deepEqual(Object.keys(profile.units.find((item) => item.id === unit.id) ?? {}).sort(), ['id', 'name']);
    const handler = await server().staffMember({ role: 'handler', unitIds: [unit.id] });
    await rejectsWith(handler.client.updateUnit(unit.id, { code: 'ه' }), 'forbidden', 403);
    assert.ok((await handler.client.listUnits()).some((item) => item.code === 'ک'));
  });

  it('should allow as many rounds of requests for documents as the org sets', async () => {
    await admin.client.updateSettings({ supplementRounds: 1 });
    const request = await submit();
    await staff.requestDocuments(request.id, { message: 'Send the deed' });
    await citizen.client.submitSupplement(request.id, { file: file(pngBytes(), 'deed.png') });
    const error = await rejectsWith(staff.requestDocuments(request.id, { message: 'Once more' }), 'supplement_rounds_exceeded', 409);
    assert.equal(error.details['max'], 1);
    await admin.client.updateSettings({ supplementRounds: 0 });
    await rejectsWith(staff.requestDocuments((await submit()).id, { message: 'Send the deed' }), 'supplement_rounds_exceeded', 409);
    await admin.client.updateSettings({ supplementRounds: 2 });
    assert.equal((await staff.requestDocuments(request.id, { message: 'Once more' })).status, 'needs_documents');
  });

  it("should set the due date by the unit's response time, or the org's, in the org's working calendar", async () => {
    const now = server().clock.now();
    const tomorrow = new Date(now.getTime() + dayMs).toISOString().slice(0, 10);
    const calendar = { daysOff: [4, 5], holidays: [tomorrow, new Date(now.getTime() + 3 * dayMs).toISOString().slice(0, 10)] };
    await admin.client.updateSettings({ calendar, responseDays: 4 });
    const fast = await admin.client.addUnit({ name: { fa: 'فوری', en: 'Urgent' }, code: 'ف', responseDays: 2 });
    const byUnit = await staff.getRequest((await submit(fast.id)).id);
    const byOrg = await staff.getRequest((await submit()).id);
    const at = server().clock.now();
    assert.equal(byUnit.dueDate, addWorkingDays(at, 2, calendar));
    assert.equal(byOrg.dueDate, addWorkingDays(at, 4, calendar));
    // Holidays and days off count: the plain Friday-off calendar would give other dates.
    assert.notEqual(byOrg.dueDate, addWorkingDays(at, 4));
    assert.equal((await citizen.client.getRequest(byOrg.id)).expectedDate, byOrg.dueDate);
  });

  it('should hold the due date while documents are awaited and move it by the working days waited', async () => {
    const calendar = (await admin.client.getOrg()).settings.calendar;
    const request = await staff.getRequest((await submit()).id);
    const paused = await staff.requestDocuments(request.id, { message: 'Send the deed', version: request.version });
    assert.equal(paused.dueDate, request.dueDate);
    const pausedAt = server().clock.now();
    server().clock.advance(9 * dayMs);
    // Nine days outlive every session: the citizen logs in again.
    const again = await server().login({ phone: citizen.phone });
    const resumedAt = server().clock.now();
    await again.client.submitSupplement(request.id, { text: 'Here it is', file: file(pngBytes(), 'deed.png') });
    const resumed = await staff.getRequest(request.id);
    assert.equal(resumed.status, 'under_review');
    const day = (date: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran' }).format(date);
    const waited = workingDaysBetween(day(pausedAt), day(resumedAt), calendar);
    assert.ok(waited > 0, `waited ${waited}`);
    assert.ok(resumed.dueDate! > request.dueDate!, `${resumed.dueDate} after ${request.dueDate}`);
    assert.equal(workingDaysBetween(request.dueDate!, resumed.dueDate!, calendar), waited);
    assert.equal((await again.client.getRequest(request.id)).expectedDate, resumed.dueDate);
  });
});

describe('the letter register in the org pattern', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' } });
  let admin: TestStaff;
  let registrar: TestStaff;
  let citizen: TestCitizen;
  const submit = () => citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Permit', unitId: server().unitId, body: file(pdfBytes(String(Math.random())), 'a.pdf') });

  before(async () => {
    admin = await server().staffMember({ role: 'admin' });
    registrar = await server().staffMember({ role: 'registrar' });
    citizen = await server().login();
    await admin.client.updateUnit(server().unitId, { code: 'د' });
  });

  it('should number approvals {prefix}/{unit}/{seq}/{year} in Persian digits', async () => {
    await admin.client.updateSettings({ register: { pattern: '{prefix}/{unit}/{seq}/{year}', prefix: 'نمونه', digits: 'persian' } });
    const one = await registrar.client.approve((await submit()).id);
    const two = await registrar.client.approve((await submit()).id);
    const year = persian(String(jalaliYear(server().clock.now())));
    assert.equal(one.letterNumber, `نمونه/د/۱/${year}`);
    assert.equal(two.letterNumber, `نمونه/د/۲/${year}`);
    assert.equal((await citizen.client.getRequest(one.id)).letterNumber, one.letterNumber);
  });

  it('should number replies from a separate outgoing sequence only when the org turns it on', async () => {
    const request = await submit();
    const unnumbered = await registrar.client.reply(request.id, { text: 'Received' });
    assert.equal(unnumbered.replyLetterNumber, null);
    await admin.client.updateSettings({ register: { outgoing: true, digits: 'latin' } });
    const year = String(jalaliYear(server().clock.now()));
    const first = await registrar.client.reply(request.id, { text: 'The answer' });
    assert.equal(first.replyLetterNumber, `نمونه/د/1/${year}`);
    const again = await registrar.client.reply(request.id, { text: 'The answer, corrected' });
    assert.equal(again.replyLetterNumber, first.replyLetterNumber);
    const second = await registrar.client.reply((await submit()).id, { text: 'Another answer' });
    assert.equal(second.replyLetterNumber, `نمونه/د/2/${year}`);
    // The incoming sequence went on by itself.
    assert.equal((await registrar.client.approve(request.id)).letterNumber, `نمونه/د/3/${year}`);
  });
});
