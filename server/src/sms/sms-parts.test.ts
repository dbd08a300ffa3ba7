import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smsSize } from './sms-parts.js';

describe('smsSize(text)', () => {
  it('should fit 160 GSM characters in one part and split longer texts by 153', () => {
    assert.deepEqual(smsSize('a'.repeat(160)), { encoding: 'gsm7', units: 160, parts: 1 });
    assert.deepEqual(smsSize('a'.repeat(161)), { encoding: 'gsm7', units: 161, parts: 2 });
    assert.deepEqual(smsSize('a'.repeat(306)), { encoding: 'gsm7', units: 306, parts: 2 });
    assert.deepEqual(smsSize('a'.repeat(307)), { encoding: 'gsm7', units: 307, parts: 3 });
  });

  it('should count the extension table as two septets', () => {
    assert.deepEqual(smsSize('€'.repeat(80)), { encoding: 'gsm7', units: 160, parts: 1 });
    assert.equal(smsSize('€'.repeat(81)).parts, 2);
  });

  it('should send Persian as UCS-2: 70 in one part, 67 per part beyond', () => {
    assert.deepEqual(smsSize('س'.repeat(70)), { encoding: 'ucs2', units: 70, parts: 1 });
    assert.deepEqual(smsSize('س'.repeat(71)), { encoding: 'ucs2', units: 71, parts: 2 });
    assert.equal(smsSize('س'.repeat(134)).parts, 2);
    assert.equal(smsSize('س'.repeat(135)).parts, 3);
  });

  it('should switch a Latin text to UCS-2 for one Persian digit', () => {
    assert.equal(smsSize(`${'a'.repeat(100)}۱`).encoding, 'ucs2');
    assert.equal(smsSize(`${'a'.repeat(100)}۱`).parts, 2);
  });
});

describe('the built-in login code SMS', () => {
  it('should fit one Persian part for an org with a typical name', async () => {
    const { renderSms } = await import('./templates.js');
    const text = renderSms('otp', 'fa', { org: 'شهرداری نمونه', code: '123456' });
    assert.equal(smsSize(text).parts, 1, text);
  });
});
