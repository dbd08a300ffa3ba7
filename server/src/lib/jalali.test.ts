import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isoDay, jalaliDate, jalaliYear, localDate } from './jalali.js';

describe('jalaliYear(date)', () => {
  it('should turn the year on 1 Farvardin at midnight Tehran time, not UTC', () => {
    // Nowruz 1405 begins 2026-03-21 00:00 in Tehran (UTC+3:30), that is 2026-03-20 20:30 UTC.
    assert.equal(jalaliYear(new Date('2026-03-20T20:29:59.999Z')), 1404);
    assert.equal(jalaliYear(new Date('2026-03-20T20:30:00.000Z')), 1405);
    assert.deepEqual(jalaliDate(new Date('2026-03-20T20:30:00.000Z')), { year: 1405, month: 1, day: 1 });
  });

  it('should follow the time zone it is given', () => {
    assert.equal(jalaliYear(new Date('2026-03-20T20:30:00.000Z'), 'UTC'), 1404);
  });

  it('should give the last day of a leap Esfand', () => {
    // 1403 is a leap year: 30 Esfand 1403 is 2025-03-20.
    assert.deepEqual(jalaliDate(new Date('2025-03-20T08:00:00Z')), { year: 1403, month: 12, day: 30 });
  });
});

describe('localDate(date)', () => {
  it('should give the Gregorian day in Tehran', () => {
    assert.equal(isoDay(localDate(new Date('2026-12-01T21:00:00Z'))), '2026-12-02');
    assert.equal(isoDay(localDate(new Date('2026-12-01T20:00:00Z'))), '2026-12-01');
  });
});
