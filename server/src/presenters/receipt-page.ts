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

/*
 * The printable receipt (فیش) of a citizen's request: what the citizen keeps and shows at an office.
 * Black on white so it survives a black-and-white printer, sized to fit an A5 page as well as A4,
 * with the QR code of the receipt's public check. Its one script only prints.
 */

const printStyle =
  'body{font-family:Vazirmatn,Tahoma,system-ui,sans-serif;margin:0;background:#f4f6f8;color:#000}' +
  'main{box-sizing:border-box;max-inline-size:124mm;margin:2rem auto;padding:8mm;background:#fff;border:1px solid #000}' +
  'header{display:flex;align-items:center;gap:4mm;border-block-end:2px solid #000;padding-block-end:4mm}' +
  'header img{max-block-size:18mm;max-inline-size:30mm}.org{margin:0;font-size:1.1rem;font-weight:700}h1{margin:0;font-size:1rem;font-weight:400}' +
  '.label{margin:5mm 0 0;font-size:.9rem}.code{margin:0;font-size:2rem;font-weight:700;letter-spacing:.1em}' +
  'dl{display:grid;grid-template-columns:auto 1fr;gap:2mm 4mm;margin:5mm 0}dt{font-size:.9rem}dd{margin:0;font-weight:600;overflow-wrap:anywhere}' +
  'figure{display:flex;align-items:center;gap:4mm;margin:0;border-block-start:1px solid #000;padding-block-start:4mm}svg{inline-size:30mm;block-size:30mm;flex:none}' +
  'figcaption{font-size:.8rem}.url{display:block;direction:ltr;text-align:start;overflow-wrap:anywhere;font-size:.65rem;margin-block-start:2mm}' +
  'button{font:inherit;margin:5mm 0 0;padding:.5rem 1rem}' +
  '@page{margin:10mm}@media print{body{background:#fff}main{margin:0 auto;border:0}button{display:none}}';

const printScript = "document.getElementById('print').addEventListener('click',()=>print())";

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The `Content-Security-Policy` of the printable receipt: its style, its print button's script, the org's logo. */
export const printedReceiptPolicy = `default-src 'none'; style-src ${hash(printStyle)}; script-src ${hash(printScript)}; img-src https: data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const printWords = {
  fa: {
    title: 'فیش ثبت درخواست',
    trackingCode: 'کد رهگیری',
    date: 'تاریخ و ساعت ارسال نامه',
    name: 'نام و نام خانوادگی',
    subject: 'موضوع درخواست',
    unit: 'واحد سازمانی مخاطب',
    keep: 'این کد رهگیری را برای پیگیری درخواست خود نگه دارید.',
    check: 'برای استعلام اعتبار این فیش، این کد را با دوربین تلفن همراه بخوانید:',
    print: 'چاپ یا ذخیره PDF',
    ended: 'این پیوند دیگر کار نمی‌کند. فیش را دوباره از پیشخوان خدمت چاپ کنید.',
  },
  en: {
    title: 'Request receipt',
    trackingCode: 'Tracking code',
    date: 'Sent on',
    name: 'Full name',
    subject: 'Subject',
    unit: 'Addressed unit',
    keep: 'Keep this tracking code to follow your request.',
    check: 'To check that this receipt is genuine, scan this code with a phone camera:',
    print: 'Print or save as PDF',
    ended: 'This link no longer works. Print the receipt again from the e-service counter.',
  },
} as const;

/** What a printed receipt shows. */
export interface PrintedReceipt {
  org: { name: string; logoUrl: string | null };
  trackingCode: string;
  submittedAt: string;
  fullName: string;
  subject: string;
  unit: string;
  /** The receipt's public check, which the QR code holds. */
  receiptUrl: string;
  /** The QR code of `receiptUrl` as an SVG element. */
  qrSvg: string;
}

/** The HTML page of a printable receipt in `locale`. */
export function printedReceiptPage(receipt: PrintedReceipt, locale: Locale): string {
  const text = printWords[locale];
  const rows = [
    [text.date, dateTime(receipt.submittedAt, locale)],
    [text.name, receipt.fullName],
    [text.subject, receipt.subject],
    [text.unit, receipt.unit],
  ];
  const logo = receipt.org.logoUrl ? `<img src="${escapeHtml(receipt.org.logoUrl)}" alt="">` : '';
  return `<!doctype html><html lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${text.title} ${escapeHtml(digits(receipt.trackingCode, locale))}</title><style>${printStyle}</style></head><body><main>` +
    `<header>${logo}<div><p class="org">${escapeHtml(receipt.org.name)}</p><h1>${text.title}</h1></div></header>` +
    `<p class="label">${text.trackingCode}</p><p class="code" data-tracking-code>${escapeHtml(digits(receipt.trackingCode, locale))}</p>` +
    `<dl>${rows.map(([term, value]) => `<dt>${escapeHtml(term ?? '')}</dt><dd>${escapeHtml(value ?? '')}</dd>`).join('')}</dl>` +
    `<p>${text.keep}</p>` +
    `<figure>${receipt.qrSvg}<figcaption>${text.check}<span class="url">${escapeHtml(receipt.receiptUrl)}</span></figcaption></figure>` +
    `<button type="button" id="print">${text.print}</button>` +
    `</main><script>${printScript}</script></body></html>`;
}

/** The page of a printable receipt's link that has ended or was changed. */
export function printLinkEndedPage(locale: Locale): string {
  const text = printWords[locale];
  return `<!doctype html><html lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${text.title}</title><style>${printStyle}</style></head><body><main><p>${text.ended}</p></main></body></html>`;
}
