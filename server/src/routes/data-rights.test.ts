import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import yauzl from 'yauzl';
import type { CitizenDataExport, StaffClient } from '@citizen-counter/sdk';
import { FileStores } from '../storage/stores.js';
import { removeExpiredFiles } from '../services/retention.js';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pngBytes } from '../test-support/files.js';
import { allowLoopbackWebhooks, e164, type TestCitizen, type TestServer, useTestServer } from '../test-support/test-server.js';
import { WebhookReceiver, waitUntil } from '../test-support/webhook-receiver.js';

const day = 24 * 60 * 60 * 1000;

/** Every entry of a zip archive by its path, read with an independent unzip library. */
async function unzip(archive: Uint8Array): Promise<Map<string, Buffer>> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(Buffer.from(archive), { lazyEntries: true }, (error, opened) => (error ? reject(error) : resolve(opened))),
  );
  const entries = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      zip.openReadStream(entry, (error, stream) => {
        if (error) return reject(error);
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          entries.set(entry.fileName, Buffer.concat(chunks));
          zip.readEntry();
        });
        stream.on('error', reject);
      });
    });
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  });
  return entries;
}

/** Whether the content of every file row of a request is still in its store. */
async function contentsKept(server: TestServer, requestId: string): Promise<boolean[]> {
  const rows = await server.app.db.models.File.findAll({ where: { requestId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  return Promise.all(
    rows.map(async (row) => {
      if (row.store === 'database') return row.content !== null;
      if (row.storageName === '') return false;
      return server.app.deps.files.of(row.store).exists(FileStores.refOf(row));
    }),
  );
}

describe("citizens' data rights", () => {
  const server = useTestServer({ configure: allowLoopbackWebhooks });
  const receiver = new WebhookReceiver();
  after(() => receiver.close());
  let staff: StaffClient;
  before(async () => {
    staff = await server().staff();
    await receiver.start();
    await staff.createWebhook({ url: receiver.url('/rejected'), events: ['request.rejected'] });
  });

  const submit = (citizen: TestCitizen, subject: string, bytes = pdfBytes(subject), name = 'letter.pdf') =>
    citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject, unitId: server().unitId, body: file(bytes, name) });

  describe('GET /v1/orgs/:org/me/export', () => {
    it("should answer a zip of the citizen's data and every file byte for byte, and nothing of anyone else", async () => {
      const sara = await server().login();
      const other = await server().login();
      const permit = await submit(sara, 'Permit');
      const fence = await submit(sara, 'Fence', pngBytes(), 'photo.png');
      const theirs = await submit(other, 'Neighbour secret', pdfBytes('other citizen'), 'other.pdf');
      await staff.addNote(permit.id, 'Internal: the applicant is a relative of the mayor');
      const replyBytes = pdfBytes('the reply letter');
      await staff.reply(permit.id, { text: 'Granted.', file: file(replyBytes, 'letter.pdf') });
      await staff.approve(permit.id);

      const archive = await sara.client.exportMyData();
      assert.equal(archive.name, `citizen-data-${server().org.id}.zip`);
      assert.equal(archive.type, 'application/zip');
      const bytes = new Uint8Array(await archive.blob.arrayBuffer());
      const entries = await unzip(bytes);
      assert.deepEqual([...entries.keys()].sort(), [
        'data.json',
        `files/${fence.trackingCode}/photo.png`,
        `files/${permit.trackingCode}/letter (2).pdf`,
        `files/${permit.trackingCode}/letter.pdf`,
      ].sort());
      assert.deepEqual(entries.get(`files/${permit.trackingCode}/letter.pdf`), Buffer.from(pdfBytes('Permit')));
      assert.deepEqual(entries.get(`files/${permit.trackingCode}/letter (2).pdf`), Buffer.from(replyBytes));
      assert.deepEqual(entries.get(`files/${fence.trackingCode}/photo.png`), Buffer.from(pngBytes()));

      const data = JSON.parse(entries.get('data.json')!.toString('utf8')) as CitizenDataExport;
      assert.equal(data.citizen.phone, e164(sara.phone));
      assert.deepEqual(data.requests.map((request) => request.trackingCode), [fence.trackingCode, permit.trackingCode]);
      const exported = data.requests[1]!;
      assert.equal(exported.status, 'approved');
      assert.ok(exported.letterNumber);
      assert.equal(exported.reply?.text, 'Granted.');
      assert.deepEqual(exported.events.map((event) => event.type), ['submitted', 'replied', 'approved']);
      // Each request with its own timeline, as the citizen reads it.
      for (const request of data.requests) assert.deepEqual(request.events, (await sara.client.getRequest(request.id)).events);
      assert.deepEqual(data.requests[0]?.events.map((event) => event.type), ['submitted']);
      assert.deepEqual(exported.files.map((entry) => [entry.role, entry.path]), [
        ['body', `files/${permit.trackingCode}/letter.pdf`],
        ['reply', `files/${permit.trackingCode}/letter (2).pdf`],
      ]);
      const text = Buffer.from(bytes).toString('latin1') + entries.get('data.json')!.toString('utf8');
      for (const foreign of [theirs.trackingCode, e164(other.phone), other.phone, 'Neighbour secret', 'relative of the mayor', 'test admin']) {
        assert.ok(!text.includes(foreign), `the export holds ${foreign}`);
      }
    });

    it('should need a session', async () => {
      await rejectsWith(server().citizenClient().exportMyData(), 'unauthorized', 401);
    });
  });

  describe('DELETE /v1/orgs/:org/me', () => {
    it('should refuse without the confirmation word and change nothing', async () => {
      const sara = await server().login();
      const request = await submit(sara, 'Kept');
      const response = await fetch(`${server().baseUrl}/v1/orgs/${server().org.id}/me`, { method: 'DELETE', headers: { authorization: `Bearer ${sara.session.token}` } });
      assert.equal(response.status, 400);
      await rejectsWith(sara.client.deleteMyAccount({ confirm: 'delete' as 'DELETE' }), 'invalid_input', 400);
      assert.equal((await sara.client.getRequest(request.id)).subject, 'Kept');
    });

    it('should end every session, remove every file from the store, keep decided requests in the register without the person and withdraw open ones', async () => {
      const sara = await server().login();
      // A second device: past the resend wait, a second code and session.
      server().clock.advance(61_000);
      const second = await server().login({ phone: sara.phone });
      const approved = await submit(sara, 'Approved permit');
      const open = await submit(sara, 'Open complaint');
      await staff.approve(approved.id);
      const other = await server().login();
      const theirs = await submit(other, 'Untouched');
      assert.deepEqual(await contentsKept(server(), approved.id), [true]);
      const letterNumber = (await staff.getRequest(approved.id)).letterNumber;

      await sara.client.deleteMyAccount({ confirm: 'DELETE' });
      assert.equal(sara.client.token, null);
      sara.client.token = sara.session.token;
      await rejectsWith(sara.client.listRequests(), 'unauthorized', 401);
      await rejectsWith(second.client.getRequest(approved.id), 'unauthorized', 401);

      assert.deepEqual(await contentsKept(server(), approved.id), [false]);
      assert.deepEqual(await contentsKept(server(), open.id), [false]);
      assert.deepEqual(await contentsKept(server(), theirs.id), [true]);

      const kept = await staff.getRequest(approved.id);
      assert.deepEqual([kept.status, kept.letterNumber, kept.fullName, kept.subject], ['approved', letterNumber, '[deleted]', '[deleted]']);
      const withdrawn = await staff.getRequest(open.id);
      assert.deepEqual([withdrawn.status, withdrawn.fullName, withdrawn.rejectionReason], ['rejected', '[deleted]', 'Withdrawn: the citizen deleted their account.']);
      const removed = await rejectsWith(staff.downloadFile(approved.id, kept.bodyFile.id), 'file_removed', 410);
      assert.equal(removed.details['reason'], 'account_deleted');
      // The request says so before anyone tries: its file carries when it was removed.
      assert.equal(kept.bodyFile.removedAt, removed.details['removedAt']);
      assert.equal((await staff.getRequest(theirs.id)).bodyFile.removedAt, null);
      const audit = await staff.getAudit(open.id);
      assert.deepEqual([audit.at(-1)?.action, audit.at(-1)?.fromStatus, audit.at(-1)?.toStatus], ['citizen.account_deleted', 'under_review', 'rejected']);
      // The org's systems hear of the withdrawn request as of any rejection; of the decided one, nothing.
      await waitUntil(() => receiver.received.some((delivery) => delivery.path === '/rejected'));
      const told = receiver.received.filter((delivery) => delivery.path === '/rejected').map((delivery) => JSON.parse(delivery.body) as { type: string; data: object });
      assert.deepEqual(told.map((event) => [event.type, event.data]), [['request.rejected', { requestId: open.id, trackingCode: open.trackingCode, status: 'rejected' }]]);
      assert.equal((await staff.listRequests({ q: 'Approved permit' })).items.length, 0);
      assert.equal((await staff.listRequests({ q: sara.phone })).items.length, 0);

      server().clock.advance(61_000);
      const again = await server().login({ phone: sara.phone });
      assert.deepEqual((await again.client.listRequests()).items, []);
      assert.equal((await other.client.getRequest(theirs.id)).subject, 'Untouched');
    });
  });

  describe('retention.days', () => {
    it('should be validated at the edge: a whole number of days from 1, or null', async () => {
      await rejectsWith(staff.updateSettings({ retention: { days: 0 } }), 'invalid_input', 400);
      await rejectsWith(staff.updateSettings({ retention: { days: 1.5 } }), 'invalid_input', 400);
      assert.equal((await staff.getOrg()).settings.retention.days, null);
    });

    it("should remove only the files of requests closed longer ago than the org's days, and say so on download", async () => {
      const { org, unitId } = await server().createOrg('retention-org');
      const orgStaff = await server().staff(org.id);
      await orgStaff.updateSettings({ retention: { days: 30 } });
      let sara = await server().login({ org: org.id });
      const send = (subject: string) => sara.client.submitRequest({ fullName: 'Sara', subject, unitId, body: file(pdfBytes(subject), 'letter.pdf') });
      const approved = await send('Approved long ago');
      const rejected = await send('Rejected long ago');
      const recent = await send('Rejected lately');
      const open = await send('Still open');
      const elsewhere = await submit(await server().login(), 'Another org keeps its files');
      await staff.approve(elsewhere.id);
      const reply = await orgStaff.reply(approved.id, { text: 'Yes', file: file(pdfBytes('reply'), 'reply.pdf') });
      await orgStaff.approve(approved.id, { version: reply.version });
      await orgStaff.reject(rejected.id, { reason: 'No' });
      server().clock.advance(20 * day);
      await orgStaff.reject(recent.id, { reason: 'No' });
      server().clock.advance(11 * day);

      const logged: unknown[] = [];
      const results = await removeExpiredFiles(server().app.deps, { info: (entry: unknown) => logged.push(entry) });
      const mine = results.find((result) => result.orgId === org.id);
      assert.deepEqual(new Set(mine?.requestIds), new Set([approved.id, rejected.id]));
      assert.equal(mine?.files, 3);
      assert.ok(logged.some((entry) => (entry as { orgId: string; files: number }).orgId === org.id && (entry as { files: number }).files === 3));
      assert.deepEqual(await contentsKept(server(), approved.id), [false, false]);
      assert.deepEqual(await contentsKept(server(), rejected.id), [false]);
      assert.deepEqual(await contentsKept(server(), recent.id), [true]);
      assert.deepEqual(await contentsKept(server(), open.id), [true]);
      assert.deepEqual(await contentsKept(server(), elsewhere.id), [true]);

      sara = await server().login({ org: org.id, phone: sara.phone });
      const detail = await sara.client.getRequest(approved.id);
      const gone = await rejectsWith(sara.client.downloadFile(approved.id, detail.bodyFile.id), 'file_removed', 410);
      assert.equal(gone.details['reason'], 'retention');
      // The detail, its timeline and the list all say the files are gone, and when; the recent one's is kept.
      assert.ok(detail.bodyFile.removedAt !== null && detail.bodyFile.removedAt === gone.details['removedAt']);
      assert.ok(detail.reply?.file?.removedAt);
      assert.ok(detail.events.filter((event) => event.file).every((event) => event.file?.removedAt));
      const page = await sara.client.listRequests();
      assert.equal(page.items.find((item) => item.id === approved.id)?.bodyFile.removedAt, gone.details['removedAt']);
      assert.equal(page.items.find((item) => item.id === recent.id)?.bodyFile.removedAt, null);
      assert.equal((await sara.client.downloadFile(recent.id, recent.bodyFile.id)).name, 'letter.pdf');
      const exported = JSON.parse(
        (await unzip(new Uint8Array(await (await sara.client.exportMyData()).blob.arrayBuffer()))).get('data.json')!.toString('utf8'),
      ) as CitizenDataExport;
      const listed = exported.requests.find((request) => request.id === approved.id)!.files;
      assert.ok(listed.every((entry) => entry.path === null && entry.removedAt !== null));
      assert.equal((await removeExpiredFiles(server().app.deps)).find((result) => result.orgId === org.id), undefined);
    });
  });
});
