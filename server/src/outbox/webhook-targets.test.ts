import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { StaffClient, WebhookDelivery } from '@citizen-counter/sdk';
import type { Config } from '../config.js';
import { rejectsWith } from '../test-support/assertions.js';
import { file, pdfBytes } from '../test-support/files.js';
import { allowLoopbackWebhooks, type TestCitizen, type TestServer, useTestServer } from '../test-support/test-server.js';
import { WebhookReceiver, waitUntil } from '../test-support/webhook-receiver.js';
import { isAllowedAddress, type HostResolver } from './webhook-targets.js';

/** A resolver answering from a table the test changes, as DNS may change between registration and delivery. */
function tableResolver(table: Record<string, string[]>): HostResolver {
  return async (name) => {
    const addresses = table[name];
    if (!addresses) throw Object.assign(new Error(`queryA ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
}

function useResolver(table: Record<string, string[]>, extra: Partial<Config['webhooks']> = {}) {
  return (config: Config) => {
    config.webhooks = { ...config.webhooks, ...extra, resolve: tableResolver(table) };
  };
}

async function submit(server: TestServer, citizen: TestCitizen): Promise<void> {
  await citizen.client.submitRequest({ fullName: 'Sara Ahmadi', subject: 'Permit', unitId: server.unitId, body: file(pdfBytes('x'), 'a.pdf') });
}

/** The outbox rows of one webhook. */
async function outboxRowsOf(server: TestServer, webhookId: string) {
  const rows = await server.app.db.models.Outbox.findAll({ where: { orgId: 'test-org', kind: 'webhook' } });
  return rows.filter((row) => (JSON.parse(row.payload) as { webhookId: string }).webhookId === webhookId);
}

describe('isAllowedAddress(config, address)', () => {
  const none = { allowRanges: [] };

  it('should allow public unicast addresses only', () => {
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:93.184.216.34']) assert.ok(isAllowedAddress(none, address), address);
    const refused = [
      '127.0.0.1', '127.255.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '169.254.169.254', '100.64.0.1',
      '100.100.100.200', '0.0.0.0', '255.255.255.255', '224.0.0.1', '192.0.0.192', '198.18.0.1', '240.0.0.1',
      '::1', '::', 'fe80::1', 'fc00::1', 'fd00:ec2::254', 'ff02::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254',
      '::7f00:1', '64:ff9b::a9fe:a9fe', '2002:7f00:1::', '2001:db8::1', '2001::1', 'not an address',
    ];
    for (const address of refused) assert.equal(isAllowedAddress(none, address), false, address);
  });

  it("should allow what the operator's ranges cover, and nothing more", () => {
    const config = { allowRanges: ['10.0.0.5/32', '192.168.10.0/24', 'fd12::/16'] };
    for (const address of ['10.0.0.5', '::ffff:10.0.0.5', '192.168.10.77', 'fd12::9']) assert.ok(isAllowedAddress(config, address), address);
    for (const address of ['10.0.0.6', '192.168.11.1', '127.0.0.1', 'fd13::1']) assert.equal(isAllowedAddress(config, address), false, address);
  });
});

describe('registering a webhook target', () => {
  const dns: Record<string, string[]> = {
    'public.example': ['93.184.216.34'],
    'internal.example': ['127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'mixed.example': ['93.184.216.34', '10.0.0.7'],
    'six.example': ['::1'],
    'mapped.example': ['::ffff:192.168.1.1'],
  };
  // http is allowed here so that each address is refused for being the address, not for the scheme.
  const server = useTestServer({ configure: useResolver(dns, { allowHttp: true }) });
  let staff: StaffClient;
  before(async () => {
    staff = await server().staff();
  });

  it('should refuse every spelling of a loopback, private, link-local, CGNAT or reserved address with 400 webhook_url_not_allowed and store nothing', async () => {
    const urls = [
      'http://127.0.0.1/hook', 'http://2130706433/', 'http://127.1/', 'http://0x7f000001/', 'http://0x7f.0.0.1/', 'http://0177.0.0.1/',
      'http://017700000001/', 'https://[::1]/', 'http://[::ffff:169.254.169.254]/', 'http://[::ffff:127.0.0.1]:8080/', 'http://[::127.0.0.1]/',
      'http://[0:0:0:0:0:0:0:1]/', 'http://169.254.169.254/latest/meta-data/', 'http://10.0.0.1/', 'http://172.16.5.4/', 'http://192.168.1.1/',
      'http://100.64.0.1/', 'http://100.100.100.200/', 'http://0.0.0.0/', 'http://0/', 'http://255.255.255.255/', 'http://224.0.0.1/',
      'http://[fe80::1]/', 'http://[fd00:ec2::254]/', 'http://[fc00::1]/', 'http://[ff02::1]/', 'http://[::]/', 'http://[64:ff9b::7f00:1]/',
      'http://127.0.0.1.:80/',
    ];
    for (const url of urls) {
      const error = await rejectsWith(staff.createWebhook({ url }), 'webhook_url_not_allowed', 400);
      assert.equal(error.details['field'], 'url', url);
      assert.ok(['address', 'unresolvable'].includes(String(error.details['reason'])), `${url}: ${String(error.details['reason'])}`);
    }
    for (const url of ['http://user:pass@127.0.0.1/', 'https://public.example@10.0.0.1/', 'https://user:pass@public.example/']) {
      const error = await rejectsWith(staff.createWebhook({ url }), 'webhook_url_not_allowed', 400);
      assert.equal(error.details['reason'], 'credentials', url);
    }
    assert.deepEqual(await staff.listWebhooks(), []);
  });

  it('should refuse a name that resolves to such an address (any one of its addresses), or to nothing', async () => {
    for (const host of ['internal.example', 'metadata.example', 'mixed.example', 'six.example', 'mapped.example', 'INTERNAL.example.']) {
      const error = await rejectsWith(staff.createWebhook({ url: `https://${host}/hook` }), 'webhook_url_not_allowed', 400);
      assert.equal(error.details['reason'], 'address', host);
    }
    const error = await rejectsWith(staff.createWebhook({ url: 'https://nowhere.example/hook' }), 'webhook_url_not_allowed', 400);
    assert.equal(error.details['reason'], 'unresolvable');
    assert.deepEqual(await staff.listWebhooks(), []);
  });

  it('should accept a public https or http URL', async () => {
    const hook = await staff.createWebhook({ url: 'https://public.example/hook' });
    assert.equal(hook.url, 'https://public.example/hook');
    await staff.createWebhook({ url: 'http://93.184.216.34:8443/hook' });
    assert.equal((await staff.listWebhooks()).length, 2);
  });
});

describe('webhook targets by default', () => {
  const server = useTestServer({ configure: useResolver({ 'public.example': ['93.184.216.34'] }) });

  it('should take https only', async () => {
    const staff = await server().staff();
    const error = await rejectsWith(staff.createWebhook({ url: 'http://public.example/hook' }), 'webhook_url_not_allowed', 400);
    assert.equal(error.details['reason'], 'scheme');
    assert.equal((await staff.createWebhook({ url: 'https://public.example/hook' })).url, 'https://public.example/hook');
  });
});

describe('delivering to a name that resolves elsewhere since registration', () => {
  const dns: Record<string, string[]> = { 'rebind.example': ['93.184.216.34'], 'backoffice.local': ['127.0.0.1'] };
  const server = useTestServer({ configure: useResolver(dns, { allowHttp: true, allowNames: ['backoffice.local'] }) });
  const receiver = new WebhookReceiver();
  before(async () => {
    await receiver.start();
  });
  after(() => receiver.close());

  it('should not connect to a refused address, give the delivery up with its reason and log it', async () => {
    const staff = await server().staff();
    const rebound = await staff.createWebhook({ url: receiver.url('/rebound', 'rebind.example') });
    // The operator's allowed name reaches the same listener: the guarded lookup does connect where it should.
    await staff.createWebhook({ url: receiver.url('/allowed', 'backoffice.local') });
    dns['rebind.example'] = ['127.0.0.1'];
    await submit(server(), await server().login());

    await waitUntil(async () => (await outboxRowsOf(server(), rebound.id)).some((row) => row.failedAt !== null));
    await waitUntil(() => receiver.received.length > 0);
    const [row] = await outboxRowsOf(server(), rebound.id);
    assert.ok(row);
    assert.equal(row.deliveredAt, null);
    assert.equal(row.attempts, 1);
    assert.match(row.lastError ?? '', /^Undeliverable: .*rebind\.example.*127\.0\.0\.1/);

    // No retry, however long the worker keeps polling.
    server().clock.advance(3 * 60 * 60 * 1000);
    await server().app.outbox.runOnce();
    assert.equal((await outboxRowsOf(server(), rebound.id))[0]?.attempts, 1);
    assert.deepEqual(receiver.received.map((request) => request.path), ['/allowed']);

    const [attempt, ...others] = await staff.listWebhookDeliveries(rebound.id);
    assert.equal(others.length, 0);
    assert.equal(attempt?.ok, false);
    assert.equal(attempt?.statusCode, null);
    assert.match(attempt?.error ?? '', /^Undeliverable: /);
  });
});

describe('delivering to a name that stopped resolving', () => {
  const dns: Record<string, string[]> = { 'flaky-dns.example': ['93.184.216.34'] };
  const server = useTestServer({ configure: useResolver(dns) });

  it('should retry later rather than give up: DNS may come back', async () => {
    const staff = await server().staff();
    const hook = await staff.createWebhook({ url: 'https://flaky-dns.example/hook' });
    delete dns['flaky-dns.example'];
    await submit(server(), await server().login());
    await waitUntil(async () => (await outboxRowsOf(server(), hook.id)).some((row) => row.attempts > 0));
    const [row] = await outboxRowsOf(server(), hook.id);
    assert.equal(row?.failedAt, null);
    assert.equal(row?.deliveredAt, null);
    assert.match(row?.lastError ?? '', /does not resolve/);
    assert.doesNotMatch(row?.lastError ?? '', /Undeliverable/);
  });
});

describe('a webhook target that redirects', () => {
  const server = useTestServer({ configure: allowLoopbackWebhooks });
  const target = new WebhookReceiver();
  const elsewhere = new WebhookReceiver();
  before(async () => {
    await target.start();
    await elsewhere.start();
    target.answer = { status: 302, headers: { location: elsewhere.url('/stolen') } };
  });
  after(() => {
    target.close();
    elsewhere.close();
  });

  it('should not be followed: the 302 is a failed attempt, retried later', async () => {
    const staff = await server().staff();
    const hook = await staff.createWebhook({ url: target.url() });
    await submit(server(), await server().login());
    let log: WebhookDelivery[] = [];
    await waitUntil(async () => (log = await staff.listWebhookDeliveries(hook.id)).length > 0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(target.received.length, 1);
    assert.equal(elsewhere.received.length, 0);
    assert.equal(log[0]?.statusCode, 302);
    assert.equal(log[0]?.ok, false);
    const [row] = await outboxRowsOf(server(), hook.id);
    assert.equal(row?.deliveredAt, null);
    assert.equal(row?.failedAt, null);
    assert.match(row?.lastError ?? '', /302/);
  });
});
