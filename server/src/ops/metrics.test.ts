import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { useTestServer } from '../test-support/test-server.js';

/** One sample of a metric with exactly these labels, or `undefined`. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const inside = line.slice(name.length + 1, line.indexOf('}'));
    const parts = inside.split(',');
    if (parts.length === wanted.length && wanted.every((part) => parts.includes(part))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('metrics (/metrics)', () => {
  const server = useTestServer();
  const scrape = async (key = server().adminKey) => fetch(`${server().baseUrl}/metrics`, { headers: { authorization: `Bearer ${key}` } });

  it('should be behind the operator key', async () => {
    assert.equal((await fetch(`${server().baseUrl}/metrics`)).status, 401);
    assert.equal((await scrape('wrong-key-of-some-length')).status, 401);
  });

  it('should count answers by route pattern, SMS per org and the outbox backlog', async () => {
    const citizen = await server().login();
    const request = await citizen.client.getRequest('no-such-id').catch(() => null);
    assert.equal(request, null);
    const answer = await scrape();
    assert.equal(answer.status, 200);
    assert.match(answer.headers.get('content-type') ?? '', /^text\/plain/);
    const text = await answer.text();
    // By the route's pattern, not the path with its ids.
    assert.ok((sample(text, 'citizen_counter_http_requests_total', { method: 'POST', route: '/v1/orgs/:org/sessions', status: '201' }) ?? 0) >= 1, text);
    assert.ok((sample(text, 'citizen_counter_http_requests_total', { method: 'GET', route: '/v1/orgs/:org/requests/:id', status: '404' }) ?? 0) >= 1);
    assert.doesNotMatch(text, /no-such-id/);
    assert.ok((sample(text, 'citizen_counter_sms_sent_total', { org: 'test-org' }) ?? 0) >= 1);
    assert.equal(sample(text, 'citizen_counter_outbox_dead', { kind: 'sms' }), 0);
    assert.notEqual(sample(text, 'citizen_counter_outbox_pending', { kind: 'webhook' }), undefined);
    assert.match(text, /^citizen_counter_http_request_duration_seconds_bucket\{/m);
    assert.match(text, /^citizen_counter_upload_bytes_in_flight 0$/m);
    assert.match(text, new RegExp(`^citizen_counter_upload_bytes_limit ${server().config.uploadBytesInFlight}$`, 'm'));
    assert.match(text, /^citizen_counter_process_resident_memory_bytes /m);
  });
});
