import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smsSize } from './sms-parts.js';
import { defaultSmsText, fillPlaceholders, placeholdersOf, renderSms, smsDate, smsKinds, smsVariables, type SmsTemplate } from './templates.js';

describe('renderSms(template, locale, values)', () => {
  it('should fill every placeholder of each template in both locales', () => {
    const values = { org: 'ORG', code: '123456', trackingCode: '1234567890', letterNumber: '1405/77', date: 'DATE', reason: 'REASON', message: 'MESSAGE' };
    const needs: Record<SmsTemplate, string[]> = {
      otp: ['ORG', '123456'],
      staff_otp: ['ORG', '123456'],
      approved: ['ORG', '1234567890', '1405/77', 'DATE'],
      rejected: ['ORG', '1234567890', 'DATE', 'REASON'],
      documents_requested: ['ORG', '1234567890', 'MESSAGE'],
      replied: ['ORG', '1234567890'],
    };
    for (const [template, shown] of Object.entries(needs) as [SmsTemplate, string[]][]) {
      for (const locale of ['fa', 'en'] as const) {
        const text = renderSms(template, locale, values);
        assert.doesNotMatch(text, /[{}]/, `${template}/${locale}: ${text}`);
        for (const value of shown) assert.ok(text.includes(value), `${template}/${locale} lacks ${value}: ${text}`);
      }
    }
  });

  it('should write the OTP message in the asked language', () => {
    assert.equal(renderSms('otp', 'en', { org: 'City Hall', code: '042917' }), 'Your City Hall counter login code: 042917');
    assert.equal(renderSms('otp', 'fa', { org: 'شهرداری', code: '042917' }), 'کد ورود شما به پیشخوان شهرداری: 042917');
  });

  it('should leave a placeholder it has no value for, and not read $-patterns in values', () => {
    assert.equal(renderSms('otp', 'en', { org: 'A' }), 'Your A counter login code: {code}');
    assert.equal(renderSms('otp', 'en', { org: '$&$1', code: '$`' }), 'Your $&$1 counter login code: $`');
  });
});

describe('smsDate(date, locale)', () => {
  // 2026-03-20T21:00Z is already 21 March (1 Farvardin 1405) in Tehran, UTC+3:30.
  const date = new Date('2026-03-20T21:00:00.000Z');

  it('should give the Jalali day in Persian digits in fa', () => {
    const text = smsDate(date, 'fa');
    assert.match(text, /۱۴۰۵/);
    assert.match(text, /فروردین/);
    assert.doesNotMatch(text, /[0-9]/);
  });

  it("should give Tehran's Gregorian day in en", () => {
    assert.equal(smsDate(date, 'en'), '21 Mar 2026');
  });
});

describe('the built-in texts and their variables', () => {
  it('should use only the variables of their kind and keep the required ones', () => {
    for (const kind of smsKinds) {
      for (const locale of ['fa', 'en'] as const) {
        const used = placeholdersOf(defaultSmsText(kind, locale));
        for (const name of used) assert.ok(smsVariables[kind].variables.includes(name), `${kind}/${locale} uses {${name}}`);
        for (const name of smsVariables[kind].required) assert.ok(used.includes(name), `${kind}/${locale} lacks {${name}}`);
      }
    }
  });

  it('should send the staff login code in one Persian part too', () => {
    const text = fillPlaceholders(defaultSmsText('staff_otp', 'fa'), { org: 'شهرداری نمونه', code: '123456' });
    assert.equal(smsSize(text).parts, 1, text);
  });
});

describe('placeholdersOf(text) and fillPlaceholders(text, values)', () => {
  it('should list each {name} once, in order, and ignore braces that are not a name', () => {
    assert.deepEqual(placeholdersOf('{a} {b} {a} { c } {} {d-e}'), ['a', 'b']);
  });

  it('should fill the names it has and leave the others', () => {
    assert.equal(fillPlaceholders('{a}/{b}', { a: '1' }), '1/{b}');
  });
});
