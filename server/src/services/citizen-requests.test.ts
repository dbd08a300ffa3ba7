import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CitizenClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { exeBytes, file, pdfBytes, pdfOfSize, pngBytes, tiffBytes } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';

describe('submitting a request', () => {
  const max = 64 * 1024;
  const server = useTestServer({ settings: { rules: { maxFileBytes: max } } });
  let client: CitizenClient;
  const valid = () => ({ fullName: 'Sara', subject: 'Permit', unitId: server().unitId, body: file(pdfBytes(), 'letter.pdf') });

  before(async () => {
    client = (await server().login()).client;
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

  it('should accept a TIFF named .tif where the rules say tiff, and publish both spellings', async () => {
    const profile = await client.getOrg();
    assert.ok(profile.rules.allowedExtensions.includes('tiff') && profile.rules.allowedExtensions.includes('tif'));
    const tif = await client.submitRequest({ ...valid(), body: file(tiffBytes(), 'scan.tif') });
    assert.equal(tif.bodyFile.type, 'image/tiff');
    await rejectsWith(client.submitRequest({ ...valid(), body: file(pdfBytes(), 'scan.tif') }), 'file_type_mismatch', 400);
  });
});

describe('concurrent submissions', () => {
  const server = useTestServer();

  it('should accept 200 concurrent submissions with 200 distinct tracking codes', async () => {
    const { client } = await server().login();
    const body = pdfBytes('x'.repeat(100 * 1024));
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        client.submitRequest({ fullName: 'Concurrent', subject: `Request ${i}`, unitId: server().unitId, body: file(body, `r${i}.pdf`) }),
      ),
    );
    const failures = results.filter((result) => result.status === 'rejected');
    assert.deepEqual(failures.map((failure) => String((failure as PromiseRejectedResult).reason)).slice(0, 3), []);
    const codes = new Set(results.map((result) => (result as PromiseFulfilledResult<{ trackingCode: string }>).value.trackingCode));
    assert.equal(codes.size, 200);
    let count = 0;
    let cursor: string | null = null;
    do {
      const page = await client.listRequests({ limit: 100, ...(cursor ? { cursor } : {}) });
      count += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    assert.equal(count, 200);
  });
});
