import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import Koa from 'koa';
import { AppError } from '../errors/app-error.js';
import { errorHandler } from './error-handler.js';

/** A Koa app with only the error handler in front of `fail`, on an ephemeral port. */
async function serve(fail: () => never): Promise<{ url: string; emitted: unknown[]; close(): Promise<void> }> {
  const koa = new Koa();
  const emitted: unknown[] = [];
  koa.on('error', (error: unknown) => emitted.push(error));
  koa.use(errorHandler);
  koa.use(() => fail());
  const server = koa.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    emitted,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('errorHandler', () => {
  it('should answer an unexpected error with a bare 500 and hand the original to app.on("error")', async () => {
    const original = new Error('secret internals');
    const app = await serve(() => {
      throw original;
    });
    try {
      const response = await fetch(app.url);
      assert.equal(response.status, 500);
      const body = (await response.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'internal_error');
      assert.doesNotMatch(JSON.stringify(body), /secret internals/);
      assert.deepEqual(app.emitted, [original]);
    } finally {
      await app.close();
    }
  });

  it('should send Retry-After from any error whose details carry retryAfter, rounded up', async () => {
    const app = await serve(() => {
      throw new AppError(503, 'internal_error', 'Busy.', { retryAfter: 2.2 });
    });
    try {
      const response = await fetch(app.url);
      assert.equal(response.status, 503);
      assert.equal(response.headers.get('retry-after'), '3');
      assert.deepEqual(app.emitted.length, 1);
    } finally {
      await app.close();
    }
  });

  it('should not emit expected 4xx failures as errors', async () => {
    const app = await serve(() => {
      throw new AppError(429, 'rate_limited', 'Slow down.', { retryAfter: 30 });
    });
    try {
      const response = await fetch(app.url);
      assert.equal(response.status, 429);
      assert.equal(response.headers.get('retry-after'), '30');
      assert.deepEqual(app.emitted, []);
    } finally {
      await app.close();
    }
  });
});
