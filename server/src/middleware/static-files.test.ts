import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import Koa from 'koa';
import { useTestServer } from '../test-support/test-server.js';
import { stableMaxAge, staticFiles } from './static-files.js';

describe('staticFiles({versioned: true})', () => {
  const source = `export const widget = ${JSON.stringify('x'.repeat(2000))};\n`;
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  let dir: string;
  let base: string;
  let close: () => Promise<void>;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-static-'));
    await writeFile(join(dir, 'citizen-counter.js'), source);
    await writeFile(join(dir, 'citizen-counter.js.br'), brotliCompressSync(source));
    await writeFile(join(dir, 'citizen-counter.js.gz'), gzipSync(source));
    await writeFile(join(dir, '.secret'), 'hidden');
    const koa = new Koa();
    koa.use(staticFiles({ prefix: '/widget/', root: () => dir, publicCors: true, versioned: true }));
    koa.use((ctx) => {
      ctx.status = 404;
      ctx.body = 'fell through';
    });
    const server = koa.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });
  after(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  // A browser revalidates with `max-age=0`; without it, fetch adds `no-cache`, which forbids a 304.
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${base}${path}`, { headers: { 'cache-control': 'max-age=0', ...headers }, redirect: 'manual' });

  it('should point the stable URL at the versioned one with a short cache', async () => {
    const response = await get('/widget/citizen-counter.js');
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `/widget/v/${hash}/citizen-counter.js`);
    assert.equal(response.headers.get('cache-control'), `public, max-age=${stableMaxAge}`);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
  });

  it('should send the precompressed brotli file, immutable for a year, with an ETag', async () => {
    const response = await get(`/widget/v/${hash}/citizen-counter.js`, { 'accept-encoding': 'br, gzip' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.equal(response.headers.get('cache-control'), 'public, max-age=31536000, immutable');
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.match(response.headers.get('vary') ?? '', /Accept-Encoding/i);
    assert.ok(response.headers.get('etag'));
    assert.ok(response.headers.get('last-modified'));
    // fetch would decode it; read the raw bytes through a manual decode instead.
    const raw = Buffer.from(await response.arrayBuffer());
    assert.equal(raw.length < source.length ? brotliDecompressSync(raw).toString() : raw.toString(), source);
  });

  it('should send gzip to a browser without brotli, and the plain file to one without either', async () => {
    const gzip = await get(`/widget/v/${hash}/citizen-counter.js`, { 'accept-encoding': 'gzip' });
    assert.equal(gzip.headers.get('content-encoding'), 'gzip');
    const raw = Buffer.from(await gzip.arrayBuffer());
    assert.equal(raw.length < source.length ? gunzipSync(raw).toString() : raw.toString(), source);
    const plain = await get(`/widget/v/${hash}/citizen-counter.js`, { 'accept-encoding': 'identity' });
    assert.equal(plain.headers.get('content-encoding'), null);
    assert.equal(await plain.text(), source);
  });

  it('should answer 304 to a revalidation with the ETag', async () => {
    const first = await get(`/widget/v/${hash}/citizen-counter.js`, { 'accept-encoding': 'br' });
    const tag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const again = await get(`/widget/v/${hash}/citizen-counter.js`, { 'accept-encoding': 'br', 'if-none-match': tag });
    assert.equal(again.status, 304);
    assert.equal((await again.arrayBuffer()).byteLength, 0);
    const since = await get(`/widget/v/${hash}/citizen-counter.js`, { 'accept-encoding': 'br', 'if-modified-since': first.headers.get('last-modified') ?? '' });
    assert.equal(since.status, 304);
  });

  it('should send an outdated version on to the current one, uncached', async () => {
    const response = await get('/widget/v/0123456789abcdef/citizen-counter.js');
    assert.equal(response.status, 302);
    assert.equal(response.headers.get('location'), `/widget/v/${hash}/citizen-counter.js`);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
  });

  it('should answer HEAD like GET without a body', async () => {
    const response = await fetch(`${base}/widget/v/${hash}/citizen-counter.js`, { method: 'HEAD', headers: { 'accept-encoding': 'br' } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-encoding'), 'br');
    assert.ok(response.headers.get('etag'));
  });

  it('should serve nothing outside its folder, no dot files and no unknown versions', async () => {
    for (const path of ['/widget/..%2F..%2Fetc%2Fpasswd', '/widget/v/0123456789abcdef/..%2F..%2Fetc%2Fpasswd', '/widget/.secret', '/widget/v/0123456789abcdef/missing.js', '/widget/missing.js']) {
      const response = await get(path);
      assert.equal(response.status, 404, path);
      assert.equal(await response.text(), 'fell through', path);
      assert.equal(response.headers.get('cache-control'), null, path);
    }
  });
});

describe('the widget files of the service', () => {
  const server = useTestServer();
  before(async () => {
    await mkdir(server().config.widgetDist, { recursive: true });
    await writeFile(join(server().config.widgetDist, 'citizen-counter.js'), 'export {};\n');
  });

  it('should serve the widget bundle to any site and nothing outside its folder', async () => {
    const response = await fetch(`${server().baseUrl}/widget/citizen-counter.js`);
    assert.equal(response.status, 200);
    assert.match(response.url, /\/widget\/v\/[0-9a-f]{16}\/citizen-counter\.js$/);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const traversal = await fetch(`${server().baseUrl}/widget/..%2F..%2Fetc%2Fpasswd`);
    assert.equal(traversal.status, 404);
  });
});
