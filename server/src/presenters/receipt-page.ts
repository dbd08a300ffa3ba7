import { createHash } from 'node:crypto';
import type { Locale, ReceiptVerification, RequestStatus } from '@citizen-counter/sdk';
import { tehran } from '../lib/jalali.js';

/**
 * The page a receipt's QR code opens: self-contained (no script, no request beyond itself), in
 * Persian (right to left, Persian digits, Jalali date) or English. It shows only whether the
 * receipt is genuine and, if so, its org, date, unit and current status.
 */

const style =
  'body{font-family:Vazirmatn,Tahoma,system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2330}' +
  'main{max-inline-size:28rem;margin:3rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 4px #0002}' +
  'h1{font-size:1.25rem;margin:0 0 1rem}.ok{color:#17733a}.bad{color:#b3261e}' +
  'dl{display:grid;grid-template-columns:auto 1fr;gap:.5rem 1rem;margin:0}dt{color:#5b6373}dd{margin:0;font-weight:600}';

/** The `Content-Security-Policy` of the page: its one inline style, nothing else. */
export const receiptPagePolicy = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(style).digest('base64')}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const words = {
  fa: {
    title: 'استعلام رسید',
    genuine: 'این رسید معتبر است.',
    notGenuine: 'این رسید معتبر نیست.',
    notGenuineHint: 'نشانی رسید تغییر کرده یا چنین رسیدی صادر نشده است.',
    org: 'سازمان',
    trackingCode: 'کد رهگیری',
    date: 'تاریخ ارسال',
    unit: 'واحد مخاطب',
    status: 'وضعیت کنونی',
  },
  en: {
    title: 'Receipt check',
    genuine: 'This receipt is genuine.',
    notGenuine: 'This receipt is not genuine.',
    notGenuineHint: 'The receipt link was changed, or no such receipt was issued.',
    org: 'Organization',
    trackingCode: 'Tracking code',
    date: 'Sent on',
    unit: 'Addressed unit',
    status: 'Current status',
  },
} as const;

const statuses: Record<Locale, Record<RequestStatus, string>> = {
  fa: { under_review: 'در حال بررسی', needs_documents: 'در انتظار مدارک تکمیلی', rejected: 'رد شده', approved: 'تایید شده' },
  en: { under_review: 'Under review', needs_documents: 'Awaiting documents', rejected: 'Rejected', approved: 'Approved' },
};

/** The HTML page of a receipt check in `locale`. */
export function receiptPage(result: ReceiptVerification, locale: Locale): string {
  const text = words[locale];
  const body = result.genuine
    ? `<h1 class="ok">${text.genuine}</h1><dl>${[
        [text.org, result.org.name[locale]],
        [text.trackingCode, digits(result.trackingCode, locale)],
        [text.date, dateTime(result.submittedAt, locale)],
        [text.unit, result.unit.name[locale]],
        [text.status, statuses[locale][result.status]],
      ]
        .map(([term, value]) => `<dt>${escapeHtml(term ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`)
        .join('')}</dl>`
    : `<h1 class="bad">${text.notGenuine}</h1><p>${text.notGenuineHint}</p>`;
  return `<!doctype html><html lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${text.title}</title><style>${style}</style></head><body><main>${body}</main></body></html>`;
}

/** The date and time of an instant as the reader expects it: Jalali with Persian digits (fa), Gregorian (en), Tehran time. */
export function dateTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: tehran }).format(new Date(iso));
}

function digits(value: string, locale: Locale): string {
  return locale === 'fa' ? value.replace(/\d/g, (digit) => String.fromCharCode(0x06f0 + Number(digit))) : value;
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
