import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { enqueueSms, type SmsPayload } from './enqueue.js';
import { retryDelayMs } from './outbox-worker.js';
import { rejectsWith } from '../test-support/assertions.js';
import { e164, uniquePhone, useTestServer } from '../test-support/test-server.js';

/**
 * An SMS gateway on loopback that honours `Idempotency-Key` as the good ones do: a key it has seen
 * is answered again, not sent again. It can be slow (answering after the outbox gave up waiting) or down.
 */
class IdempotentGateway {
  /** Every request that arrived: its key and body id. */
  attempts: { key: string | undefined; id: string; to: string; text: string }[] = [];
  /** What it actually sent, once per key. */
  sent = new Map<string, { to: string; text: string }>();
  slowMs = 0;
  down = false;
  #server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const message = JSON.parse(body) as { id: string; to: string; text: string };
      const key = request.headers['idempotency-key'] as string | undefined;
      this.attempts.push({ key, ...message });
      if (this.down) {
        response.statusCode = 500;
        response.end();
        return;
      }
      if (key && !this.sent.has(key)) this.sent.set(key, { to: message.to, text: message.text });
      setTimeout(() => response.end('{}'), this.slowMs);
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/sms`;
  }

  stop(): void {
    this.#server.closeAllConnections();
    this.#server.close();
  }
}

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the outbox delivers each message once', () => {
  const gateway = new IdempotentGateway();
  let url = '';
  before(async () => {
    url = await gateway.start();
  });
  after(() => gateway.stop());
  const server = useTestServer({
    configure: (config) => {
      config.sms = { provider: 'http', url, token: null };
      config.smsTimeoutMs = 300;
    },
  });
  const outboxRow = (id: string) => server().app.db.models.Outbox.findOne({ where: { id } });
  /** Queues a plain (not secret) SMS of the test org and answers its outbox id. */
  const queue = (text: string) =>
    server().app.db.write((transaction) =>
      enqueueSms(server().app.db, { orgId: 'test-org', to: '+989121234567', text, dedupeKey: `test:${text}`, now: server().config.now(), transaction }),
    );

  it('should send a code once through a gateway that answered too late, then clear its text', async () => {
    gateway.slowMs = 1000;
    const client = server().citizenClient();
    const phone = uniquePhone();
    await client.requestOtp({ phone, challenge: await solveChallenge((await client.createChallenge()) as PowChallenge) });
    // The first answer comes after the 300 ms the outbox waits: it tries again, with the same key.
    await until(() => gateway.attempts.filter((attempt) => attempt.to === e164(phone)).length >= 2, 'a second attempt');
    gateway.slowMs = 0;
    const attempts = gateway.attempts.filter((attempt) => attempt.to === e164(phone));
    const id = attempts[0]!.id;
    assert.ok(attempts.every((attempt) => attempt.key === id && attempt.id === id), 'every attempt carries the outbox id as its key');
    assert.equal([...gateway.sent.values()].filter((message) => message.to === e164(phone)).length, 1);
    await until(async () => (await outboxRow(id))?.deliveredAt != null, 'delivered');
    const payload = JSON.parse((await outboxRow(id))!.payload) as SmsPayload;
    assert.deepEqual(payload, { to: e164(phone), text: null, secret: true });
  });

  it('should send again with the same key after a process died mid-delivery, and not before its claim lapsed', async () => {
    const id = await queue('Your request 1001 was approved.');
    await until(async () => (await outboxRow(id))?.deliveredAt != null, 'delivered');
    // As if the process had died after the gateway took it but before the row said so.
    const { Outbox } = server().app.db.models;
    const now = server().config.now().getTime();
    await Outbox.update({ deliveredAt: null, claimedAt: new Date(now - 30_000), nextAttemptAt: new Date(now - 30_000) }, { where: { id } });
    assert.equal(await server().app.outbox.runOnce(), 0, 'a claim younger than the claim timeout is left alone');
    await Outbox.update({ claimedAt: new Date(now - 61_000) }, { where: { id } });
    assert.equal(await server().app.outbox.runOnce(), 1);
    const attempts = gateway.attempts.filter((attempt) => attempt.id === id);
    assert.equal(attempts.length, 2);
    assert.ok(attempts.every((attempt) => attempt.key === id));
    assert.equal([...gateway.sent.keys()].filter((key) => key === id).length, 1);
  });

  it('should keep a message that failed its last attempt as a dead letter that staff and the operator see and replay', async () => {
    gateway.down = true;
    const id = await queue('Your request 1002 was rejected.');
    const { Outbox } = server().app.db.models;
    await until(async () => ((await outboxRow(id))?.attempts ?? 0) >= 1, 'a first attempt');
    // The last of its attempts, due now.
    await Outbox.update({ attempts: 9, claimedAt: null, nextAttemptAt: server().config.now() }, { where: { id } });
    await until(async () => (await outboxRow(id))?.failedAt != null, 'a dead letter');
    const staff = await server().staff();
    const [letter] = (await staff.listDeadLetters()).filter((item) => item.id === id);
    assert.ok(letter);
    assert.deepEqual([letter.kind, letter.to, letter.attempts, letter.replayable], ['sms', '+989121234567', 10, true]);
    assert.match(letter.lastError ?? '', /500/);
    assert.ok((await server().admin.listDeadLetters('test-org')).some((item) => item.id === id));
    assert.deepEqual(await server().admin.listDeadLetters('another-org'), []);
    const other = await server().createOrg('dead-letter-other');
    const otherStaff = await server().staff(other.org.id);
    await rejectsWith(otherStaff.replayDeadLetter(id), 'not_found', 404);

    gateway.down = false;
    await staff.replayDeadLetter(id);
    await until(async () => (await outboxRow(id))?.deliveredAt != null, 'delivered after the replay');
    assert.ok(gateway.sent.has(id));
    await rejectsWith(staff.replayDeadLetter(id), 'not_found', 404);
  });

  it('should give a login code up after a few attempts, its text cleared, and never replay it', async () => {
    gateway.down = true;
    const client = server().citizenClient();
    const phone = uniquePhone();
    await client.requestOtp({ phone, challenge: await solveChallenge((await client.createChallenge()) as PowChallenge) });
    const { Outbox } = server().app.db.models;
    let id = '';
    await until(async () => {
      const row = (await Outbox.findAll({ where: { kind: 'sms' } })).find((item) => (JSON.parse(item.payload) as SmsPayload).to === e164(phone));
      id = row?.id ?? '';
      return (row?.attempts ?? 0) >= 1;
    }, 'a first attempt');
    await Outbox.update({ attempts: 4, claimedAt: null, nextAttemptAt: server().config.now() }, { where: { id } });
    await until(async () => (await outboxRow(id))?.failedAt != null, 'a dead letter');
    gateway.down = false;
    assert.equal((JSON.parse((await outboxRow(id))!.payload) as SmsPayload).text, null);
    const letter = (await server().admin.listDeadLetters()).find((item) => item.id === id);
    assert.equal(letter?.replayable, false);
    await rejectsWith(server().admin.replayDeadLetter(id), 'not_found', 404);
  });

  it('should spread retries: each wait between half and all of a doubling ceiling, at most an hour', () => {
    assert.equal(retryDelayMs(3, () => 0), 4000);
    assert.equal(retryDelayMs(3, () => 1), 8000);
    assert.equal(retryDelayMs(30, () => 1), 3_600_000);
    assert.equal(retryDelayMs(30, () => 0), 1_800_000);
  });
});
