import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { errorOf } from './test-support/assertions.js';
import { useTestServer } from './test-support/test-server.js';

/**
 * Bad input anywhere gets a clear 4xx with a stable code, never a 500: compressed or malformed
 * bodies, broken percent-encoding in paths, the wrong JSON shape, methods a path does not have.
 */
describe('bad input at the edge', () => {
  const server = useTestServer();
  const url = (path: string) => `${server().baseUrl}${path}`;
  const postJson = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(url(path), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it('should read gzip and brotli JSON bodies, and answer a broken one with 400, not 500', async () => {
    const json = JSON.stringify({ phone: '09121234567', challenge: { id: 'x', answer: '1' } });
    for (const [encoding, body] of [['gzip', gzipSync(json)], ['br', brotliCompressSync(json)]] as const) {
      // Read: what fails is the made-up human check inside it.
      assert.deepEqual(await errorOf(await postJson('/v1/orgs/test-org/otp', body, { 'content-encoding': encoding })), { status: 400, code: 'human_check_failed' });
    }
    for (const encoding of ['gzip', 'br', 'deflate', 'zstd']) {
      const failure = await errorOf(await postJson('/v1/orgs/test-org/otp', Buffer.from('not compressed at all'), { 'content-encoding': encoding }));
      assert.ok(failure.status === 400 || failure.status === 415, `${encoding}: ${failure.status}`);
    }
  });

  it('should answer JSON that is not an object, or is broken, with 400', async () => {
    for (const body of ['[1, 2]', '"text"', '42', 'null', '{"phone": ', '\u0000']) {
      const failure = await errorOf(await postJson('/v1/orgs/test-org/otp', body));
      assert.equal(failure.status, 400, `${JSON.stringify(body)}: ${failure.status}`);
      assert.match(failure.code, /^invalid_(input|json)$/);
    }
  });

  it('should answer broken percent-encoding in any path with a 4xx', async () => {
    const paths = ['/v1/orgs/%ZZ', '/v1/orgs/%E0%A4%A', '/v1/orgs/test-org/%C0%AF', '/v1/orgs/test-org/requests/%FF%FE/files/x', '/widget/%ZZ.js', '/%ZZ', '/desk/%E0'];
    for (const path of paths) {
      const answer = await fetch(url(path));
      assert.ok(answer.status >= 400 && answer.status < 500, `${path}: ${answer.status}`);
    }
  });

  it('should say which methods a path has when it answers 405', async () => {
    const answer = await fetch(url('/v1/orgs/test-org'), { method: 'PUT' });
    assert.equal(answer.status, 405);
    assert.match(answer.headers.get('allow') ?? '', /GET/);
    assert.equal((await answer.json()).error.code, 'method_not_allowed');
  });

  it('should refuse a JSON body past the size cap with 413', async () => {
    const answer = await postJson('/v1/orgs/test-org/otp', JSON.stringify({ phone: 'x'.repeat(2_000_000) }));
    assert.equal(answer.status, 413);
    assert.equal((await answer.json()).error.code, 'payload_too_large');
  });
});
