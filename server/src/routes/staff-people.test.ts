import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CitizenClient, StaffClient, solveChallenge } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { e164, type TestStaff, uniquePhone, useTestServer } from '../test-support/test-server.js';

describe('staff people and staff login', () => {
  const server = useTestServer({ settings: { smsLocale: 'en' } });
  let admin: TestStaff;
  let complaints: string;

  before(async () => {
    admin = await server().staffMember({ role: 'admin', name: 'Maryam Rahimi' });
    complaints = (await server().admin.addUnit('test-org', { name: { fa: 'واحد شکایات', en: 'Complaints' } })).id;
  });

  it('should let the operator add the first admin, who logs in by SMS code and knows who they are', async () => {
    const me = await admin.client.me();
    assert.deepEqual(me, { type: 'staff', id: admin.member.id, name: 'Maryam Rahimi', role: 'admin', unitIds: [] });
    assert.equal(admin.member.phone, e164(admin.phone));
    assert.ok(admin.client.token?.startsWith('ccs_'));
    assert.ok((await server().admin.listStaff('test-org')).some((member) => member.id === admin.member.id));
  });

  it('should let an admin add, change and deactivate staff, and keep one active admin', async () => {
    const phone = uniquePhone();
    await rejectsWith(admin.client.addStaff({ phone, name: 'Reza', role: 'handler' }), 'field_required', 400);
    await rejectsWith(admin.client.addStaff({ phone, name: 'Reza', role: 'handler', unitIds: ['nope'] }), 'unit_not_found', 400);
    await rejectsWith(admin.client.addStaff({ phone: '12', name: 'Reza', role: 'registrar' }), 'phone_invalid', 400);
    const handler = await admin.client.addStaff({ phone, name: 'Reza', role: 'handler', unitIds: [complaints] });
    assert.deepEqual(handler.unitIds, [complaints]);
    await rejectsWith(admin.client.addStaff({ phone, name: 'Again', role: 'registrar' }), 'staff_exists', 409);
    const registrar = await admin.client.updateStaff(handler.id, { role: 'registrar', name: 'Reza Karimi' });
    assert.equal(registrar.role, 'registrar');
    assert.deepEqual(registrar.unitIds, []);
    const off = await admin.client.updateStaff(handler.id, { active: false });
    assert.equal(off.active, false);
    assert.ok((await admin.client.listStaff()).some((member) => member.id === handler.id && !member.active));
    await rejectsWith(admin.client.updateStaff(admin.member.id, { role: 'registrar' }), 'last_admin', 409);
    await rejectsWith(admin.client.updateStaff(admin.member.id, { active: false }), 'last_admin', 409);
    await rejectsWith(admin.client.getStaff('nobody'), 'staff_not_found', 404);
  });

  it('should keep staff administration to admins', async () => {
    const registrar = await server().staffMember({ role: 'registrar' });
    await rejectsWith(registrar.client.listStaff(), 'forbidden', 403);
    await rejectsWith(registrar.client.addStaff({ phone: uniquePhone(), name: 'X', role: 'admin' }), 'forbidden', 403);
    await rejectsWith(registrar.client.updateStaff(admin.member.id, { active: false }), 'forbidden', 403);
    await rejectsWith(registrar.client.updateSettings({ smsLocale: 'fa' }), 'forbidden', 403);
    await rejectsWith(registrar.client.addUnit({ name: { fa: 'الف', en: 'A' } }), 'forbidden', 403);
    await rejectsWith(registrar.client.listWebhooks(), 'forbidden', 403);
    await rejectsWith(registrar.client.getOrgAudit(), 'forbidden', 403);
    const keyed = await server().staff('test-org', 'registrar');
    await rejectsWith(keyed.listStaff(), 'forbidden', 403);
    assert.equal((await keyed.me()).role, 'registrar');
    // Reading the org and its units is every staff member's.
    assert.ok((await registrar.client.listUnits()).length >= 2);
  });

  it('should send a staff code only to a staff phone, with the same answer either way', async () => {
    const stranger = uniquePhone();
    const client = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org' });
    const challenge = await client.createChallenge();
    if (challenge.kind !== 'pow') throw new Error('pow expected');
    const answer = await client.requestOtp({ phone: stranger, challenge: await solveChallenge(challenge) });
    assert.equal(answer.phone, e164(stranger));
    assert.equal(answer.codeLength, 6);
    assert.equal((await server().readSms(e164(stranger))).length, 0);
    await rejectsWith(client.login({ phone: stranger, code: '123456' }), 'otp_invalid', 400);
    // The cooldown and its code hold for staff as for citizens.
    const again = await client.createChallenge();
    if (again.kind !== 'pow') throw new Error('pow expected');
    await rejectsWith(client.requestOtp({ phone: stranger, challenge: await solveChallenge(again) }), 'otp_cooldown', 429);
  });

  it('should make a citizen token worthless on staff routes and a staff token worthless on citizen routes', async () => {
    const codes = async () => (await server().readSms(e164(admin.phone))).map((sms) => /(\d{6})/.exec(sms.text)?.[1]);
    const staffCodes = await codes();
    const citizen = await server().login({ phone: admin.phone });
    const citizenCode = (await codes()).find((code) => code && !staffCodes.includes(code));
    assert.ok(citizenCode);
    const asStaff = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', token: citizen.session.token });
    await rejectsWith(asStaff.listRequests(), 'unauthorized', 401);
    const asCitizen = new CitizenClient({ baseUrl: server().baseUrl, org: 'test-org', token: admin.client.token });
    await rejectsWith(asCitizen.listRequests(), 'unauthorized', 401);
    await rejectsWith(
      asCitizen.submitRequest({ fullName: 'x', subject: 'y', unitId: server().unitId, body: file(pdfBytes(), 'a.pdf') }),
      'unauthorized',
      401,
    );
    // The citizen code of the same phone does not log into the desk: the desk checks the latest
    // staff code only, and to it the citizen's is just a wrong code.
    const desk = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org' });
    await rejectsWith(desk.login({ phone: admin.phone, code: citizenCode }), 'otp_invalid', 400);
  });

  it('should end the sessions of a deactivated member and on logout', async () => {
    const handler = await server().staffMember({ role: 'handler', unitIds: [complaints] });
    assert.deepEqual((await handler.client.me()).unitIds, [complaints]);
    await admin.client.updateStaff(handler.member.id, { active: false });
    await rejectsWith(handler.client.me(), 'unauthorized', 401);
    const other = await server().staffMember({ role: 'registrar' });
    await other.client.logout();
    const stale = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', token: 'ccs_nothing' });
    await rejectsWith(stale.me(), 'unauthorized', 401);
  });
});
