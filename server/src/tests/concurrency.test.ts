import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { file, pdfBytes } from '../test-support/files.js';
import { getTestServer, type TestServer } from '../test-support/test-server.js';

describe('concurrent submissions', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
  });
  after(async () => {
    await server.close();
  });

  it('should accept 200 concurrent submissions with 200 distinct tracking codes', async () => {
    const { client } = await server.login();
    const body = pdfBytes('x'.repeat(100 * 1024));
    const results = await Promise.allSettled(
      Array.from({ length: 200 }, (_, i) =>
        client.submitRequest({ fullName: 'Concurrent', subject: `Request ${i}`, unitId: server.unitId, body: file(body, `r${i}.pdf`) }),
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
