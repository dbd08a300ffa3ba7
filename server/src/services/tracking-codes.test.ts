import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newTrackingCode, normalizeTrackingCode, trackingCodeLength } from './tracking-codes.js';

describe('newTrackingCode()', () => {
  it('should draw ten Latin digits that do not start with 0', () => {
    for (let draw = 0; draw < 200; draw++) {
      const code = newTrackingCode();
      assert.equal(code.length, trackingCodeLength);
      assert.match(code, /^[1-9]\d{9}$/);
    }
  });

  it('should not draw the same code twice in a small sample', () => {
    const codes = new Set(Array.from({ length: 100 }, newTrackingCode));
    assert.equal(codes.size, 100);
  });
});

describe('normalizeTrackingCode(typed)', () => {
  it('should turn Persian and Arabic-Indic digits into Latin ones', () => {
    assert.equal(normalizeTrackingCode('۱۲۳۴۵۶۷۸۹۰'), '1234567890');
    assert.equal(normalizeTrackingCode('١٢٣٤٥٦٧٨٩٠'), '1234567890');
  });

  it('should drop spaces people type between groups, and keep other characters', () => {
    assert.equal(normalizeTrackingCode(' 12345 67890 '), '1234567890');
    assert.equal(normalizeTrackingCode('۱۲۳\u00a0۴۵'), '12345');
    assert.equal(normalizeTrackingCode('12-34'), '12-34');
  });

  it('should answer null when nothing but spaces was typed', () => {
    assert.equal(normalizeTrackingCode('   '), null);
    assert.equal(normalizeTrackingCode(''), null);
  });
});
