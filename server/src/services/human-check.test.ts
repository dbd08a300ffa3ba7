import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CitizenClient } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { drawImageCheck } from './human-check.js';
import { fetchVia, useTestServer, type TestServer } from '../test-support/test-server.js';

/** A citizen client of `org` whose calls arrive as if from `address` through the one trusted proxy. */
function clientFrom(server: TestServer, address: string, org = server.org.id): CitizenClient {
  return new CitizenClient({
    baseUrl: server.baseUrl,
    org,
    fetch: fetchVia(address),
  });
}

describe('human checks per address', () => {
  const server = useTestServer({
    configure: (config) => {
      config.trustProxyHops = 1;
      config.addressLimits.challenges = 5;
    },
  });

  it('should give an address five in ten minutes across every org, and say the real wait', async () => {
    await server().createOrg('checks-other');
    const address = '203.0.113.20';
    for (let i = 0; i < 3; i++) await clientFrom(server(), address).createChallenge();
    for (let i = 0; i < 2; i++) await clientFrom(server(), address, 'checks-other').createChallenge();
    const refused = await rejectsWith(clientFrom(server(), address).createChallenge(), 'rate_limited', 429);
    assert.ok(Number(refused.details['retryAfter']) > 590 && Number(refused.details['retryAfter']) <= 600);
    await rejectsWith(clientFrom(server(), address, 'checks-other').createChallenge(), 'rate_limited', 429);
    // A neighbour is not refused, and the address gets checks again once its oldest has left the window.
    assert.equal((await clientFrom(server(), '203.0.113.21').createChallenge()).kind, 'pow');
    server().clock.advance(601_000);
    assert.equal((await clientFrom(server(), address).createChallenge()).kind, 'pow');
  });

  it('should let exactly five of forty simultaneous asks from one address through', async () => {
    const client = clientFrom(server(), '203.0.113.22');
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => client.createChallenge()));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'ok'));
    assert.deepEqual([codes.filter((code) => code === 'ok').length, codes.filter((code) => code === 'rate_limited').length], [5, 35]);
  });
});

describe('the image check on request', () => {
  const server = useTestServer();

  it('should give the image check when asked, and never a lighter one than the org chose', async () => {
    const client = server().citizenClient();
    const image = await client.createChallenge({ kind: 'image' });
    assert.equal(image.kind, 'image');
    if (image.kind === 'image') assert.match(image.image, /^data:image\/svg\+xml;base64,/);
    await server().createOrg('images-only', { humanCheck: 'image' });
    const response = await fetch(`${server().baseUrl}/v1/orgs/images-only/challenges?kind=pow`, { method: 'POST' });
    assert.equal(response.status, 400);
    assert.equal((await server().citizenClient('images-only').createChallenge()).kind, 'image');
  });
});

describe('drawImageCheck()', () => {
  it('should draw every letter whole, inside the image, in 300 draws', () => {
    for (let draw = 0; draw < 300; draw += 1) {
      const { svg, text } = drawImageCheck();
      const [, width, height] = /viewBox="0,0,(\d+),(\d+)"/.exec(svg)!.map(Number);
      // The letters are the filled paths; the noise lines are stroked with no fill.
      const letters = [...svg.matchAll(/<path fill="[^"]+" d="([^"]+)"/g)].map((match) => match[1]!);
      assert.equal(letters.length, text.length);
      for (const path of letters) {
        const numbers = path.match(/-?\d+(?:\.\d+)?/g)!.map(Number);
        const xs = numbers.filter((_, index) => index % 2 === 0);
        const ys = numbers.filter((_, index) => index % 2 === 1);
        assert.ok(Math.min(...xs) >= 0 && Math.max(...xs) <= width!, `a letter of ${text} leaves the image across (${Math.min(...xs)}…${Math.max(...xs)} of ${width})`);
        assert.ok(Math.min(...ys) >= 0 && Math.max(...ys) <= height!, `a letter of ${text} leaves the image up or down (${Math.min(...ys)}…${Math.max(...ys)} of ${height})`);
      }
    }
  });
});
