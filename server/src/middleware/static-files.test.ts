import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { getTestServer, type TestServer } from '../test-support/test-server.js';

describe('the widget files', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
    await mkdir(server.config.widgetDist, { recursive: true });
    await writeFile(join(server.config.widgetDist, 'citizen-counter.js'), 'export {};\n');
  });
  after(async () => {
    await server.close();
  });

  it('should serve the widget bundle to any site and nothing outside its folder', async () => {
    const response = await fetch(`${server.baseUrl}/widget/citizen-counter.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const traversal = await fetch(`${server.baseUrl}/widget/..%2F..%2Fetc%2Fpasswd`);
    assert.equal(traversal.status, 404);
  });
});
