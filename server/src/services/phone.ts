import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { normalizeDigits } from '../lib/persian-text.js';

/** The outcome of reading a phone number. */
export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: 'invalid' | 'country' };

/**
 * Reads a mobile number in its usual forms (`09…`, `9…`, `+98…`, `0098…`, any digits, spaces and
 * dashes) and checks it against the org's calling codes — whole codes, as the numbering plan
 * splits them (libphonenumber), so an allowed `9` admits no number of +98, +90 or +91.
 */
export function parsePhone(input: string, countryCodes: readonly string[]): PhoneResult {
  let digits = normalizeDigits(input).replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `98${digits.slice(1)}`;
  else if (/^9\d{9}$/.test(digits)) digits = `98${digits}`;
  if (!/^\d{8,15}$/.test(digits)) return { ok: false, reason: 'invalid' };
  if (digits.startsWith('98') && !/^989\d{9}$/.test(digits)) return { ok: false, reason: 'invalid' };
  const callingCode = parsePhoneNumberFromString(`+${digits}`)?.countryCallingCode;
  if (!callingCode) return { ok: false, reason: 'invalid' };
  if (!countryCodes.includes(callingCode)) return { ok: false, reason: 'country' };
  return { ok: true, e164: `+${digits}` };
}
