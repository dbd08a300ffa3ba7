import type { Locale, SmsKind } from '@citizen-counter/sdk';

/** The messages the service sends: login codes to citizens and staff, news to citizens. */
export type SmsTemplate = SmsKind;

/** Every SMS kind, in the order the desk lists them. */
export const smsKinds: readonly SmsTemplate[] = ['otp', 'staff_otp', 'submitted', 'approved', 'rejected', 'documents_requested', 'replied'];

/*
 * Kept within one SMS part where the content allows: a Persian text goes as UCS-2, 70 characters in
 * one part (67 per part once split), and the login code's WebOTP line takes about 28 of those. A
 * rejection's reason and a documents request's message are the staff's words and may run longer.
 */
const templates: Record<SmsTemplate, Record<Locale, string>> = {
  otp: {
    fa: 'کد ورود پیشخوان {org}: {code}',
    en: 'Your {org} counter login code: {code}',
  },
  staff_otp: {
    fa: 'کد ورود کارکنان {org}: {code}',
    en: 'Your {org} staff desk login code: {code}',
  },
  submitted: {
    fa: 'درخواست شما ثبت شد. کد رهگیری: {trackingCode} - {org}',
    en: 'Your request was received. Tracking code: {trackingCode}. {org}',
  },
  approved: {
    fa: 'درخواست {trackingCode} تایید شد. نامه {letterNumber} {date} {org}',
    en: 'Your request {trackingCode} was approved. Letter number: {letterNumber}, letter date: {date}. {org}',
  },
  rejected: {
    fa: 'درخواست {trackingCode} در {date} رد شد. دلیل: {reason}{appeal} - {org}',
    en: 'Your request {trackingCode} was rejected on {date}. Reason: {reason}.{appeal} {org}',
  },
  documents_requested: {
    fa: 'درخواست {trackingCode} مدارک تکمیلی لازم دارد: {message} - از پیشخوان بفرستید. {org}',
    en: 'Your request {trackingCode} needs more documents: {message}. Please send them at the counter. {org}',
  },
  replied: {
    fa: 'پاسخ درخواست {trackingCode} در پیشخوان آماده است. {org}',
    en: 'Your request {trackingCode} has a reply; see it at the counter. {org}',
  },
};

/** The sentence `{appeal}` stands for in a rejection while the citizen may still appeal: the remedy a rejection must state. */
export function appealSentence(locale: Locale, days: number): string {
  return locale === 'fa'
    ? `. اعتراض تا ${persianNumber.format(days)} روز در پیشخوان`
    : ` You may appeal at the counter within ${days} days.`;
}

/** The WebOTP line a login code SMS ends with, so Android and Chrome offer the code to the page at `host`. */
export function webOtpLine(host: string, code: string): string {
  return `@${host} #${code}`;
}

const requestVariables = ['fullName', 'trackingCode', 'letterNumber', 'unit', 'date', 'org'];

/** The `{name}`s each kind of SMS may use, and those it must keep (a login code SMS without its code is useless). */
export const smsVariables: Record<SmsTemplate, { variables: readonly string[]; required: readonly string[] }> = {
  otp: { variables: ['code', 'org'], required: ['code'] },
  staff_otp: { variables: ['code', 'org'], required: ['code'] },
  submitted: { variables: requestVariables, required: [] },
  approved: { variables: requestVariables, required: [] },
  rejected: { variables: [...requestVariables, 'reason', 'appeal'], required: [] },
  documents_requested: { variables: [...requestVariables, 'message'], required: [] },
  replied: { variables: requestVariables, required: [] },
};

/** The built-in text of an SMS in `locale`. */
export function defaultSmsText(template: SmsTemplate, locale: Locale): string {
  return templates[template][locale];
}

/** Fills `{name}` placeholders of a text; unknown ones are left as they are. */
export function fillPlaceholders(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** The `{name}`s a text uses, each once, in order. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!))];
}

/** Fills in a built-in text in `locale`; unknown placeholders are left as they are. */
export function renderSms(template: SmsTemplate, locale: Locale, values: Record<string, string>): string {
  return fillPlaceholders(templates[template][locale], values);
}

// Made once: building an Intl formatter costs far more than formatting with it, and every news SMS formats a date.
const persianNumber = new Intl.NumberFormat('fa-IR');
const smsDates: Record<Locale, Intl.DateTimeFormat> = {
  fa: new Intl.DateTimeFormat('fa-IR', { dateStyle: 'medium', timeZone: 'Asia/Tehran' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tehran' }),
};

/** A date as the citizen reads it: Jalali with Persian digits (fa) or a Gregorian day (en). */
export function smsDate(date: Date, locale: Locale): string {
  return smsDates[locale].format(date);
}
