import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';

describe('the citizen journey', () => {
  const server = useTestServer();

  it('should log in, submit, list, find, read, download and log out', async () => {
    const client = server().citizenClient();
    const profile = await client.getOrg();
    assert.equal(profile.id, 'test-org');
    assert.equal(profile.humanCheck, 'pow');
    assert.equal(profile.rules.maxFileBytes, 1_048_576);
    assert.deepEqual(profile.units.map((unit) => unit.id), [server().unitId]);

    const { client: citizen, phone } = await server().login({ phone: '۰۹۱۲۱۲۳۴۵۶۷' });
    assert.ok(citizen.token);
    assert.equal(phone, '۰۹۱۲۱۲۳۴۵۶۷');

    const bytes = pdfBytes('journey');
    const receipt = await citizen.submitRequest({
      fullName: '  Sara Ahmadi ',
      subject: 'Permit',
      unitId: server().unitId,
      body: file(bytes, 'نامه من.pdf'),
    });
    assert.match(receipt.trackingCode, /^\d{10}$/);
    assert.equal(receipt.fullName, 'Sara Ahmadi');
    assert.equal(receipt.status, 'under_review');
    assert.equal(receipt.bodyFile.type, 'application/pdf');
    assert.equal(receipt.bodyFile.size, bytes.length);
    assert.equal(receipt.reply, null);

    const page = await citizen.listRequests();
    assert.deepEqual(page.items.map((item) => item.id), [receipt.id]);
    assert.equal(page.nextCursor, null);

    const persianCode = receipt.trackingCode.replace(/\d/g, (digit) => '۰۱۲۳۴۵۶۷۸۹'[Number(digit)]!);
    const found = await citizen.findByTrackingCode(persianCode);
    assert.equal(found?.id, receipt.id);
    assert.equal(await citizen.findByTrackingCode('0000000000'), null);

    const detail = await citizen.getRequest(receipt.id);
    assert.deepEqual(detail.events.map((event) => event.type), ['submitted']);
    assert.equal(detail.unit.name.en, 'Secretariat');

    const download = await citizen.downloadFile(receipt.id, receipt.bodyFile.id);
    assert.equal(download.name, 'نامه من.pdf');
    assert.equal(download.type, 'application/pdf');
    assert.deepEqual(new Uint8Array(await download.blob.arrayBuffer()), bytes);

    const raw = await fetch(`${server().baseUrl}/v1/orgs/test-org/requests/${receipt.id}/files/${receipt.bodyFile.id}`, {
      headers: { authorization: `Bearer ${citizen.token}` },
    });
    assert.match(raw.headers.get('content-disposition') ?? '', /^attachment; filename="[^"]+\.pdf"; filename\*=UTF-8''/);
    assert.equal(raw.headers.get('x-content-type-options'), 'nosniff');
    assert.match(raw.headers.get('cache-control') ?? '', /no-store/);

    const token = citizen.token!;
    await citizen.logout();
    const stale = server().citizenClient();
    stale.token = token;
    await rejectsWith(stale.listRequests(), 'unauthorized', 401);
  });

  it('should page through requests newest first with a cursor', async () => {
    const { client } = await server().login();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await client.submitRequest({ fullName: 'A', subject: `S${i}`, unitId: server().unitId, body: file(pdfBytes(String(i)), 'a.pdf') })).id);
    }
    const first = await client.listRequests({ limit: 2 });
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await client.listRequests({ limit: 2, cursor: first.nextCursor });
    const third = await client.listRequests({ limit: 2, cursor: second.nextCursor! });
    assert.equal(third.nextCursor, null);
    const seen = [...first.items, ...second.items, ...third.items].map((item) => item.subject);
    assert.deepEqual(seen, ['S4', 'S3', 'S2', 'S1', 'S0']);
    await rejectsWith(client.listRequests({ limit: 101 }), 'invalid_input', 400);
    await rejectsWith(client.listRequests({ cursor: 'garbage' }), 'invalid_input', 400);
  });

  it("should not let citizen B read citizen A's request or file", async () => {
    const a = await server().login();
    const b = await server().login();
    const mine = await a.client.submitRequest({ fullName: 'A', subject: 'Private', unitId: server().unitId, body: file(pdfBytes(), 'a.pdf') });
    await rejectsWith(b.client.getRequest(mine.id), 'request_not_found', 404);
    await rejectsWith(b.client.downloadFile(mine.id, mine.bodyFile.id), 'request_not_found', 404);
    assert.deepEqual((await b.client.listRequests()).items, []);
    assert.equal(await b.client.findByTrackingCode(mine.trackingCode), null);
  });

  it('should refuse a token of org A at org B', async () => {
    await server().createOrg('other-org');
    const a = await server().login();
    const atB = server().citizenClient('other-org');
    atB.token = a.client.token;
    await rejectsWith(atB.listRequests(), 'unauthorized', 401);
    await rejectsWith(server().citizenClient('missing-org').getOrg(), 'org_not_found', 404);
  });

  it('should end an idle session and an old one', async () => {
    const idle = await server().login();
    server().clock.advance(31 * 60 * 1000);
    await rejectsWith(idle.client.listRequests(), 'session_expired', 401);
    const active = await server().login();
    for (let i = 0; i < 24; i++) {
      server().clock.advance(29 * 60 * 1000);
      await active.client.listRequests();
    }
    server().clock.advance(25 * 60 * 1000);
    await rejectsWith(active.client.listRequests(), 'session_expired', 401);
  });
});
