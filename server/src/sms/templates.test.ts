import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { smsSize } from './sms-parts.js';
import { appealSentence, defaultSmsText, fillPlaceholders, webOtpLine, placeholdersOf, renderSms, smsDate, smsKinds, smsVariables, type SmsTemplate } from './templates.js';

describe('renderSms(template, locale, values)', () => {
  it('should fill every placeholder of each template in both locales', () => {
    const values = { org: 'ORG', code: '123456', trackingCode: '1234567890', letterNumber: '1405/77', date: 'DATE', reason: 'REASON', message: 'MESSAGE', appeal: '' };
    const needs: Record<SmsTemplate, string[]> = {
      otp: ['ORG', '123456'],
      staff_otp: ['ORG', '123456'],
      submitted: ['ORG', '1234567890'],
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
    assert.equal(renderSms('otp', 'fa', { org: 'شهرداری', code: '042917' }), 'کد ورود پیشخوان شهرداری: 042917');
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

describe('the built-in texts as the network counts them', () => {
  // Values of typical length: an office name, a ten-digit code, a Jalali date, a letter number, a WebOTP host.
  const values = (locale: 'fa' | 'en') => ({
    org: locale === 'fa' ? 'شهرداری منطقه ۶' : 'District 6 City Hall',
    code: '123456',
    trackingCode: '4829301756',
    letterNumber: '127/1405',
    date: smsDate(new Date('2026-11-22T10:00:00Z'), locale),
    reason: locale === 'fa' ? 'امضای درخواست کننده ندارد' : 'The request is not signed',
    message: locale === 'fa' ? 'تصویر کارت ملی' : 'A copy of your ID card',
    appeal: appealSentence(locale, 30),
  });
  const sized = (kind: SmsTemplate, locale: 'fa' | 'en') => {
    const text = renderSms(kind, locale, values(locale));
    return { text, ...smsSize(kind === 'otp' || kind === 'staff_otp' ? `${text}\n${webOtpLine('counter.example.ir', '123456')}` : text) };
  };

  it('should count UCS-2 parts as 70 characters alone and 67 each once split', () => {
    assert.deepEqual(smsSize('س'.repeat(70)), { encoding: 'ucs2', units: 70, parts: 1 });
    assert.deepEqual(smsSize('س'.repeat(71)), { encoding: 'ucs2', units: 71, parts: 2 });
    assert.deepEqual(smsSize('س'.repeat(134)), { encoding: 'ucs2', units: 134, parts: 2 });
    assert.deepEqual(smsSize('س'.repeat(135)), { encoding: 'ucs2', units: 135, parts: 3 });
  });

  it('should send a login code with its WebOTP line, the submission, approval and reply news in one Persian part', () => {
    for (const kind of ['otp', 'staff_otp', 'submitted', 'approved', 'replied'] as const) {
      const size = sized(kind, 'fa');
      assert.equal(size.encoding, 'ucs2');
      assert.equal(size.parts, 1, `${kind}: ${size.units} characters: ${size.text}`);
    }
  });

  it('should send a rejection with its reason and the way to appeal, and a documents request, in at most two Persian parts', () => {
    for (const kind of ['rejected', 'documents_requested'] as const) {
      const size = sized(kind, 'fa');
      assert.ok(size.parts <= 2, `${kind}: ${size.units} characters: ${size.text}`);
    }
    assert.ok(sized('rejected', 'fa').text.includes('اعتراض تا ۳۰ روز'));
  });

  it('should keep each English text in one GSM part, the two with staff words in two', () => {
    for (const kind of smsKinds) {
      const size = sized(kind, 'en');
      assert.equal(size.encoding, 'gsm7', size.text);
      assert.ok(size.parts <= (kind === 'rejected' || kind === 'documents_requested' ? 2 : 1), `${kind}: ${size.text}`);
    }
  });
});
