const persian = '۰۱۲۳۴۵۶۷۸۹';
const arabicIndic = '٠١٢٣٤٥٦٧٨٩';

/**
 * Turns Persian (۰–۹) and Arabic-Indic (٠–٩) digits into Latin ones and leaves everything else.
 * @example normalizeDigits('۰۹۱۲') === '0912'
 */
export function normalizeDigits(text: string): string {
  return text.replace(/[۰-۹٠-٩]/g, (digit) => {
    const index = persian.indexOf(digit);
    return String(index >= 0 ? index : arabicIndic.indexOf(digit));
  });
}

/**
 * Reads an Iranian-style mobile number in any of its usual forms — `09121234567`, `9121234567`,
 * `+989121234567`, `00989121234567`, with spaces or dashes, in any digits — and gives its E.164
 * form, or `null` when it is not a mobile number under one of `countryCodes`.
 * @example toE164('۰۹۱۲ ۱۲۳ ۴۵۶۷') === '+989121234567'
 */
export function toE164(phone: string, countryCodes: readonly string[] = ['98']): string | null {
  let digits = normalizeDigits(phone).replace(/[\s\-().]/g, '');
  if (digits.startsWith('+')) digits = digits.slice(1);
  else if (digits.startsWith('00')) digits = digits.slice(2);
  else if (digits.startsWith('0')) digits = `98${digits.slice(1)}`;
  else if (/^9\d{9}$/.test(digits)) digits = `98${digits}`;
  if (!/^\d{8,15}$/.test(digits)) return null;
  const country = countryCodes.find((code) => digits.startsWith(code));
  if (!country) return null;
  if (country === '98' && !/^989\d{9}$/.test(digits)) return null;
  return `+${digits}`;
}
