import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { TimeoutError } from 'ky';
import { AdminClient } from './admin-client.js';
import { CitizenClient } from './citizen-client.js';
import { isNetworkError } from './network-error.js';
import { StaffClient } from './staff-client.js';
import { sendJson, startLocalServer, type LocalServer, type Responder } from './test-fixtures/local-server.js';

const org = { id: 'demo', name: { fa: 'نمونه', en: 'Demo' }, units: [] };

/** Resolves with what `promise` rejects with; fails the test if it succeeds. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure, but the call succeeded');
}

/** A page of `ids` as the service answers it, the cursor being the next index. */
function pageOf(ids: string[], cursor: string | null): { items: { id: string }[]; nextCursor: string | null } {
  return { items: ids.map((id) => ({ id })), nextCursor: cursor };
}

describe('per-call options and pages', () => {
  let server: LocalServer;
  let respond: Responder = (_request, response) => sendJson(response, 200, org);

  before(async () => {
    server = await startLocalServer((request, response, index) => respond(request, response, index));
  });
  afterEach(() => {
    server.received.length = 0;
  });
  after(async () => {
    await server.close();
  });

  describe('{ timeout }', () => {
    it("should fail one slow call with a NetworkError caused by ky's TimeoutError, and leave the client's own timeout to the next", async () => {
      respond = (_request, response) => setTimeout(() => sendJson(response, 200, org), 300);
      const client = new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', timeout: 5_000 });
      const error = await failure(client.getOrg({ timeout: 50 }));
      assert.ok(isNetworkError(error), String(error));
      assert.ok(error.cause instanceof TimeoutError);
      const profile = await client.getOrg();
      assert.equal(profile.id, 'demo');
    });

    it('should let a call wait longer than the client would', async () => {
      respond = (_request, response) => setTimeout(() => sendJson(response, 200, org), 200);
      const client = new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', timeout: 50 });
      assert.ok(isNetworkError(await failure(client.getOrg())));
      assert.equal((await client.getOrg({ timeout: 2_000 })).id, 'demo');
    });
  });

  describe('{ signal }', () => {
    it('should abort a call in flight with an AbortError and not retry it', async () => {
      respond = (_request, response) => setTimeout(() => sendJson(response, 200, org), 1_000);
      const client = new StaffClient({ baseUrl: server.baseUrl, org: 'demo', apiKey: 'cc_live_key' });
      const controller = new AbortController();
      const pending = failure(client.counts({ signal: controller.signal }));
      setTimeout(() => controller.abort(), 50);
      const error = await pending;
      assert.ok(error instanceof Error);
      assert.equal(error.name, 'AbortError');
      assert.equal(server.received.length, 1);
    });

    it('should not send a call whose signal is already aborted', async () => {
      respond = (_request, response) => sendJson(response, 200, []);
      const admin = new AdminClient({ baseUrl: server.baseUrl, adminKey: 'cc_admin_key' });
      const error = await failure(admin.listOrgs({ signal: AbortSignal.abort() }));
      assert.equal((error as Error).name, 'AbortError');
      assert.equal(server.received.length, 0);
    });
  });

  describe('{ headers }', () => {
    it('should send a header with one call only, beside the credentials and the idempotency key', async () => {
      respond = (request, response) =>
        request.method === 'POST' ? sendJson(response, 201, { id: 'r1', trackingCode: '1234567890' }) : sendJson(response, 200, org);
      const client = new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', token: 'session-token' });
      const body = new File([new TextEncoder().encode('%PDF-1.4\n')], 'letter.pdf', { type: 'application/pdf' });
      await client.submitRequest({ fullName: 'Sara', subject: 'Permit', unitId: 'u1', body }, { idempotencyKey: 'key-1', headers: { 'x-request-id': 'trace-1' } });
      await client.getOrg({ headers: { 'x-request-id': 'trace-2', 'accept-language': 'en' } });
      await client.getOrg();
      const [submitted, traced, plain] = server.received;
      assert.equal(submitted?.headers['x-request-id'], 'trace-1');
      assert.equal(submitted?.headers['idempotency-key'], 'key-1');
      assert.equal(submitted?.headers.authorization, 'Bearer session-token');
      assert.equal(traced?.headers['x-request-id'], 'trace-2');
      assert.equal(traced?.headers['accept-language'], 'en');
      assert.equal(plain?.headers['x-request-id'], undefined);
      assert.notEqual(plain?.headers['accept-language'], 'en');
    });
  });

  describe('listRequestPages()', () => {
    const pages: Record<string, ReturnType<typeof pageOf>> = {
      '': pageOf(['r5', 'r4'], 'c2'),
      c2: pageOf(['r3', 'r2'], 'c4'),
      c4: pageOf(['r1'], null),
    };
    const serve: Responder = (request, response) => {
      const cursor = new URL(request.url, 'http://x').searchParams.get('cursor') ?? '';
      sendJson(response, 200, pages[cursor] ?? pageOf([], null));
    };

    it('should follow nextCursor to the last page, keeping the filters', async () => {
      respond = serve;
      const client = new StaffClient({ baseUrl: server.baseUrl, org: 'demo', apiKey: 'cc_live_key' });
      const seen: string[][] = [];
      for await (const page of client.listRequestPages({ queue: 'overdue', limit: 2 })) seen.push(page.items.map((item) => item.id));
      assert.deepEqual(seen, [['r5', 'r4'], ['r3', 'r2'], ['r1']]);
      assert.deepEqual(
        server.received.map((request) => request.url),
        ['/v1/orgs/demo/staff/requests?queue=overdue&limit=2', '/v1/orgs/demo/staff/requests?queue=overdue&limit=2&cursor=c2', '/v1/orgs/demo/staff/requests?queue=overdue&limit=2&cursor=c4'],
      );
    });

    it('should fetch no further page once the loop stops', async () => {
      respond = serve;
      const client = new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', token: 't' });
      for await (const page of client.listRequestPages({ limit: 2 })) {
        assert.equal(page.items[0]?.id, 'r5');
        break;
      }
      assert.equal(server.received.length, 1);
    });

    it("should pass the call's options to every page", async () => {
      respond = serve;
      const client = new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', token: 't' });
      let count = 0;
      for await (const page of client.listRequestPages({ cursor: 'c2' }, { headers: { 'x-request-id': 'walk' } })) count += page.items.length;
      assert.equal(count, 3);
      assert.deepEqual(server.received.map((request) => request.headers['x-request-id']), ['walk', 'walk']);
    });
  });
});
