import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';

describe('an Idempotency-Key', () => {
  const server = useTestServer();
  const valid = () => ({ fullName: 'Sara', subject: 'Permit', unitId: server().unitId, body: file(pdfBytes(), 'letter.pdf') });


  it('should replay an idempotent retry and refuse the key with another body', async () => {
    const { client: fresh } = await server().login();
    const key = 'retry-key-1';
    const first = await fresh.submitRequest(valid(), { idempotencyKey: key });
    const again = await fresh.submitRequest(valid(), { idempotencyKey: key });
    assert.equal(again.id, first.id);
    assert.equal(again.trackingCode, first.trackingCode);
    assert.equal((await fresh.listRequests()).items.length, 1);
    await rejectsWith(fresh.submitRequest({ ...valid(), subject: 'Other' }, { idempotencyKey: key }), 'idempotency_key_reused', 422);
    const other = await server().login();
    const theirs = await other.client.submitRequest(valid(), { idempotencyKey: key });
    assert.notEqual(theirs.id, first.id);
  });

  it('should file one request for ten retries of one key sent at once, each answered with it', async () => {
    const { client } = await server().login();
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.submitRequest(valid(), { idempotencyKey: 'burst-key' })));
    assert.equal(new Set(answers.map((answer) => answer.id)).size, 1);
    assert.equal((await client.listRequests()).items.length, 1);
  });
});
