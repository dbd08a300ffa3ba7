import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import Koa from 'koa';
import { createLogger } from '../lib/logger.js';
import { requestLog } from './request-log.js';

describe('requestLog(logger)', () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  let base: string;
  let close: () => Promise<void>;

  before(async () => {
    const koa = new Koa();
    koa.use(requestLog(createLogger('info', sink)));
    koa.use((ctx) => {
      if (ctx.path === '/boom') ctx.status = 503;
      ctx.body = { ok: ctx.state['requestId'] };
    });
    const server = koa.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  after(() => close());

  /** The log lines written for one request id. */
  const linesOf = async (id: string) => {
    await new Promise((resolve) => setImmediate(resolve));
    return lines.filter((line) => line['requestId'] === id);
  };

  it('should keep a plain X-Request-Id, send it back and write one line without the query or the token', async () => {
    const response = await fetch(`${base}/v1/orgs/demo/requests?trackingCode=123456`, {
      headers: { 'x-request-id': 'edge-42.a', authorization: 'Bearer secret-token-value' },
    });
    assert.equal(response.headers.get('x-request-id'), 'edge-42.a');
    assert.deepEqual(await response.json(), { ok: 'edge-42.a' });
    const logged = await linesOf('edge-42.a');
    assert.equal(logged.length, 1);
    assert.deepEqual(
      [logged[0]?.['msg'], logged[0]?.['method'], logged[0]?.['path'], logged[0]?.['status'], logged[0]?.['level']],
      ['request', 'GET', '/v1/orgs/demo/requests', 200, 30],
    );
    assert.equal(typeof logged[0]?.['ms'], 'number');
    assert.equal(logged[0]?.['bytes'], Buffer.byteLength(JSON.stringify({ ok: 'edge-42.a' })));
    assert.doesNotMatch(JSON.stringify(lines), /secret-token-value|123456/);
  });

  it('should replace an id that could forge a log line or is too long', async () => {
    for (const forged of ['a b', 'x'.repeat(101), 'line"break']) {
      const response = await fetch(`${base}/`, { headers: { 'x-request-id': forged } });
      const id = response.headers.get('x-request-id') ?? '';
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal((await linesOf(id)).length, 1);
    }
  });

  it('should log a 5xx answer at error level', async () => {
    const response = await fetch(`${base}/boom`);
    const logged = await linesOf(response.headers.get('x-request-id') ?? '');
    assert.equal(logged[0]?.['level'], 50);
    assert.equal(logged[0]?.['status'], 503);
  });
});
