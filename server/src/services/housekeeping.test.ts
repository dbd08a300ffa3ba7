import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { removeStaleRows } from './housekeeping.js';
import { rejectsWith } from '../test-support/assertions.js';
import { useTestServer } from '../test-support/test-server.js';

describe('housekeeping', () => {
  const server = useTestServer();

  it('should remove stale login rows and keep what still counts', async () => {
    const { client } = await server().login();
    const { deps } = server().app;
    const { db } = deps;
    assert.equal(await removeStaleRows(deps), 0);
    assert.equal(await db.models.OtpCode.count(), 1);
    server().clock.advance(3 * 24 * 60 * 60 * 1000);
    assert.ok((await removeStaleRows(deps)) >= 3);
    assert.equal(await db.models.OtpCode.count(), 0);
    assert.equal(await db.models.HumanCheck.count(), 0);
    assert.equal(await db.models.Session.count(), 0);
    await rejectsWith(client.listRequests(), 'unauthorized', 401);
  });
});
