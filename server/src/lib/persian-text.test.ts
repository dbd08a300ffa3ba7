import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { foldForSearch, normalizeDigits } from './persian-text.js';

describe('foldForSearch(text)', () => {
  const same: [string, string][] = [
    ['علي', 'علی'], // Arabic yeh
    ['كريمي', 'کریمی'], // Arabic kaf and yeh
    ['خانۀ ما', 'خانه ما'],
    ['مـــدرســه', 'مدرسه'], // tatweel
    ['می‌خواهم', 'میخواهم'], // ZWNJ
    ['۱۲۳۴۵۶۷۸۹۰', '1234567890'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['مُحَمَّد', 'محمد'], // diacritics
    ['آرش', 'ارش'],
    ['  Permit   REQUEST ', 'permit request'],
  ];
  for (const [a, b] of same) {
    it(`should fold "${a}" and "${b}" to the same text`, () => {
      assert.equal(foldForSearch(a), foldForSearch(b));
    });
  }

  it('should keep different words different', () => {
    assert.notEqual(foldForSearch('کار'), foldForSearch('گار'));
    assert.notEqual(foldForSearch('۱۲'), foldForSearch('۲۱'));
  });
});

describe('normalizeDigits(text)', () => {
  it('should turn Persian and Arabic-Indic digits into Latin ones and keep the rest', () => {
    assert.equal(normalizeDigits('۰۹۱۲٣٤٥abc'), '0912345abc');
  });
});
