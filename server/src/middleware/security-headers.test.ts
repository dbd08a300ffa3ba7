import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { errorOf } from '../test-support/assertions.js';
import { useTestServer } from '../test-support/test-server.js';
import { deskPolicy, pagePolicy } from './security-headers.js';

const demoDir = fileURLToPath(new URL('../../../demo/', import.meta.url));

describe('security headers on every path', () => {
  const server = useTestServer({
    configure: (config) => {
      config.demoDir = demoDir;
    },
  });
  before(async () => {
    await mkdir(server().config.widgetDist, { recursive: true });
    await writeFile(join(server().config.widgetDist, 'citizen-counter.js'), 'export {};\n');
    await writeFile(join(server().config.widgetDist, 'citizen-counter.js.map'), '{}');
  });

  it("should give pages and the widget's files the page policy, and API answers the strict one", async () => {
    for (const path of ['/', '/demo.css', '/widget/citizen-counter.js']) {
      const response = await fetch(`${server().baseUrl}${path}`);
      assert.equal(response.status, 200, path);
      assert.equal(response.headers.get('content-security-policy'), pagePolicy, path);
      assert.match(pagePolicy, /frame-ancestors 'self'/);
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN', path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(response.headers.get('referrer-policy'), 'no-referrer', path);
      assert.equal(response.headers.get('strict-transport-security'), null, path);
    }
    const api = await fetch(`${server().baseUrl}/v1/orgs/test-org`);
    assert.equal(api.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    assert.equal(api.headers.get('x-frame-options'), 'DENY');
  });

  it('should let the staff desk page preview downloaded files from blobs, and nothing more', async () => {
    const response = await fetch(`${server().baseUrl}/desk`);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /<counter-desk/);
    assert.equal(response.headers.get('content-security-policy'), deskPolicy);
    assert.match(deskPolicy, /img-src 'self' data: blob:; frame-src blob:;/);
    assert.equal(deskPolicy.replace(" blob:; frame-src blob:", ''), pagePolicy);
  });

  it("should not serve the demo's package.json, and serve source maps while not in production", async () => {
    assert.equal((await fetch(`${server().baseUrl}/package.json`)).status, 404);
    assert.equal((await fetch(`${server().baseUrl}/widget/citizen-counter.js.map`)).status, 200);
  });

  it('should take a call whose Origin is the Host it came to as same-origin while no PUBLIC_URL is set', async () => {
    const response = await fetch(`${server().baseUrl}/v1/orgs/test-org`, { headers: { origin: server().baseUrl } });
    assert.equal(response.status, 200);
  });
});

describe('behind PUBLIC_URL over https, in production', () => {
  const server = useTestServer({
    configure: (config) => {
      config.publicUrl = 'https://counter.example.org';
      config.production = true;
      // Production refuses the dev SMS inbox; nothing in these tests sends an SMS.
      config.sms = { provider: 'http', url: 'http://127.0.0.1:9/', token: null };
      config.demoDir = demoDir;
    },
  });
  before(async () => {
    await mkdir(server().config.widgetDist, { recursive: true });
    await writeFile(join(server().config.widgetDist, 'citizen-counter.js.map'), '{}');
  });

  it('should send HSTS and keep source maps to itself', async () => {
    const response = await fetch(`${server().baseUrl}/`);
    assert.equal(response.headers.get('strict-transport-security'), 'max-age=31536000');
    assert.equal((await fetch(`${server().baseUrl}/widget/citizen-counter.js.map`)).status, 404);
  });

  it('should check a page on a name pointed at this server (DNS rebinding) like any other origin', async () => {
    // The attacker's page and the Host header both say evil.example: only PUBLIC_URL is same-origin now.
    const response = await fetch(`${server().baseUrl}/v1/orgs/test-org`, { headers: { origin: server().baseUrl } });
    assert.deepEqual(await errorOf(response), { status: 403, code: 'origin_not_allowed' });
    const own = await fetch(`${server().baseUrl}/v1/orgs/test-org`, { headers: { origin: 'https://counter.example.org' } });
    assert.equal(own.status, 200);
  });
});
