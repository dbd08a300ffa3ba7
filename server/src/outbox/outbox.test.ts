import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import { uniquePhone, e164, useTestServer } from '../test-support/test-server.js';

/** A stand-in SMS gateway on loopback that can be taken down. */
class Gateway {
  received: { to: string; text: string; auth: string | undefined }[] = [];
  down = true;
  #server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      if (this.down) {
        response.statusCode = 503;
        response.end();
        return;
      }
      this.received.push({ ...(JSON.parse(body) as { to: string; text: string }), auth: request.headers.authorization });
      response.end('{}');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/send`;
  }

  stop(): void {
    this.#server.close();
  }
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) assert.fail('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the outbox and the http SMS provider', () => {
  const gateway = new Gateway();
  let url = '';
  before(async () => {
    url = await gateway.start();
  });
  // Configured when the server starts, after the gateway's hook above has given its URL.
  const server = useTestServer({ configure: (config) => (config.sms = { provider: 'http', url, token: 'gateway-token' }) });
  after(() => {
    gateway.stop();
  });

  it('should answer the citizen while the gateway is down and deliver once it is back', async () => {
    const client = server().citizenClient();
    const phone = uniquePhone();
    const challenge = (await client.createChallenge()) as PowChallenge;
    const result = await client.requestOtp({ phone, challenge: await solveChallenge(challenge) });
    assert.equal(result.phone, e164(phone));
    const { Outbox } = server().app.db.models;
    // The immediate attempt or the poller's (whichever claimed the row) fails against the down gateway.
    await waitFor(async () => ((await Outbox.findOne({ where: { orgId: 'test-org', kind: 'sms' } }))?.attempts ?? 0) >= 1);
    const row = await Outbox.findOne({ where: { orgId: 'test-org', kind: 'sms' } });
    assert.ok(row);
    assert.equal(row.deliveredAt, null);
    assert.ok(row.attempts >= 1);
    assert.ok(row.lastError?.includes('503'));
    assert.equal(gateway.received.length, 0);

    gateway.down = false;
    server().clock.advance(2 * 60 * 1000);
    await waitFor(() => gateway.received.length === 1);
    const sms = gateway.received[0]!;
    assert.equal(sms.to, e164(phone));
    assert.equal(sms.auth, 'Bearer gateway-token');
    const code = /(\d{6})/.exec(sms.text)?.[1];
    assert.ok(code);
    await client.login({ phone, code });
    await waitFor(async () => (await Outbox.findByPk(row.id))?.deliveredAt !== null);
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(gateway.received.length, 1);
  });
});

describe('the outbox across a restart', () => {
  let dir: string;
  const gateway = new Gateway();
  let url: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-outbox-'));
    url = await gateway.start();
  });
  after(async () => {
    gateway.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('should deliver what a stopped process left behind', async () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, SMS_PROVIDER: 'http', SMS_HTTP_URL: url };
    const first = await createApp(loadConfig(env));
    const baseUrl = await first.listen(0, '127.0.0.1');
    await first.outbox.stop();
    const { AdminClient, CitizenClient } = await import('@citizen-counter/sdk');
    await new AdminClient({ baseUrl, adminKey: first.deps.config.adminKey }).createOrg({ id: 'restart', name: { fa: 'الف', en: 'A' } });
    const client = new CitizenClient({ baseUrl, org: 'restart' });
    const challenge = (await client.createChallenge()) as PowChallenge;
    await client.requestOtp({ phone: '09120000001', challenge: await solveChallenge(challenge) });
    await first.close();
    assert.equal(gateway.received.length, 0);

    gateway.down = false;
    const second = await createApp(loadConfig(env));
    try {
      await second.outbox.runOnce();
      await waitFor(() => gateway.received.length === 1);
      assert.equal(gateway.received[0]?.to, '+989120000001');
    } finally {
      await second.close();
    }
  });
});

describe('the http SMS provider on the wire', () => {
  it('should reuse one kept-alive connection for messages in turn and give up on a silent gateway at the timeout', async () => {
    const { httpSmsProvider } = await import('../sms/providers.js');
    let connections = 0;
    let silent = false;
    const received: unknown[] = [];
    const gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (silent) return; // never answers
        received.push({ ...(JSON.parse(body) as object), key: request.headers['idempotency-key'] });
        response.end('{"queued":true}');
      });
    });
    gateway.on('connection', () => connections++);
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/send`;
      const provider = httpSmsProvider(url, null, 300);
      for (const id of ['m1', 'm2', 'm3']) await provider.send({ id, orgId: 'o', to: '+989120000001', text: `text ${id}` });
      assert.deepEqual(received, ['m1', 'm2', 'm3'].map((id) => ({ id, to: '+989120000001', text: `text ${id}`, key: id })));
      assert.equal(connections, 1);

      silent = true;
      const started = Date.now();
      await assert.rejects(provider.send({ id: 'm4', orgId: 'o', to: '+989120000001', text: 'late' }), /No answer from the SMS gateway within 0\.3 s/);
      assert.ok(Date.now() - started < 3000);
    } finally {
      gateway.closeAllConnections();
      gateway.close();
    }
  });
});
