import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorOf } from './test-support/assertions.js';
import { useTestServer } from './test-support/test-server.js';

describe('HTTP behaviour', () => {
  const server = useTestServer();

  it('should give every answer a request id, the caller’s when it sends a plain one', async () => {
    const given = await fetch(`${server().baseUrl}/v1/orgs/test-org`, { headers: { 'x-request-id': 'desk-7f3a' } });
    assert.equal(given.headers.get('x-request-id'), 'desk-7f3a');
    const missing = await fetch(`${server().baseUrl}/v1/orgs/no-such-org`);
    assert.equal(missing.status, 404);
    assert.match(missing.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
  });

  it('should report health', async () => {
    const response = await fetch(`${server().baseUrl}/healthz`);
    const health = (await response.json()) as { status: string; database: string };
    assert.equal(health.status, 'ok');
    assert.equal(health.database, process.env['TEST_DATABASE_URL'] ? 'postgres' : 'sqlite');
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  });

  it('should answer /favicon.ico with no content, so that no page of the service logs a 404 for it', async () => {
    const icon = await fetch(`${server().baseUrl}/favicon.ico`);
    assert.equal(icon.status, 204);
    assert.equal(await icon.text(), '');
    assert.match(icon.headers.get('cache-control') ?? '', /max-age=\d+/);
    const other = await fetch(`${server().baseUrl}/favicon.png`);
    assert.equal(other.status, 404);
  });

  it('should list every route in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server().baseUrl}/v1/openapi.json`)).json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers.map((entry) => entry.url), [server().baseUrl]);
    assert.ok(server().app.routes.length >= 30);
    for (const route of server().app.routes) {
      const [method, path] = route.split(' ') as [string, string];
      const openApiPath = path.replace(/:(\w+)/g, '{$1}').replace(/\/$/, '');
      const operation = doc.paths[openApiPath]?.[method.toLowerCase()];
      assert.ok(operation, `${route} is missing from the OpenAPI document`);
      assert.ok(operation.responses['4XX'], `${route} has no error schema`);
    }
  });

  it('should never answer bad input with a 500', async () => {
    const cases: [string, RequestInit, number, string][] = [
      ['/nowhere', {}, 404, 'not_found'],
      ['/v1/orgs/test-org/otp', { method: 'GET' }, 405, 'method_not_allowed'],
      ['/v1/orgs/test-org/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"phone":' }, 400, 'invalid_json'],
      ['/v1/orgs/test-org/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' }, 400, 'invalid_json'],
      ['/v1/orgs/test-org/otp', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone: 'x'.repeat(200_000) }) }, 413, 'payload_too_large'],
      ['/v1/orgs/test-org/sessions', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' }, 400, 'invalid_input'],
      ['/v1/orgs/%E0%A4%A', {}, 404, 'org_not_found'],
      ['/v1/orgs/test-org/requests', { headers: { authorization: 'Bearer nope' } }, 401, 'unauthorized'],
      ['/v1/orgs/test-org/requests', { method: 'POST', headers: { authorization: 'Basic abc', 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--' }, 401, 'unauthorized'],
      ['/v1/orgs/test-org/staff/requests', {}, 401, 'unauthorized'],
      ['/v1/admin/orgs', { method: 'POST', headers: { authorization: `Bearer ${server().adminKey}`, 'content-type': 'application/json' }, body: '{"id":5}' }, 400, 'invalid_input'],
      ['/v1/admin/orgs/test-org', { method: 'PATCH', headers: { authorization: `Bearer ${server().adminKey}`, 'content-type': 'application/json' }, body: '{"settings":{"rules":{"maxFileBytes":"big"}}}' }, 400, 'invalid_input'],
    ];
    for (const [path, init, status, code] of cases) {
      const response = await fetch(`${server().baseUrl}${path}`, init);
      assert.deepEqual(await errorOf(response), { status, code }, `${init.method ?? 'GET'} ${path}`);
    }
  });

  it('should name the allowed methods on a 405', async () => {
    const response = await fetch(`${server().baseUrl}/v1/orgs/test-org/otp`, { method: 'PUT' });
    assert.deepEqual(await errorOf(response), { status: 405, code: 'method_not_allowed' });
    assert.equal(response.headers.get('allow'), 'POST');
    const unknown = await fetch(`${server().baseUrl}/v1/orgs/test-org`, { method: 'PROPFIND' });
    assert.deepEqual(await errorOf(unknown), { status: 405, code: 'method_not_allowed' });
    assert.match(unknown.headers.get('allow') ?? '', /GET/);
  });

  it('should refuse a compressed JSON body that does not decompress with a 400, and take a good one', async () => {
    const { gzipSync } = await import('node:zlib');
    const url = `${server().baseUrl}/v1/orgs/test-org/otp`;
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': encoding }, body: 'not compressed at all' });
      assert.deepEqual(await errorOf(response), { status: 400, code: 'invalid_input' }, encoding);
    }
    const good = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: gzipSync('{"phone":"09121234567"}') });
    // Read and checked: the only fault left is the missing human check.
    assert.deepEqual(await errorOf(good), { status: 400, code: 'field_required' });
  });

  it('should refuse a broken multipart body with a 4xx', async () => {
    const { client } = await server().login();
    const response = await fetch(`${server().baseUrl}/v1/orgs/test-org/requests`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.token}`, 'content-type': 'multipart/form-data; boundary=abc' },
      body: '--abc\r\nContent-Disposition: form-data; name="body"; filename="a.pdf"\r\n\r\n%PDF-1.4 truncated',
    });
    assert.ok(response.status >= 400 && response.status < 500, String(response.status));
  });

  it('should list dev SMS newest first', async () => {
    const { phone } = await server().login();
    const response = await fetch(`${server().baseUrl}/dev/sms?org=test-org`);
    const { items } = (await response.json()) as { items: { to: string; text: string }[] };
    assert.ok(items.length >= 1);
    assert.equal(items[0]?.to, `+98${phone.slice(1)}`);
  });
});
