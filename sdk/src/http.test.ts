import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { AdminClient } from './admin-client.js';
import { isApiError, type ApiError } from './api-error.js';
import { isErrorCode } from './error-codes.js';
import { CitizenClient } from './citizen-client.js';
import { isNetworkError } from './network-error.js';
import { StaffClient } from './staff-client.js';
import { closedPort, sendError, sendJson, startLocalServer, type LocalServer, type Responder } from './test-fixtures/local-server.js';

const org = { id: 'demo', name: { fa: 'نمونه', en: 'Demo' }, units: [] };
const session = { token: 'session-token', expiresAt: '2030-01-01T00:00:00.000Z' };
const receipt = { id: 'r1', trackingCode: '1234567890' };

/** Asserts that `promise` fails with an ApiError and gives it back. */
async function apiError(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isApiError(error), `expected an ApiError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected an ApiError, but the call succeeded');
}

/** Asserts that `promise` fails with exactly this kind of error and gives it back. */
async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure, but the call succeeded');
}

const sdkFile = () => new File([new TextEncoder().encode('%PDF-1.4\n')], 'letter.pdf', { type: 'application/pdf' });
const submission = () => ({ fullName: 'Sara', subject: 'Permit', unitId: 'u1', body: sdkFile() });

describe('the SDK over HTTP', () => {
  let server: LocalServer;
  let respond: Responder = (_request, response) => sendJson(response, 200, org);
  const citizen = (options: { token?: string } = {}) => new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', ...options });

  before(async () => {
    server = await startLocalServer((request, response, index) => respond(request, response, index));
  });
  afterEach(() => {
    server.received.length = 0;
  });
  after(async () => {
    await server.close();
  });

  describe('retries', () => {
    it('should retry a GET answered 503 and succeed on the third try', async () => {
      respond = (_request, response, index) => (index < 2 ? sendError(response, 503, 'internal_error') : sendJson(response, 200, org));
      const profile = await citizen().getOrg();
      assert.equal(profile.id, 'demo');
      assert.equal(server.received.length, 3);
    });

    it('should give up on a GET after two retries with the last ApiError', async () => {
      respond = (_request, response) => sendError(response, 504, 'internal_error');
      const error = await apiError(citizen().getOrg());
      assert.equal(error.status, 504);
      assert.equal(server.received.length, 3);
    });

    it('should not retry a GET answered 500 or 4xx', async () => {
      respond = (_request, response) => sendError(response, 500, 'internal_error');
      assert.equal((await apiError(citizen().getOrg())).status, 500);
      assert.equal(server.received.length, 1);
      respond = (_request, response) => sendError(response, 404, 'org_not_found');
      assert.equal((await apiError(citizen().getOrg())).code, 'org_not_found');
      assert.equal(server.received.length, 2);
    });

    it('should not retry a POST other than the submission', async () => {
      respond = (_request, response) => sendError(response, 503, 'internal_error');
      await apiError(citizen().requestOtp({ phone: '09121234567', challenge: { id: 'c', answer: '1' } }));
      assert.equal(server.received.length, 1);
    });
  });

  describe('the submission', () => {
    it('should send an Idempotency-Key and send the same one again on a retry', async () => {
      respond = (_request, response, index) => (index === 0 ? sendError(response, 503, 'internal_error') : sendJson(response, 201, receipt));
      const answer = await citizen({ token: 't' }).submitRequest(submission());
      assert.equal(answer.trackingCode, receipt.trackingCode);
      const [first, second] = server.received;
      assert.equal(server.received.length, 2);
      assert.match(String(first?.headers['idempotency-key']), /^[0-9a-f-]{36}$/);
      assert.equal(second?.headers['idempotency-key'], first?.headers['idempotency-key']);
      assert.equal(second?.body, first?.body);
    });

    it('should make a new key for each submission and send a given one as is', async () => {
      respond = (_request, response) => sendJson(response, 201, receipt);
      const client = citizen({ token: 't' });
      await client.submitRequest(submission());
      await client.submitRequest(submission());
      await client.submitRequest(submission(), { idempotencyKey: 'my-key' });
      const keys = server.received.map((request) => request.headers['idempotency-key']);
      assert.notEqual(keys[0], keys[1]);
      assert.equal(keys[2], 'my-key');
    });

    it('should not retry a submission refused with a 4xx', async () => {
      respond = (_request, response) => sendError(response, 422, 'idempotency_key_reused');
      assert.equal((await apiError(citizen({ token: 't' }).submitRequest(submission()))).code, 'idempotency_key_reused');
      assert.equal(server.received.length, 1);
    });
  });

  describe('error mapping', () => {
    it("should give the service's code, status, message and details", async () => {
      respond = (_request, response) => sendError(response, 400, 'field_too_long', { field: 'subject', max: 200 });
      const error = await apiError(citizen().requestOtp({ phone: '0912', challenge: { id: 'c', answer: '1' } }));
      assert.equal(error.name, 'ApiError');
      assert.equal(error.status, 400);
      assert.equal(error.code, 'field_too_long');
      assert.equal(error.message, 'refused: field_too_long');
      assert.deepEqual(error.details, { field: 'subject', max: 200 });
    });

    it('should keep retryAfter of a 429', async () => {
      respond = (_request, response) => sendError(response, 429, 'otp_cooldown', { retryAfter: 42 });
      const error = await apiError(citizen().requestOtp({ phone: '0912', challenge: { id: 'c', answer: '1' } }));
      assert.deepEqual([error.status, error.code, error.details['retryAfter']], [429, 'otp_cooldown', 42]);
    });

    it('should pass on a code this SDK does not know, as sent', async () => {
      respond = (_request, response) => sendError(response, 409, 'a_code_from_a_newer_service');
      const client = citizen();
      const conflict = await apiError(client.requestOtp({ phone: '0912', challenge: { id: 'c', answer: '1' } }));
      assert.deepEqual([conflict.status, conflict.code, isErrorCode(conflict.code)], [409, 'a_code_from_a_newer_service', false]);
    });

    it('should turn a non-JSON 502 from a gateway into an ApiError, not a parse failure', async () => {
      respond = (_request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end('<html><body><h1>502 Bad Gateway</h1></body></html>');
      };
      const error = await apiError(citizen().getOrg());
      assert.deepEqual([error.status, error.code, error.details], [502, 'internal_error', {}]);
      assert.equal(server.received.length, 3);
      const post = await apiError(citizen().requestOtp({ phone: '0912', challenge: { id: 'c', answer: '1' } }));
      assert.deepEqual([post.status, post.code], [502, 'internal_error']);
    });

    it('should turn a 200 that is not JSON (a captive portal, a wrong baseUrl) into an ApiError', async () => {
      respond = (_request, response) => {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html><body>Welcome to the hotel Wi-Fi</body></html>');
      };
      const error = await apiError(citizen().getOrg());
      assert.deepEqual([error.status, error.code], [502, 'internal_error']);
      assert.match(error.message, /not JSON/);
    });

    it('should let a programming TypeError through, not call it a NetworkError', async () => {
      respond = (_request, response) => sendJson(response, 200, { items: [], nextCursor: null });
      const badToken = citizen({ token: 'line\nbreak' });
      const fromHook = await failure(badToken.listRequests());
      assert.ok(fromHook instanceof TypeError, String(fromHook));
      assert.equal(isNetworkError(fromHook), false);
      const badUrl = new CitizenClient({ baseUrl: 'not a url', org: 'demo' });
      const fromInput = await failure(badUrl.getOrg());
      assert.ok(fromInput instanceof TypeError, String(fromInput));
      assert.equal(isNetworkError(fromInput), false);
      assert.equal(server.received.length, 0);
    });

    it('should call a refused connection a NetworkError, after retrying a GET', async () => {
      const port = await closedPort();
      let calls = 0;
      const counting: typeof fetch = (input, init) => {
        calls += 1;
        return fetch(input, init);
      };
      const client = new CitizenClient({ baseUrl: `http://127.0.0.1:${port}`, org: 'demo', fetch: counting });
      const error = await failure(client.getOrg());
      assert.ok(isNetworkError(error), String(error));
      assert.ok(error.cause instanceof TypeError);
      assert.equal(calls, 3);
      const post = await failure(client.requestOtp({ phone: '0912', challenge: { id: 'c', answer: '1' } }));
      assert.ok(isNetworkError(post), String(post));
      assert.equal(calls, 4);
    });

    it('should call no answer within the timeout a NetworkError', async () => {
      respond = (_request, response) => setTimeout(() => sendJson(response, 200, org), 500);
      const client = new CitizenClient({ baseUrl: server.baseUrl, org: 'demo', timeout: 100 });
      assert.ok(isNetworkError(await failure(client.getOrg())));
    });
  });

  describe('credentials', () => {
    it("should send a citizen's token to its routes from login to logout, and none before", async () => {
      respond = (request, response) => {
        if (request.url.endsWith('/sessions') && request.method === 'POST') sendJson(response, 201, session);
        else if (request.method === 'DELETE') response.writeHead(204).end();
        else sendJson(response, 200, request.url.includes('/requests') ? { items: [], nextCursor: null } : org);
      };
      const client = citizen();
      await client.getOrg();
      await client.login({ phone: '09121234567', code: '123456' });
      assert.equal(client.token, 'session-token');
      await client.listRequests({ limit: 5 });
      await client.logout();
      assert.equal(client.token, null);
      await client.getOrg();
      const seen = server.received.map((request) => [`${request.method} ${request.url}`, request.headers.authorization ?? null]);
      assert.deepEqual(seen, [
        ['GET /v1/orgs/demo', null],
        ['POST /v1/orgs/demo/sessions', null],
        ['GET /v1/orgs/demo/requests?limit=5', 'Bearer session-token'],
        ['DELETE /v1/orgs/demo/sessions/current', 'Bearer session-token'],
        ['GET /v1/orgs/demo', null],
      ]);
    });

    it('should send the staff key to staff routes and the admin key to admin routes', async () => {
      respond = (request, response) => sendJson(response, 200, request.url.endsWith('/requests') ? { items: [], nextCursor: null } : []);
      await new StaffClient({ baseUrl: server.baseUrl, org: 'demo', apiKey: 'cc_live_key' }).listRequests();
      await new AdminClient({ baseUrl: server.baseUrl, adminKey: 'cc_admin_key' }).listOrgs();
      const seen = server.received.map((request) => [`${request.method} ${request.url}`, request.headers.authorization]);
      assert.deepEqual(seen, [
        ['GET /v1/orgs/demo/staff/requests', 'Bearer cc_live_key'],
        ['GET /v1/admin/orgs', 'Bearer cc_admin_key'],
      ]);
    });

    it('should send the locale as Accept-Language and ask for JSON', async () => {
      respond = (_request, response) => sendJson(response, 200, org);
      await new CitizenClient({ baseUrl: `${server.baseUrl}/`, org: 'demo', locale: 'en' }).getOrg();
      assert.equal(server.received[0]?.headers['accept-language'], 'en');
      assert.match(String(server.received[0]?.headers.accept), /application\/json/);
    });
  });
});
