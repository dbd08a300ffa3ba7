import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StaffClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { useTestServer } from '../test-support/test-server.js';

describe("the org's API keys, managed by its admins", () => {
  const server = useTestServer();

  it('should let an admin create a key with a role, list it without its secret, and revoke it', async () => {
    const admin = await server().staffMember({ role: 'admin' });
    const created = await admin.client.createApiKey({ label: 'archive', role: 'registrar' });
    assert.match(created.key, /^cc_live_/);
    const keyed = new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', apiKey: created.key });
    assert.deepEqual([(await keyed.me()).type, (await keyed.me()).role], ['api_key', 'registrar']);
    await rejectsWith(keyed.listApiKeys(), 'forbidden', 403);
    const listed = await admin.client.listApiKeys();
    const info = listed.find((key) => key.id === created.id);
    assert.equal(info?.label, 'archive');
    assert.ok(!JSON.stringify(listed).includes(created.key));
    await admin.client.revokeApiKey(created.id);
    await rejectsWith(keyed.me(), 'unauthorized', 401);
    await rejectsWith(admin.client.revokeApiKey('nope'), 'not_found', 404);
  });

  it('should keep keys to admins', async () => {
    const registrar = await server().staffMember({ role: 'registrar' });
    await rejectsWith(registrar.client.listApiKeys(), 'forbidden', 403);
    await rejectsWith(registrar.client.createApiKey({ role: 'admin' }), 'forbidden', 403);
  });
});
