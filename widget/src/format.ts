import type { DownloadedFile, LocalizedText } from '@citizen-counter/sdk';
import { currentLocale } from './localization.js';

const persianDigits = '۰۱۲۳۴۵۶۷۸۹';

/** Writes Latin digits as Persian ones in `fa` (codes, phone numbers); leaves text as is in `en`. */
export function digits(text: string | number): string {
  const value = String(text);
  return currentLocale() === 'fa' ? value.replace(/\d/g, (d) => persianDigits[Number(d)] ?? d) : value;
}

/** A date in the Jalali calendar with Persian digits (fa) or the Gregorian one (en). */
export function formatDate(iso: string, withTime = false): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'long', day: 'numeric' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit' });
  return new Intl.DateTimeFormat(currentLocale() === 'fa' ? 'fa-IR' : 'en-GB', options).format(new Date(iso));
}

/** A file size such as "45 bytes", "1 MB" / "۴۵ بایت", "۱ مگابایت". */
export function formatBytes(bytes: number): string {
  const [unit, size] = bytes >= 1024 * 1024 ? ['megabyte', bytes / 1024 / 1024] : bytes >= 1024 ? ['kilobyte', bytes / 1024] : ['byte', bytes];
  const fa = currentLocale() === 'fa';
  return new Intl.NumberFormat(fa ? 'fa-IR' : 'en-US', {
    style: 'unit',
    unit: unit as string,
    // Short English bytes read "45 byte", short Persian kilobytes "۱۲ kB": the long forms are right.
    unitDisplay: fa || unit === 'byte' ? 'long' : 'short',
    maximumFractionDigits: 1,
  }).format(size as number);
}

/** Seconds as `m:ss` in the locale's digits, for countdowns. */
export function formatCountdown(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return digits(`${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`);
}

/** Picks the active locale's side of a text given in both. */
export function localized(text: LocalizedText): string {
  return text[currentLocale()];
}

/** Hands a downloaded file to the browser's save dialog through a short-lived object URL. */
export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: some browsers start reading the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * An E.164 phone the way Iranians write it (`0912 123 4567`), isolated left-to-right inside Persian
 * text, its groups joined by no-break spaces so a narrow screen never wraps it.
 */
export function displayPhone(e164: string): string {
  const local = /^\+989\d{9}$/.test(e164) ? `0${e164.slice(3, 6)}\u00a0${e164.slice(6, 9)}\u00a0${e164.slice(9)}` : e164;
  return `\u2066${digits(local)}\u2069`;
}

/** A list such as "pdf, doc, png" / «pdf، doc، png». */
export function formatList(items: readonly string[]): string {
  const fa = currentLocale() === 'fa';
  // In RTL each (Latin) item is isolated, so the list reads right to left and its commas and a
  // closing period stay where they belong.
  return items.map((item) => (fa ? `\u2066${item}\u2069` : item)).join(fa ? '، ' : ', ');
}
