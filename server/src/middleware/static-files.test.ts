import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { useTestServer } from '../test-support/test-server.js';

describe('the widget files', () => {
  const server = useTestServer();
  before(async () => {
    await mkdir(server().config.widgetDist, { recursive: true });
    await writeFile(join(server().config.widgetDist, 'citizen-counter.js'), 'export {};\n');
  });

  it('should serve the widget bundle to any site and nothing outside its folder', async () => {
    const response = await fetch(`${server().baseUrl}/widget/citizen-counter.js`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /javascript/);
    assert.equal(response.headers.get('access-control-allow-origin'), '*');
    const traversal = await fetch(`${server().baseUrl}/widget/..%2F..%2Fetc%2Fpasswd`);
    assert.equal(traversal.status, 404);
  });
});
