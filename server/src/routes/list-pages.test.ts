import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { file, pdfBytes } from '../test-support/files.js';
import { useTestServer } from '../test-support/test-server.js';

describe('listRequestPages() through the SDK', () => {
  const server = useTestServer();

  it("should walk every page of a citizen's 26 requests and of the desk's list exactly once, newest first", async () => {
    const { org, unitId } = await server().createOrg('paged-org');
    const citizen = await server().login({ org: org.id });
    const sent: string[] = [];
    for (let index = 0; index < 26; index++) {
      const request = await citizen.client.submitRequest({ fullName: 'Sara', subject: `Request ${index}`, unitId, body: file(pdfBytes(String(index)), 'letter.pdf') });
      sent.push(request.id);
      // Distinct times, so that newest first is one order.
      server().clock.advance(1_000);
    }
    const newestFirst = [...sent].reverse();

    const sizes: number[] = [];
    const seen: string[] = [];
    for await (const page of citizen.client.listRequestPages({ limit: 10 })) {
      sizes.push(page.items.length);
      seen.push(...page.items.map((item) => item.id));
    }
    assert.deepEqual(sizes, [10, 10, 6]);
    assert.deepEqual(seen, newestFirst);

    const desk = await server().staff(org.id);
    const deskSeen: string[] = [];
    for await (const page of desk.listRequestPages({ limit: 7 }, { timeout: 10_000 })) deskSeen.push(...page.items.map((item) => item.id));
    assert.deepEqual(deskSeen, newestFirst);
    assert.deepEqual((await desk.listRequests({ limit: 7 })).items.map((item) => item.id), newestFirst.slice(0, 7));
  });
});
