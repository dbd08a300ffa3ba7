import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parsePhone, type PhoneResult } from './phone.js';

/** One row of the phone table the SDK's `toE164` is tested against too. */
interface PhoneCase {
  input: string;
  countryCodes?: string[];
  e164: string | null;
  reason?: 'invalid' | 'country';
}

// The widget checks a number with the SDK before sending it; both sides must agree on every form.
const table = JSON.parse(
  readFileSync(new URL('../../../sdk/src/test-fixtures/phones.json', import.meta.url), 'utf8'),
) as { cases: PhoneCase[] };

describe('parsePhone(input, countryCodes)', () => {
  it('should have the shared table of cases to check', () => {
    assert.ok(table.cases.length >= 20);
  });

  for (const { input, countryCodes = ['98'], e164, reason } of table.cases) {
    const expected: PhoneResult = e164 ? { ok: true, e164 } : { ok: false, reason: reason ?? 'invalid' };
    it(`should read ${JSON.stringify(input)} under ${countryCodes.join(', ')} as ${e164 ?? reason}`, () => {
      assert.deepEqual(parsePhone(input, countryCodes), expected);
    });
  }
});

describe('parsePhone(input, countryCodes) with calling codes', () => {
  it('should match whole calling codes, never a prefix of one', () => {
    // "9" is no calling code: it admits neither Iran (+98) nor Turkey (+90) nor India (+91).
    for (const number of ['+989121234567', '+905321234567', '+919812345678']) {
      assert.deepEqual(parsePhone(number, ['9']), { ok: false, reason: 'country' }, number);
    }
    assert.deepEqual(parsePhone('+905321234567', ['98']), { ok: false, reason: 'country' });
    assert.deepEqual(parsePhone('+905321234567', ['98', '90']), { ok: true, e164: '+905321234567' });
    assert.deepEqual(parsePhone('+14155550123', ['1']), { ok: true, e164: '+14155550123' });
    assert.deepEqual(parsePhone('+14155550123', ['14']), { ok: false, reason: 'country' });
  });
});
