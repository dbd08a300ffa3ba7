import assert from 'node:assert/strict';
import { createHmac, randomBytes } from 'node:crypto';
import { describe, it } from 'node:test';
import { isWebhookVerificationError } from './webhook-verification-error.js';
import { verifyWebhook } from './webhooks.js';

const secret = `whsec_${randomBytes(24).toString('base64')}`;
const body = '{"id":"evt_1","type":"request.approved","createdAt":"2026-12-02T10:00:00.000Z","data":{"requestId":"r1","trackingCode":"T1","status":"approved"}}';
const at = new Date('2026-12-02T10:00:00Z');
const seconds = String(at.getTime() / 1000);

/** Signs as the Standard Webhooks specification says, independently of the code under test. */
function sign(key: string, id: string, timestamp: string, content: string): string {
  const bytes = Buffer.from(key.slice('whsec_'.length), 'base64');
  return `v1,${createHmac('sha256', bytes).update(`${id}.${timestamp}.${content}`).digest('base64')}`;
}

function headers(overrides: Record<string, string> = {}): Record<string, string> {
  return { 'webhook-id': 'evt_1', 'webhook-timestamp': seconds, 'webhook-signature': sign(secret, 'evt_1', seconds, body), ...overrides };
}

async function refused(promise: Promise<unknown>, problem: string): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isWebhookVerificationError(error), String(error));
    assert.equal(error.problem, problem);
    return true;
  });
}

describe('verifyWebhook(secret, headers, body, options)', () => {
  it('should answer the event of a correctly signed delivery, from a record or a Headers object, text or bytes', async () => {
    const event = await verifyWebhook(secret, headers(), body, { now: at });
    assert.equal(event.type, 'request.approved');
    assert.equal(event.id, 'evt_1');
    const upper = Object.fromEntries(Object.entries(headers()).map(([name, value]) => [name.toUpperCase(), value]));
    assert.equal((await verifyWebhook(secret, upper, new TextEncoder().encode(body), { now: at })).id, 'evt_1');
    assert.equal((await verifyWebhook(secret, new Headers(headers()), body, { now: at })).id, 'evt_1');
  });

  it('should accept any matching v1 signature among several (secret rotation)', async () => {
    const other = `whsec_${randomBytes(24).toString('base64')}`;
    const both = `${sign(other, 'evt_1', seconds, body)} v2,abc ${sign(secret, 'evt_1', seconds, body)}`;
    assert.equal((await verifyWebhook(secret, headers({ 'webhook-signature': both }), body, { now: at })).id, 'evt_1');
  });

  it('should refuse a changed body, id or timestamp, and a wrong secret', async () => {
    await refused(verifyWebhook(secret, headers(), body.replace('approved', 'rejected'), { now: at }), 'invalid_signature');
    await refused(verifyWebhook(secret, headers({ 'webhook-id': 'evt_2' }), body, { now: at }), 'invalid_signature');
    await refused(verifyWebhook(secret, headers({ 'webhook-timestamp': String(Number(seconds) + 1) }), body, { now: at }), 'invalid_signature');
    await refused(verifyWebhook(`whsec_${randomBytes(24).toString('base64')}`, headers(), body, { now: at }), 'invalid_signature');
    await refused(verifyWebhook(secret, headers({ 'webhook-signature': 'v1,not base64!' }), body, { now: at }), 'invalid_signature');
  });

  it('should refuse a timestamp more than five minutes old or ahead, and honour another tolerance', async () => {
    const later = (ms: number) => new Date(at.getTime() + ms);
    assert.ok(await verifyWebhook(secret, headers(), body, { now: later(300_000) }));
    await refused(verifyWebhook(secret, headers(), body, { now: later(301_000) }), 'timestamp_out_of_window');
    await refused(verifyWebhook(secret, headers(), body, { now: later(-301_000) }), 'timestamp_out_of_window');
    await refused(verifyWebhook(secret, headers(), body, { now: later(61_000), toleranceSeconds: 60 }), 'timestamp_out_of_window');
    await refused(verifyWebhook(secret, headers({ 'webhook-timestamp': 'soon' }), body, { now: at }), 'timestamp_out_of_window');
  });

  it('should refuse a delivery without the three headers', async () => {
    for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
      const rest = headers();
      delete rest[name];
      await refused(verifyWebhook(secret, rest, body, { now: at }), 'missing_headers');
    }
  });
});
