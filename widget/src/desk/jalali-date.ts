import { normalizeDigits } from '@citizen-counter/sdk';

/** A day of the Jalali (Solar Hijri, هجری شمسی) calendar; `month` 1 is Farvardin. */
export interface JalaliDate {
  year: number;
  month: number;
  day: number;
}

const dayMs = 86_400_000;

// The browser's Persian calendar, with Latin digits so the parts read as numbers.
const persianCalendar = new Intl.DateTimeFormat('en-u-ca-persian-nu-latn', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });

/**
 * The Jalali date of an ISO day (`YYYY-MM-DD`), as the browser's Persian calendar reckons it — the
 * same calendar every other date of the desk is shown in.
 * @example toJalali('2026-03-21') // { year: 1405, month: 1, day: 1 }
 */
export function toJalali(iso: string): JalaliDate {
  const parts = persianCalendar.formatToParts(new Date(`${iso}T12:00:00Z`));
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

/**
 * The ISO day (`YYYY-MM-DD`) of a Jalali date, or `null` when there is no such day (31 Mehr,
 * 30 Esfand of a common year, month 13…).
 * @example fromJalali({ year: 1403, month: 12, day: 30 }) // '2025-03-20'
 */
export function fromJalali(date: JalaliDate): string | null {
  const { year, month, day } = date;
  if (![year, month, day].every(Number.isInteger) || year < 1 || year > 3000 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  // Days since 1970-01-01 of 1 Farvardin: 365 a year since 1 Farvardin 1 (day -492268) plus the
  // leap days of the 33-year cycle; months 1–6 have 31 days, 7–11 have 30.
  const farvardin1 = -492_268 + 365 * (year - 1) + Math.floor((8 * year + 21) / 33);
  const estimate = farvardin1 + 31 * Math.min(month - 1, 6) + 30 * Math.max(month - 7, 0) + day - 1;
  // The cycle is exact for the years staff work in; the browser's calendar corrects a few distant
  // years by a day, and it is the calendar the desk shows, so it has the last word.
  for (const delta of [0, -1, 1]) {
    const iso = new Date((estimate + delta) * dayMs).toISOString().slice(0, 10);
    const back = toJalali(iso);
    if (back.year === year && back.month === month && back.day === day) return iso;
  }
  return null;
}

/**
 * Reads a Jalali date typed as year/month/day: `۱۴۰۵/۰۹/۱۱`, `1405/9/11`, `۱۴۰۵-۰۹-۱۱`, in Persian,
 * Arabic-Indic or Latin digits, with `/`, `-`, `.` or spaces between; `null` when it is not one.
 */
export function parseJalali(text: string): JalaliDate | null {
  const match = /^(\d{4})\s*[/\-.\s]\s*(\d{1,2})\s*[/\-.\s]\s*(\d{1,2})$/.exec(normalizeDigits(text.trim()));
  if (!match) return null;
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** A Jalali date written `1405/09/11` (in Latin digits; the caller localizes them). */
export function writeJalali(date: JalaliDate): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${date.year}/${two(date.month)}/${two(date.day)}`;
}

/**
 * Reads a day written in either calendar: a year before 1700 is Jalali (`۱۴۰۵/۰۱/۰۱`), a later one
 * Gregorian (`2026-03-21`), in any digits and with `/`, `-`, `.` or spaces between. Answers the ISO
 * day, or `null` when the text is not a day of its calendar.
 * @example parseDay('۱۴۰۵/۱/۱') // '2026-03-21'
 */
export function parseDay(text: string): string | null {
  const date = parseJalali(text);
  if (!date) return null;
  if (date.year < 1700) return fromJalali(date);
  const two = (n: number) => String(n).padStart(2, '0');
  const iso = `${date.year}-${two(date.month)}-${two(date.day)}`;
  const parsed = new Date(`${iso}T12:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(iso) ? iso : null;
}
