import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorOf } from '../test-support/assertions.js';
import { useTestServer } from '../test-support/test-server.js';

describe("an org's allowed origins", () => {
  const server = useTestServer({ settings: { allowedOrigins: ['https://city.example'] } });

  it('should answer an allowed origin, its preflight, and refuse others', async () => {
    const url = `${server().baseUrl}/v1/orgs/test-org`;
    const allowed = await fetch(url, { headers: { origin: 'https://city.example' } });
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://city.example');
    assert.equal(allowed.headers.get('access-control-allow-credentials'), null);
    const preflight = await fetch(`${url}/otp`, {
      method: 'OPTIONS',
      headers: { origin: 'https://city.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get('access-control-allow-headers') ?? '', /Idempotency-Key/);
    const denied = await fetch(url, { headers: { origin: 'https://evil.example' } });
    assert.deepEqual(await errorOf(denied), { status: 403, code: 'origin_not_allowed' });
    // The page may read that it was refused (and nothing more: no methods, no headers).
    assert.equal(denied.headers.get('access-control-allow-origin'), 'https://evil.example');
    const deniedSend = await fetch(`${url}/otp`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'text/plain' }, body: '{}' });
    assert.deepEqual(await errorOf(deniedSend), { status: 403, code: 'origin_not_allowed' });
    const deniedPreflight = await fetch(`${url}/otp`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
    assert.equal(deniedPreflight.status, 403);
    assert.equal(deniedPreflight.headers.get('access-control-allow-origin'), null);
    const same = await fetch(url, { headers: { origin: server().baseUrl } });
    assert.equal(same.status, 200);
  });
});
