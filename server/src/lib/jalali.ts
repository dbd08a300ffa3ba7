/**
 * The Jalali (Solar Hijri) calendar as the org's office lives it, through `Intl`'s `persian`
 * calendar (full ICU ships with Node and Chromium: no calendar library). The year turns on
 * 1 Farvardin at midnight in the org's time zone, Tehran unless told otherwise.
 */

/** The time zone of Iranian offices. */
export const tehran = 'Asia/Tehran';

/** A calendar date: year, month (1–12) and day. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const jalaliFormats = new Map<string, Intl.DateTimeFormat>();
const gregorianFormats = new Map<string, Intl.DateTimeFormat>();

function format(cache: Map<string, Intl.DateTimeFormat>, locale: string, timeZone: string): Intl.DateTimeFormat {
  let formatter = cache.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' });
    cache.set(timeZone, formatter);
  }
  return formatter;
}

function parts(formatter: Intl.DateTimeFormat, date: Date): CalendarDate {
  const found: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const part of formatter.formatToParts(date)) found[part.type] = part.value;
  return { year: Number(found.year), month: Number(found.month), day: Number(found.day) };
}

/** The Jalali date of an instant in a time zone, e.g. `{year: 1405, month: 1, day: 1}`. */
export function jalaliDate(date: Date, timeZone: string = tehran): CalendarDate {
  return parts(format(jalaliFormats, 'en-US-u-ca-persian-nu-latn', timeZone), date);
}

/** The Jalali year of an instant in a time zone (the letter register's year). */
export function jalaliYear(date: Date, timeZone: string = tehran): number {
  return jalaliDate(date, timeZone).year;
}

/** The Gregorian calendar date of an instant in a time zone. */
export function localDate(date: Date, timeZone: string = tehran): CalendarDate {
  return parts(format(gregorianFormats, 'en-US-u-ca-gregory-nu-latn', timeZone), date);
}

/** A calendar date as `YYYY-MM-DD`. */
export function isoDay(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
