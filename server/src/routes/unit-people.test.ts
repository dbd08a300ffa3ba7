import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { StaffClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { type TestStaff, uniquePhone, useTestServer } from '../test-support/test-server.js';

describe('GET /v1/orgs/:org/staff/units/:unitId/people', () => {
  const server = useTestServer();
  let registrar: TestStaff;
  let complaints: string;
  let permits: string;
  let neda: TestStaff;
  let omid: TestStaff;

  before(async () => {
    const admin = server().admin;
    complaints = (await admin.addUnit('test-org', { name: { fa: 'واحد شکایات', en: 'Complaints' } })).id;
    permits = (await admin.addUnit('test-org', { name: { fa: 'واحد مجوزها', en: 'Permits' } })).id;
    registrar = await server().staffMember({ role: 'registrar', name: 'Sara Ahmadi' });
    neda = await server().staffMember({ role: 'handler', name: 'Neda Hosseini', unitIds: [complaints] });
    omid = await server().staffMember({ role: 'handler', name: 'Omid Bagheri', unitIds: [complaints, permits] });
    await server().staffMember({ role: 'handler', name: 'Parisa Jafari', unitIds: [permits] });
    const gone = await server().staffMember({ role: 'handler', name: 'Ali Gone', unitIds: [complaints] });
    const keys = await server().staff();
    await keys.updateStaff(gone.member.id, { active: false });
  });

  it("should list only the unit's active handlers, by name, with id and name only", async () => {
    const people = await registrar.client.listUnitPeople(complaints);
    assert.deepEqual(people, [
      { id: neda.member.id, name: 'Neda Hosseini' },
      { id: omid.member.id, name: 'Omid Bagheri' },
    ]);
    assert.deepEqual(
      (await registrar.client.listUnitPeople(permits)).map((person) => person.name),
      ['Omid Bagheri', 'Parisa Jafari'],
    );
    // The secretariat works at no unit: registrars and admins are never offered.
    assert.deepEqual(await registrar.client.listUnitPeople(server().unitId), []);
  });

  it('should give a listed person the referral, as the server records it', async () => {
    const { client } = await server().login();
    const sent = await client.submitRequest({ fullName: 'Hamid', subject: 'Invoice', unitId: server().unitId, body: file(pdfBytes(), 'a.pdf') });
    const [person] = await registrar.client.listUnitPeople(permits);
    assert.ok(person);
    const referred = await registrar.client.refer(sent.id, { unitId: permits, assigneeId: person.id, version: 1 });
    assert.deepEqual(referred.assignee, person);
    assert.deepEqual((await omid.client.getRequest(sent.id)).assignee, { id: omid.member.id, name: 'Omid Bagheri' });
  });

  it("should answer another org's unit and an unknown unit with 404", async () => {
    const other = await server().createOrg('org-people');
    await server().admin.addStaff('org-people', { phone: uniquePhone(), name: 'Elsewhere', role: 'handler', unitIds: [other.unitId] });
    await rejectsWith(registrar.client.listUnitPeople(other.unitId), 'unit_not_found', 404);
    await rejectsWith(registrar.client.listUnitPeople('no-such-unit'), 'unit_not_found', 404);
    // And another org's key cannot read this org's units at all.
    const { key } = await server().admin.createApiKey('org-people', 'foreign', 'registrar');
    await rejectsWith(new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', apiKey: key }).listUnitPeople(complaints), 'unauthorized', 401);
  });

  it('should make a citizen token and no token worthless here', async () => {
    const citizen = await server().login();
    const asStaff = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', token: citizen.session.token });
    await rejectsWith(asStaff.listUnitPeople(complaints), 'unauthorized', 401);
    await rejectsWith(new StaffClient({ baseUrl: server().baseUrl, org: 'test-org' }).listUnitPeople(complaints), 'unauthorized', 401);
  });

  it('should answer admins and registrars, by session or key, and refuse handlers, even of that unit', async () => {
    const admin = await server().staffMember({ role: 'admin' });
    assert.equal((await admin.client.listUnitPeople(complaints)).length, 2);
    assert.equal((await (await server().staff('test-org', 'registrar')).listUnitPeople(complaints)).length, 2);
    await rejectsWith(neda.client.listUnitPeople(complaints), 'forbidden', 403);
    await rejectsWith(neda.client.listUnitPeople(permits), 'forbidden', 403);
  });
});
