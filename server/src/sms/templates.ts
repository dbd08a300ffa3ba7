import type { Locale } from '@citizen-counter/sdk';

/** The messages the service sends to citizens. */
export type SmsTemplate = 'otp' | 'approved' | 'rejected' | 'documents_requested' | 'replied';

const templates: Record<SmsTemplate, Record<Locale, string>> = {
  otp: {
    fa: 'کد ورود شما به پیشخوان {org}: {code}',
    en: 'Your {org} counter login code: {code}',
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

/** Fills in a template in `locale`; unknown placeholders are left as they are. */
export function renderSms(template: SmsTemplate, locale: Locale, values: Record<string, string>): string {
  return templates[template][locale].replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}

/** A date as the citizen reads it: Jalali with Persian digits (fa) or a Gregorian day (en). */
export function smsDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR' : 'en-GB', { dateStyle: 'medium', timeZone: 'Asia/Tehran' }).format(date);
}
