import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { normalizeDigits, toE164 } from './digits.js';

/** One row of the phone table the server's parser is tested against too. */
interface PhoneCase {
  input: string;
  countryCodes?: string[];
  e164: string | null;
}

const table = JSON.parse(readFileSync(new URL('./test-fixtures/phones.json', import.meta.url), 'utf8')) as { cases: PhoneCase[] };

describe('normalizeDigits(text)', () => {
  it('should turn Persian and Arabic-Indic digits into Latin ones', () => {
    assert.equal(normalizeDigits('۰۹۱۲٣٤٥abc'), '0912345abc');
  });
});

describe('toE164(phone, countryCodes)', () => {
  it('should have the shared table of cases to check', () => {
    assert.ok(table.cases.length >= 20);
  });

  for (const { input, countryCodes, e164 } of table.cases) {
    const under = countryCodes ? ` under ${countryCodes.join(', ')}` : '';
    it(`should read ${JSON.stringify(input)}${under} as ${e164 ?? 'not a mobile number'}`, () => {
      assert.equal(countryCodes ? toE164(input, countryCodes) : toE164(input), e164);
    });
  }
});
