import { isoDay, localDate, tehran } from './jalali.js';

/**
 * An org's working calendar: the weekly days off (0 = Sunday … 6 = Saturday; Friday, 5, in Iran)
 * and the holidays its admin lists, as `YYYY-MM-DD` Gregorian days in the org's time zone.
 */
export interface WorkingCalendar {
  daysOff: readonly number[];
  holidays: readonly string[];
  timeZone?: string;
}

/** Friday off, no listed holidays, Tehran time. */
export const defaultCalendar: WorkingCalendar = { daysOff: [5], holidays: [], timeZone: tehran };

const dayMs = 86_400_000;

/** Whether a calendar day (`YYYY-MM-DD`) is a working day. */
export function isWorkingDay(day: string, calendar: WorkingCalendar): boolean {
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return !calendar.daysOff.includes(weekday) && !calendar.holidays.includes(day);
}

/**
 * The day a response is due: `days` working days after the day of `from` in the org's time zone
 * (the day of `from` itself does not count, as in office practice), as `YYYY-MM-DD`. Zero days
 * is the same day. A calendar with every weekday off is refused rather than looping forever.
 */
export function addWorkingDays(from: Date, days: number, calendar: WorkingCalendar = defaultCalendar): string {
  if (!Number.isInteger(days) || days < 0) throw new RangeError(`days must be a whole number ≥ 0, not ${days}`);
  if (new Set(calendar.daysOff.filter((day) => day >= 0 && day <= 6)).size >= 7) throw new RangeError('A calendar needs at least one working weekday.');
  let day = isoDay(localDate(from, calendar.timeZone ?? tehran));
  let left = days;
  while (left > 0) {
    day = nextDay(day);
    if (isWorkingDay(day, calendar)) left -= 1;
  }
  return day;
}

/** Working days strictly after `from` up to and including `to` (both `YYYY-MM-DD`); 0 when `to` is not later. */
export function workingDaysBetween(from: string, to: string, calendar: WorkingCalendar = defaultCalendar): number {
  let count = 0;
  for (let day = nextDay(from); day <= to; day = nextDay(day)) if (isWorkingDay(day, calendar)) count += 1;
  return count;
}

function nextDay(day: string): string {
  return new Date(new Date(`${day}T00:00:00Z`).getTime() + dayMs).toISOString().slice(0, 10);
}
