import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { after, before, describe, it } from 'node:test';
import type { CitizenClient } from '@citizen-counter/sdk';
import { errorOf, rejectsWith } from '../test-support/assertions.js';
import { exeBytes, file, pdfBytes, pdfOfSize, pngBytes } from '../test-support/files.js';
import { getTestServer, type TestServer } from '../test-support/test-server.js';

describe('submitting a request', () => {
  let server: TestServer;
  let client: CitizenClient;
  const max = 64 * 1024;
  const valid = () => ({ fullName: 'Sara', subject: 'Permit', unitId: server.unitId, body: file(pdfBytes(), 'letter.pdf') });

  before(async () => {
    server = await getTestServer({ settings: { rules: { maxFileBytes: max } } });
    client = (await server.login()).client;
  });
  after(async () => {
    await server.close();
  });

  const cases: [string, () => Parameters<CitizenClient['submitRequest']>[0], string, number][] = [
    ['a file one byte over the limit', () => ({ ...valid(), body: file(pdfOfSize(max + 1), 'big.pdf') }), 'file_too_large', 413],
    ['a renamed executable', () => ({ ...valid(), body: file(exeBytes(), 'invoice.pdf') }), 'file_type_mismatch', 400],
    ['an executable by its name', () => ({ ...valid(), body: file(exeBytes(), 'setup.exe') }), 'file_type_not_allowed', 400],
    ['a PNG named .pdf', () => ({ ...valid(), body: file(pngBytes(), 'scan.pdf') }), 'file_type_mismatch', 400],
    ['an empty file', () => ({ ...valid(), body: file(new Uint8Array(0), 'empty.pdf') }), 'file_empty', 400],
    ['a missing full name', () => ({ ...valid(), fullName: '   ' }), 'field_required', 400],
    ['a 201-character subject', () => ({ ...valid(), subject: 'س'.repeat(201) }), 'field_too_long', 400],
    ['an unknown unit', () => ({ ...valid(), unitId: 'no-such-unit' }), 'unit_not_found', 400],
  ];
  for (const [name, input, code, status] of cases) {
    it(`should refuse ${name} with ${code} and store nothing`, async () => {
      const error = await rejectsWith(client.submitRequest(input()), code, status);
      if (code === 'file_too_large') assert.equal(error.details['max'], max);
      if (code === 'field_too_long') assert.deepEqual(error.details, { field: 'subject', max: 200 });
      if (code === 'field_required') assert.equal(error.details['field'], 'fullName');
      assert.deepEqual((await client.listRequests()).items, []);
    });
  }

  it('should accept a file of exactly the limit, a PNG and a 200-character subject', async () => {
    await client.submitRequest({ ...valid(), body: file(pdfOfSize(max), 'exact.pdf') });
    const png = await client.submitRequest({ ...valid(), subject: 'س'.repeat(200), body: file(pngBytes(), 'scan.PNG') });
    assert.equal(png.bodyFile.type, 'image/png');
  });

  it('should refuse a missing file, two files and a JSON body', async () => {
    const post = (body: FormData | string, type?: string) =>
      fetch(`${server.baseUrl}/v1/orgs/test-org/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, ...(type ? { 'content-type': type } : {}) },
        body,
      });
    const before = (await client.listRequests({ limit: 100 })).items.length;
    const noFile = new FormData();
    noFile.append('fullName', 'A');
    noFile.append('subject', 'B');
    noFile.append('unitId', server.unitId);
    assert.deepEqual(await errorOf(await post(noFile)), { status: 400, code: 'file_missing' });
    const two = new FormData();
    two.append('fullName', 'A');
    two.append('subject', 'B');
    two.append('unitId', server.unitId);
    two.append('body', file(pdfBytes(), 'a.pdf'));
    two.append('body', file(pdfBytes(), 'b.pdf'));
    assert.deepEqual(await errorOf(await post(two)), { status: 400, code: 'file_too_many' });
    assert.deepEqual(await errorOf(await post('{}', 'application/json')), { status: 415, code: 'unsupported_media_type' });
    assert.equal((await client.listRequests({ limit: 100 })).items.length, before);
  });

  it('should write no temp files, even for a refused upload', async () => {
    // formidable names its temp files with 32 hex digits in the system temp dir.
    const temp = async () => new Set((await readdir(tmpdir())).filter((name) => /^[0-9a-f]{32}$/.test(name)));
    const before = await temp();
    await client.submitRequest(valid());
    await rejectsWith(client.submitRequest({ ...valid(), body: file(pdfOfSize(max + 1), 'big.pdf') }), 'file_too_large', 413);
    const added = [...(await temp())].filter((name) => !before.has(name));
    assert.deepEqual(added, []);
  });

  it('should replay an idempotent retry and refuse the key with another body', async () => {
    const { client: fresh } = await server.login();
    const key = 'retry-key-1';
    const first = await fresh.submitRequest(valid(), { idempotencyKey: key });
    const again = await fresh.submitRequest(valid(), { idempotencyKey: key });
    assert.equal(again.id, first.id);
    assert.equal(again.trackingCode, first.trackingCode);
    assert.equal((await fresh.listRequests()).items.length, 1);
    await rejectsWith(fresh.submitRequest({ ...valid(), subject: 'Other' }, { idempotencyKey: key }), 'idempotency_key_reused', 422);
    const other = await server.login();
    const theirs = await other.client.submitRequest(valid(), { idempotencyKey: key });
    assert.notEqual(theirs.id, first.id);
  });
});
