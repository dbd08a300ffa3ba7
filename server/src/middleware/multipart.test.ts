import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { before, describe, it } from 'node:test';
import type { CitizenClient } from '@citizen-counter/sdk';
import { errorOf, rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes, pdfOfSize } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';
import { cleanFileName } from './multipart.js';

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

  it('should count a second file part that does not say its type, and store nothing', async () => {
    const boundary = 'cc-test-boundary';
    const part = (headers: string, value: string) => `--${boundary}\r\n${headers}\r\n\r\n${value}\r\n`;
    const pdf = Buffer.from(pdfBytes()).toString('latin1');
    const body =
      part('Content-Disposition: form-data; name="fullName"', 'A') +
      part('Content-Disposition: form-data; name="subject"', 'B') +
      part('Content-Disposition: form-data; name="unitId"', server().unitId) +
      part('Content-Disposition: form-data; name="body"; filename="a.pdf"\r\nContent-Type: application/pdf', pdf) +
      part('Content-Disposition: form-data; name="body"; filename="b.pdf"', pdf) +
      `--${boundary}--\r\n`;
    const before = (await client.listRequests({ limit: 100 })).items.length;
    const answer = await fetch(`${server().baseUrl}/v1/orgs/test-org/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.from(body, 'latin1'),
    });
    assert.deepEqual(await errorOf(answer), { status: 400, code: 'file_too_many' });
    assert.equal((await client.listRequests({ limit: 100 })).items.length, before);
  });

  it('should store file names without hidden characters, cut before the extension', async () => {
    const spoofed = await client.submitRequest({ ...valid(), body: file(pdfBytes(), 'invoice\u202Efdp.exe\u200b\ufeff\u2066.pdf') });
    assert.equal(spoofed.bodyFile.name, 'invoicefdp.exe.pdf');
    const long = await client.submitRequest({ ...valid(), body: file(pdfBytes(), `${'ن'.repeat(1000)}.pdf`) });
    assert.equal(long.bodyFile.name, `${'ن'.repeat(251)}.pdf`);
  });
});

describe('cleanFileName', () => {
  it('should keep the last path segment and Persian spelling, and drop what hides or reorders text', () => {
    assert.equal(cleanFileName('C:\\Users\\me\\نامه\u200cها.pdf'), 'نامه\u200cها.pdf');
    assert.equal(cleanFileName('../../etc/passwd'), 'passwd');
    assert.equal(cleanFileName('a\u202bb\u202cc\u2067d\u2069\u200e\u200f\u061c.png'), 'abcd.png');
    assert.equal(cleanFileName('\u0000\u001f\u007f'), 'file');
    assert.equal(cleanFileName(''), 'file');
  });

  it('should cut a long name before its extension, and a name without one at 255 characters', () => {
    assert.equal(cleanFileName(`${'a'.repeat(1000)}.docx`), `${'a'.repeat(250)}.docx`);
    assert.equal(cleanFileName('b'.repeat(1000)).length, 255);
    assert.equal(cleanFileName(`${'c'.repeat(300)}.${'x'.repeat(40)}`).length, 255);
  });
});
