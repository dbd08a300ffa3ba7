import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CitizenClient, StaffClient, solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { rejectsWith } from './test-support/assertions.js';
import { file, pdfBytes } from './test-support/files.js';
import { e164, uniquePhone, useTestServer } from './test-support/test-server.js';

const solved = async (client: CitizenClient) => solveChallenge((await client.createChallenge()) as PowChallenge);

// Several processes on one database is what PostgreSQL is there for; SQLite has one writer process.
if (process.env['TEST_DATABASE_URL']) {
  describe('two services on one PostgreSQL database', () => {
    const server = useTestServer();
    let other = '';
    before(async () => {
      other = (await server().sibling()).baseUrl;
    });

    it('should share the code limits, the codes and the sessions', async () => {
      const phone = uniquePhone();
      const first = server().citizenClient();
      const second = new CitizenClient({ baseUrl: other, org: 'test-org' });
      await first.requestOtp({ phone, challenge: await solved(first) });
      // The cooldown the first service started holds on the second.
      await rejectsWith(second.requestOtp({ phone, challenge: await solved(second) }), 'otp_cooldown', 429);
      // A code sent by one logs in on the other, once.
      const code = await server().latestCode(e164(phone));
      const session = await second.login({ phone, code });
      await rejectsWith(first.login({ phone, code }), 'otp_used', 400);
      // The session works on both; ended on one, it is over on the other within a second (its
      // session cache lives that long).
      const sameOnFirst = new CitizenClient({ baseUrl: server().baseUrl, org: 'test-org', token: session.token });
      assert.deepEqual((await sameOnFirst.listRequests()).items, []);
      await second.logout();
      await new Promise((resolve) => setTimeout(resolve, 1100));
      await rejectsWith(sameOnFirst.listRequests(), 'unauthorized', 401);
    });

    it('should number letters without gaps or repeats across both, and deliver each SMS once', async () => {
      const citizen = await server().login();
      const requests = [];
      for (let i = 0; i < 20; i++) {
        requests.push(await citizen.client.submitRequest({ fullName: 'Sara', subject: `Shared ${i}`, unitId: server().unitId, body: file(pdfBytes(`shared ${i}`), 'a.pdf') }));
      }
      const { key } = await server().admin.createApiKey('test-org', 'two services', 'admin');
      const desks = [new StaffClient({ baseUrl: server().baseUrl, org: 'test-org', apiKey: key }), new StaffClient({ baseUrl: other, org: 'test-org', apiKey: key })];
      const approved = await Promise.all(requests.map((request, i) => desks[i % 2]!.approve(request.id)));
      const sequence = approved.map((request) => Number(request.letterNumber!.split('/')[0])).sort((a, b) => a - b);
      const lowest = sequence[0]!;
      assert.deepEqual(sequence, sequence.map((_, i) => lowest + i));

      // Both outbox workers poll the same rows: each approval SMS reaches the citizen once.
      const approvals = async () => (await server().readSms(e164(citizen.phone))).filter((sms) => !/\d{6}/.test(sms.text) || sms.text.includes('/'));
      const deadline = Date.now() + 15_000;
      while ((await approvals()).length < 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const texts = (await approvals()).map((sms) => sms.text).sort();
      assert.equal(texts.length, 20);
      assert.equal(new Set(texts).size, 20);
    });
  });
}
