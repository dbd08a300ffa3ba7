import assert from 'node:assert/strict';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { before, describe, it } from 'node:test';
import { pdfOfSize } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';
import { UploadBudget } from './upload-budget.js';

describe('UploadBudget', () => {
  it('should refuse a reservation past the cap, let one alone through, and release once', () => {
    const budget = new UploadBudget(100);
    const release = budget.reserve(60);
    assert.throws(() => budget.reserve(50), (error: Error & { status?: number; code?: string }) => error.status === 503 && error.code === 'rate_limited');
    release();
    release();
    assert.equal(budget.inFlight, 0);
    // Larger than the cap, but nothing else is in flight: it must be able to go through.
    budget.reserve(500)();
    assert.equal(budget.inFlight, 0);
  });
});

/** A multipart submission whose body can be held half-sent. */
function submission(baseUrl: string, token: string, unitId: string, size: number) {
  const boundary = `cc-budget-${size}`;
  const head = Buffer.from(
    [['fullName', 'Sara'], ['subject', 'Budget'], ['unitId', unitId]]
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') + `--${boundary}\r\nContent-Disposition: form-data; name="body"; filename="f.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const body = Buffer.concat([head, Buffer.from(pdfOfSize(size)), Buffer.from(`\r\n--${boundary}--\r\n`)]);
  const outgoing = httpRequest(`${baseUrl}/v1/orgs/test-org/requests`, {
    method: 'POST',
    agent: false,
    headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': body.length },
  });
  const answer = new Promise<{ status: number; retryAfter: string | undefined; body: string }>((resolve, reject) => {
    outgoing.on('error', reject);
    outgoing.on('response', (response: IncomingMessage) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'], body: text }));
    });
  });
  return {
    answer,
    /** Sends the head and the first part of the file, and waits until it is written. */
    start: () => new Promise<void>((resolve) => outgoing.write(body.subarray(0, head.length + 1000), () => resolve())),
    finish: () => outgoing.end(body.subarray(head.length + 1000)),
  };
}

describe('upload bytes in flight', () => {
  const server = useTestServer({ configure: (config) => (config.uploadBytesInFlight = 100_000) });
  let token: string;

  before(async () => {
    token = (await server().login()).client.token ?? '';
  });

  it('should answer 503 with Retry-After to an upload past the cap, and take uploads again once the first is answered', async () => {
    const { baseUrl, unitId } = server();
    const first = submission(baseUrl, token, unitId, 60_000);
    await first.start();
    // The service has read the first one's head: its bytes are reserved.
    for (let tries = 0; tries < 100 && server().app.deps.uploads.inFlight === 0; tries++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(server().app.deps.uploads.inFlight > 0);
    const second = submission(baseUrl, token, unitId, 60_000);
    await second.start();
    second.finish();
    const refused = await second.answer;
    assert.equal(refused.status, 503);
    assert.equal(refused.retryAfter, '1');
    assert.equal((JSON.parse(refused.body) as { error: { code: string } }).error.code, 'rate_limited');
    first.finish();
    assert.equal((await first.answer).status, 201);
    const third = submission(baseUrl, token, unitId, 60_000);
    await third.start();
    third.finish();
    assert.equal((await third.answer).status, 201);
    assert.equal(server().app.deps.uploads.inFlight, 0);
  });
});
