import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressBlock, phonePrefix } from './address-block.js';

describe('address blocks', () => {
  it('should put IPv4 addresses in their /24, mapped ones too', () => {
    assert.equal(addressBlock('203.0.113.7'), '203.0.113.0/24');
    assert.equal(addressBlock('203.0.113.250'), '203.0.113.0/24');
    assert.equal(addressBlock('::ffff:203.0.113.9'), '203.0.113.0/24');
    assert.notEqual(addressBlock('203.0.114.7'), addressBlock('203.0.113.7'));
  });

  it('should put IPv6 addresses in their /56', () => {
    assert.equal(addressBlock('2001:db8:1:2ff::1'), '2001:db8:1:200::/56');
    assert.equal(addressBlock('2001:db8:1:2aa:1234::9'), '2001:db8:1:200::/56');
    assert.notEqual(addressBlock('2001:db8:1:300::1'), addressBlock('2001:db8:1:200::1'));
  });

  it('should leave what is not an address as it is', () => {
    assert.equal(addressBlock('unknown'), 'unknown');
  });

  it('should cut the last four digits of a number', () => {
    assert.equal(phonePrefix('+989121234567'), '+98912123');
  });
});
