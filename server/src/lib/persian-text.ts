/**
 * Persian text folding for search. The same word reaches the database in several spellings:
 * Arabic yeh and kaf (ي ك) from Arabic keyboards, ۀ for ه, Persian or Arabic-Indic digits, the
 * tatweel (ـ) stretching letters, the zero-width non-joiner (نیم‌فاصله) or its absence, and
 * diacritics. Search columns hold the folded form and queries are folded the same way, so each
 * spelling finds the others and an ordinary index serves the lookup.
 */

const letters: Record<string, string> = {
  'ي': 'ی', // Arabic yeh
  'ى': 'ی', // alef maksura
  'ئ': 'ی',
  'ك': 'ک', // Arabic kaf
  'ۀ': 'ه',
  'ة': 'ه', // teh marbuta
  'ؤ': 'و',
  'أ': 'ا',
  'إ': 'ا',
  'آ': 'ا',
  'ٱ': 'ا',
};

// Tatweel, ZWNJ, ZWJ, bidi marks and the Arabic diacritics (harakat, shadda, sukun, superscript alef).
const dropped = /\u0640|\u200c|\u200d|\u200e|\u200f|\u061c|[\u064b-\u065f]|\u0670/g;
const foldedLetters = /[يىئكۀةؤأإآٱ]/g;
const persianDigits = /[۰-۹]/g;
const arabicDigits = /[٠-٩]/g;

/**
 * The search form of a text: letters and digits folded as above, Latin letters lower-cased,
 * runs of white space made one space, trimmed.
 */
export function foldForSearch(text: string): string {
  const folded = text
    .normalize('NFC')
    .replace(dropped, '')
    .replace(foldedLetters, (char) => letters[char] ?? char);
  return normalizeDigits(folded)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Turns Persian and Arabic-Indic digits into Latin ones (the SDK's rule, kept here too: the server does not import the SDK at run time). */
export function normalizeDigits(text: string): string {
  return text
    .replace(persianDigits, (digit) => String(digit.charCodeAt(0) - 0x06f0))
    .replace(arabicDigits, (digit) => String(digit.charCodeAt(0) - 0x0660));
}
