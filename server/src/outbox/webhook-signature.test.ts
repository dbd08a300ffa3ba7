import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { newWebhookSecret, signWebhook } from './webhook-signature.js';

describe('signWebhook(secret, id, timestamp, body)', () => {
  const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
  const body = '{"id":"e1","type":"request.submitted"}';
  const at = new Date('2026-12-02T10:00:00.750Z');

  it('should sign "id.timestamp.body" with HMAC-SHA256 under the base64-decoded secret, as Standard Webhooks does', () => {
    const headers = signWebhook(secret, 'e1', at, body);
    const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
    const expected = createHmac('sha256', key).update(`e1.1796205600.${body}`).digest('base64');
    assert.deepEqual(headers, { 'webhook-id': 'e1', 'webhook-timestamp': '1796205600', 'webhook-signature': `v1,${expected}` });
  });

  it('should change with the secret, the id, the time and any byte of the body', () => {
    const signature = signWebhook(secret, 'e1', at, body)['webhook-signature'];
    assert.notEqual(signWebhook(newWebhookSecret(), 'e1', at, body)['webhook-signature'], signature);
    assert.notEqual(signWebhook(secret, 'e2', at, body)['webhook-signature'], signature);
    assert.notEqual(signWebhook(secret, 'e1', new Date(at.getTime() + 1000), body)['webhook-signature'], signature);
    assert.notEqual(signWebhook(secret, 'e1', at, `${body} `)['webhook-signature'], signature);
  });

  it('should read a secret made before the scheme (base64url) as the same key bytes', () => {
    const bytes = Buffer.from('fb'.repeat(24), 'hex');
    const old = `whsec_${bytes.toString('base64url')}`;
    assert.match(old, /[-_]/);
    const expected = createHmac('sha256', bytes).update(`e1.1796205600.${body}`).digest('base64');
    assert.equal(signWebhook(old, 'e1', at, body)['webhook-signature'], `v1,${expected}`);
  });
});

describe('newWebhookSecret()', () => {
  it('should be whsec_ and 24 random bytes in standard base64', () => {
    const secret = newWebhookSecret();
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{32}$/);
    assert.equal(Buffer.from(secret.slice(6), 'base64').length, 24);
    assert.notEqual(newWebhookSecret(), secret);
  });
});
