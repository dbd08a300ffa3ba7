import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addWorkingDays, isWorkingDay, workingDaysBetween, type WorkingCalendar } from './working-days.js';

// 2026-12-02 is a Wednesday; 2026-12-04 a Friday.
const wednesdayNoonTehran = new Date('2026-12-02T08:30:00Z');
const calendar: WorkingCalendar = { daysOff: [5], holidays: [] };

describe('addWorkingDays(from, days, calendar)', () => {
  it('should skip Fridays', () => {
    assert.equal(addWorkingDays(wednesdayNoonTehran, 1, calendar), '2026-12-03');
    assert.equal(addWorkingDays(wednesdayNoonTehran, 2, calendar), '2026-12-05');
    assert.equal(addWorkingDays(wednesdayNoonTehran, 0, calendar), '2026-12-02');
  });

  it('should skip listed holidays and extra weekly days off', () => {
    const withHoliday: WorkingCalendar = { daysOff: [4, 5], holidays: ['2026-12-05'] };
    assert.equal(addWorkingDays(wednesdayNoonTehran, 1, withHoliday), '2026-12-06');
  });

  it('should count from the day in Tehran, not in UTC', () => {
    // 22:00 UTC on Tuesday is already Wednesday 01:30 in Tehran.
    assert.equal(addWorkingDays(new Date('2026-12-01T22:00:00Z'), 1, calendar), '2026-12-03');
  });

  it('should refuse a calendar without working days and a negative count', () => {
    assert.throws(() => addWorkingDays(wednesdayNoonTehran, 1, { daysOff: [0, 1, 2, 3, 4, 5, 6], holidays: [] }), RangeError);
    assert.throws(() => addWorkingDays(wednesdayNoonTehran, -1, calendar), RangeError);
  });
});

describe('workingDaysBetween(from, to)', () => {
  it('should count the working days after from up to to', () => {
    assert.equal(workingDaysBetween('2026-12-02', '2026-12-05', calendar), 2);
    assert.equal(workingDaysBetween('2026-12-05', '2026-12-02', calendar), 0);
    assert.equal(isWorkingDay('2026-12-04', calendar), false);
  });
});
