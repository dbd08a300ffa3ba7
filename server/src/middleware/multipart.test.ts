import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { before, describe, it } from 'node:test';
import type { CitizenClient } from '@citizen-counter/sdk';
import { errorOf, rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pdfOfSize } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';

describe('reading a multipart submission', () => {
  const max = 64 * 1024;
  const server = useTestServer({ settings: { rules: { maxFileBytes: max } } });
  let client: CitizenClient;
  const valid = () => ({ fullName: 'Sara', subject: 'Permit', unitId: server().unitId, body: file(pdfBytes(), 'letter.pdf') });

  before(async () => {
    client = (await server().login()).client;
  });

  it('should refuse a missing file, two files and a JSON body', async () => {
    const post = (body: FormData | string, type?: string) =>
      fetch(`${server().baseUrl}/v1/orgs/test-org/requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${client.token}`, ...(type ? { 'content-type': type } : {}) },
        body,
      });
    const before = (await client.listRequests({ limit: 100 })).items.length;
    const noFile = new FormData();
    noFile.append('fullName', 'A');
    noFile.append('subject', 'B');
    noFile.append('unitId', server().unitId);
    assert.deepEqual(await errorOf(await post(noFile)), { status: 400, code: 'file_missing' });
    const two = new FormData();
    two.append('fullName', 'A');
    two.append('subject', 'B');
    two.append('unitId', server().unitId);
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
});
