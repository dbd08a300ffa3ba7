/**
 * How many parts an SMS takes, which is what an org pays for. A text entirely in the GSM 03.38
 * alphabet is sent 7-bit: 160 characters in one part, 153 per part when split. Anything else —
 * every Persian text — goes as UCS-2: 70 characters in one part, 67 per part when split (the
 * rest of each part carries the header that joins them). Characters outside the Basic
 * Multilingual Plane take two UCS-2 units; the GSM extension table's characters take two septets.
 */

const gsmBasic =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const gsmExtension = '^{}\\[~]|€\f';

/** The size of a text as an SMS. */
export interface SmsSize {
  encoding: 'gsm7' | 'ucs2';
  /** Septets (gsm7) or UTF-16 code units (ucs2). */
  units: number;
  parts: number;
}

/** Measures a text as the network will send it. */
export function smsSize(text: string): SmsSize {
  let septets = 0;
  for (const char of text) {
    if (gsmBasic.includes(char)) septets += 1;
    else if (gsmExtension.includes(char)) septets += 2;
    else return size('ucs2', text.length, 70, 67);
  }
  return size('gsm7', septets, 160, 153);
}

function size(encoding: SmsSize['encoding'], units: number, single: number, perPart: number): SmsSize {
  return { encoding, units, parts: units === 0 ? 1 : units <= single ? 1 : Math.ceil(units / perPart) };
}
