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
