import type { Locale, SmsKind } from '@citizen-counter/sdk';

/** The messages the service sends: login codes to citizens and staff, news to citizens. */
export type SmsTemplate = SmsKind;

/** Every SMS kind, in the order the desk lists them. */
export const smsKinds: readonly SmsTemplate[] = ['otp', 'staff_otp', 'approved', 'rejected', 'documents_requested', 'replied'];

const templates: Record<SmsTemplate, Record<Locale, string>> = {
  otp: {
    fa: 'کد ورود شما به پیشخوان {org}: {code}',
    en: 'Your {org} counter login code: {code}',
  },
  staff_otp: {
    fa: 'کد ورود کارکنان به میز کار {org}: {code}',
    en: 'Your {org} staff desk login code: {code}',
  },
  approved: {
    fa: 'درخواست شما با کد رهگیری {trackingCode} تایید شد. شماره نامه: {letterNumber} تاریخ نامه: {date} - {org}',
    en: 'Your request {trackingCode} was approved. Letter number: {letterNumber}, letter date: {date}. {org}',
  },
  rejected: {
    fa: 'درخواست شما با کد رهگیری {trackingCode} در تاریخ {date} رد شد. دلیل: {reason} - {org}',
    en: 'Your request {trackingCode} was rejected on {date}. Reason: {reason}. {org}',
  },
  documents_requested: {
    fa: 'برای درخواست {trackingCode} مدارک تکمیلی لازم است: {message} - لطفا از پیشخوان ارسال کنید. {org}',
    en: 'Your request {trackingCode} needs more documents: {message}. Please send them at the counter. {org}',
  },
  replied: {
    fa: 'به درخواست {trackingCode} پاسخ داده شد؛ پاسخ را در پیشخوان ببینید. {org}',
    en: 'Your request {trackingCode} has a reply; see it at the counter. {org}',
  },
};

const requestVariables = ['fullName', 'trackingCode', 'letterNumber', 'unit', 'date', 'org'];

/** The `{name}`s each kind of SMS may use, and those it must keep (a login code SMS without its code is useless). */
export const smsVariables: Record<SmsTemplate, { variables: readonly string[]; required: readonly string[] }> = {
  otp: { variables: ['code', 'org'], required: ['code'] },
  staff_otp: { variables: ['code', 'org'], required: ['code'] },
  approved: { variables: requestVariables, required: [] },
  rejected: { variables: [...requestVariables, 'reason'], required: [] },
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

/** A date as the citizen reads it: Jalali with Persian digits (fa) or a Gregorian day (en). */
export function smsDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tehran' }).format(date);
}
