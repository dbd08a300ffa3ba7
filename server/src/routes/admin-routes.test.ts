import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdminClient, StaffClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { useTestServer } from '../test-support/test-server.js';

describe('the admin API', () => {
  const server = useTestServer();

  it('should create, list, read and update orgs', async () => {
    const org = await server().admin.createOrg({ id: 'city', name: { fa: 'شهرداری', en: 'City Hall' }, settings: { humanCheck: 'image' } });
    assert.equal(org.settings.humanCheck, 'image');
    assert.equal(org.settings.otp.ttlSeconds, 300);
    assert.ok((await server().admin.listOrgs()).some((item) => item.id === 'city'));
    assert.equal((await server().admin.getOrg('city')).name.en, 'City Hall');
    const updated = await server().admin.updateOrg('city', { name: { fa: 'شهر', en: 'City' }, settings: { otp: { ttlSeconds: 600 } } });
    assert.equal(updated.name.en, 'City');
    assert.equal(updated.settings.otp.ttlSeconds, 600);
    await rejectsWith(server().admin.createOrg({ id: 'city', name: { fa: 'x', en: 'x' } }), 'org_exists', 409);
    await rejectsWith(server().admin.createOrg({ id: 'Bad Id', name: { fa: 'x', en: 'x' } }), 'invalid_input', 400);
    await rejectsWith(server().admin.getOrg('nope'), 'org_not_found', 404);
  });

  it('should give an image human check to orgs that chose it', async () => {
    const challenge = await server().citizenClient('city').createChallenge();
    assert.equal(challenge.kind, 'image');
    if (challenge.kind === 'image') {
      assert.match(challenge.image, /^data:image\/svg\+xml;base64,/);
      assert.equal(challenge.length, 5);
    }
    await rejectsWith(
      server().citizenClient('city').requestOtp({ phone: '09121234567', challenge: { id: challenge.id, answer: 'wrong' } }),
      'human_check_failed',
      400,
    );
  });

  it('should create keys shown once, list them by prefix and revoke them', async () => {
    const created = await server().admin.createApiKey('city', 'inbox');
    assert.match(created.key, /^cc_live_/);
    assert.equal(created.prefix, created.key.slice(0, 12));
    const listed = await server().admin.listApiKeys('city');
    assert.equal(listed.length, 1);
    assert.equal('key' in listed[0]!, false);
    const staff = new StaffClient({ baseUrl: server().baseUrl, org: 'city', apiKey: created.key });
    assert.equal((await staff.getOrg()).id, 'city');
    await server().admin.revokeApiKey('city', created.id);
    assert.ok((await server().admin.listApiKeys('city'))[0]?.revokedAt);
    await rejectsWith(staff.getOrg(), 'unauthorized', 401);
  });

  it('should refuse a wrong admin key', async () => {
    const wrong = new AdminClient({ baseUrl: server().baseUrl, adminKey: 'nope' });
    await rejectsWith(wrong.listOrgs(), 'unauthorized', 401);
    const staffKey = (await server().admin.createApiKey('test-org')).key;
    await rejectsWith(new AdminClient({ baseUrl: server().baseUrl, adminKey: staffKey }).listOrgs(), 'unauthorized', 401);
  });
});
