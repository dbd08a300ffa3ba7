import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeDigits, toE164 } from './digits.js';

describe('normalizeDigits(text)', () => {
  it('should turn Persian and Arabic-Indic digits into Latin ones', () => {
    assert.equal(normalizeDigits('۰۹۱۲٣٤٥abc'), '0912345abc');
  });
});

describe('toE164(phone, countryCodes)', () => {
  const forms = ['09121234567', '9121234567', '+989121234567', '00989121234567', '۰۹۱۲ ۱۲۳ ۴۵۶۷', '٠٩١٢-١٢٣-٤٥٦٧'];
  for (const form of forms) {
    it(`should read ${form} as +989121234567`, () => {
      assert.equal(toE164(form), '+989121234567');
    });
  }

  it('should refuse a landline, a short number and letters', () => {
    assert.equal(toE164('02112345678'), null);
    assert.equal(toE164('0912123'), null);
    assert.equal(toE164('0912abc4567'), null);
  });

  it('should refuse a country code the org does not allow', () => {
    assert.equal(toE164('+14155550100'), null);
    assert.equal(toE164('+14155550100', ['98', '1']), '+14155550100');
  });
});
