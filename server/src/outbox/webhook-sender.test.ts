import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { describe, it } from 'node:test';
import { webhookSignature } from './webhook-sender.js';

describe('webhookSignature(secret, body)', () => {
  it('should be sha256= and the hex HMAC-SHA256 of the exact body under the secret', () => {
    const body = '{"id":"e1","type":"request.submitted"}';
    const expected = createHmac('sha256', 'whsec_test').update(body).digest('hex');
    assert.equal(webhookSignature('whsec_test', body), `sha256=${expected}`);
  });

  it('should change with the secret and with any byte of the body', () => {
    const signature = webhookSignature('a', '{}');
    assert.notEqual(webhookSignature('b', '{}'), signature);
    assert.notEqual(webhookSignature('a', '{ }'), signature);
  });
});
