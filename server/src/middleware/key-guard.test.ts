import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AdminClient, StaffClient, type ClientOptions } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { fetchVia, useTestServer, type TestServer } from '../test-support/test-server.js';

/** Calls arriving as if from `address` through the one trusted proxy. */
function from(address: string): Pick<ClientOptions, 'fetch'> {
  return { fetch: fetchVia(address) };
}

const admin = (server: TestServer, key: string, address: string) => new AdminClient({ baseUrl: server.baseUrl, adminKey: key, ...from(address) });
const staff = (server: TestServer, key: string, address: string) => new StaffClient({ baseUrl: server.baseUrl, org: server.org.id, apiKey: key, ...from(address) });

describe('wrong keys per address', () => {
  const server = useTestServer({
    configure: (config) => {
      config.trustProxyHops = 1;
      config.addressLimits.keyFailures = 3;
    },
  });

  it('should refuse even the right operator key once an address has tried three wrong ones, and say the real wait', async () => {
    const attacker = '203.0.113.10';
    for (let i = 0; i < 3; i++) await rejectsWith(admin(server(), `wrong-${i}`, attacker).listOrgs(), 'unauthorized', 401);
    const refused = await rejectsWith(admin(server(), server().adminKey, attacker).listOrgs(), 'rate_limited', 429);
    assert.ok(Number(refused.details['retryAfter']) > 590 && Number(refused.details['retryAfter']) <= 600);
    // /metrics is behind the same key and the same bound.
    const metrics = await fetch(`${server().baseUrl}/metrics`, { headers: { authorization: `Bearer ${server().adminKey}`, 'x-forwarded-for': attacker } });
    assert.equal(metrics.status, 429);
    assert.ok(Number(metrics.headers.get('retry-after')) > 590);
    // The operator elsewhere is not locked out.
    assert.ok((await admin(server(), server().adminKey, '198.51.100.20').listOrgs()).length >= 1);
    // Once the window has moved on, the address may try again.
    server().clock.advance(601_000);
    assert.ok((await admin(server(), server().adminKey, attacker).listOrgs()).length >= 1);
  });

  it('should count wrong staff keys and session tokens alike, and not a missing credential', async () => {
    const attacker = '203.0.113.11';
    const { key } = await server().admin.createApiKey(server().org.id, 'back office', 'admin');
    for (let i = 0; i < 5; i++) await rejectsWith(new StaffClient({ baseUrl: server().baseUrl, org: server().org.id, ...from(attacker) }).me(), 'unauthorized', 401);
    await rejectsWith(staff(server(), 'cck_not-a-key', attacker).me(), 'unauthorized', 401);
    await rejectsWith(staff(server(), 'ccs_not-a-session', attacker).me(), 'unauthorized', 401);
    await rejectsWith(staff(server(), 'cck_still-not-a-key', attacker).me(), 'unauthorized', 401);
    await rejectsWith(staff(server(), key, attacker).me(), 'rate_limited', 429);
    assert.equal((await staff(server(), key, '198.51.100.21').me()).role, 'admin');
  });

  it('should not count a real staff session that has expired', async () => {
    const address = '203.0.113.12';
    const member = await server().staffMember({ role: 'registrar' });
    const token = member.client.token;
    assert.ok(token);
    server().clock.advance(31 * 60 * 1000);
    for (let i = 0; i < 5; i++) await rejectsWith(staff(server(), token, address).me(), 'session_expired', 401);
  });

  it('should let no more than three of fifty simultaneous wrong keys be checked', async () => {
    const attacker = '203.0.113.13';
    const outcomes = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => admin(server(), `guess-${i}`, attacker).listOrgs()));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'ok'));
    assert.deepEqual([codes.filter((code) => code === 'unauthorized').length, codes.filter((code) => code === 'rate_limited').length], [3, 47]);
  });
});
