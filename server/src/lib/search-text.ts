import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { foldForSearch, normalizeDigits } from './persian-text.js';

/** What a request's search text is made of. */
export interface SearchFields {
  subject: string;
  fullName: string;
  trackingCode: string;
  letterNumber: string | null;
  /** The citizen's phone in E.164 form (`+989121234567`), or `null` when unknown. */
  phone: string | null;
}

/**
 * The folded search text of a request (`requests.searchText`): subject, full name, tracking code,
 * letter number and the citizen's phone in E.164 and national form (`+989121234567 09121234567`),
 * each folded by {@link foldForSearch} and separated by one space, so that a query term (which
 * holds no space) never matches across two fields.
 */
export function searchTextOf(fields: SearchFields): string {
  const parts = [fields.subject, fields.fullName, fields.trackingCode, fields.letterNumber ?? ''];
  if (fields.phone) parts.push(fields.phone, nationalForm(fields.phone));
  return parts.map(foldForSearch).filter(Boolean).join(' ');
}

/** `+989121234567` → `09121234567`: the national number after the trunk prefix people dial. */
function nationalForm(e164: string): string {
  const national = parsePhoneNumberFromString(e164)?.nationalNumber;
  return national ? `0${national}` : '';
}

/** A staff query as the search reads it. */
export interface SearchQuery {
  /** Folded terms; a request matches when its search text contains every one of them. */
  terms: string[];
  /**
   * Values an exact tracking code or letter number may equal: the query as typed and with Latin
   * and Persian digits. Used when no term is long enough for the trigram index.
   */
  exact: string[];
  /**
   * A whole number, when the query is one: its phone in E.164 form (`09…`, `+98…`, `0098…` and a
   * ten-digit `9…` read as Iranian mobiles) and, for ten digits, the tracking code it may be.
   * Looked up exactly: a trigram index is slow for digits, whose trigrams every row holds.
   */
  number: { phone: string | null; trackingCode: string | null } | null;
}

// The server's tracking codes have ten digits (services/tracking-codes.ts).
const trackingCodeLength = 10;

/** Terms shorter than this cannot use a trigram index. */
export const minTermLength = 3;

/**
 * Reads a staff query: folded like the search text, split on white space into terms that must
 * all match. A query of digits, `+`, spaces, dashes and brackets is a phone number or a code
 * typed in groups (`0912 123 4567`) and becomes one term without the separators; `00` before a
 * calling code reads as `+`. `null` when nothing is left to search for.
 */
export function readSearchQuery(q: string): SearchQuery | null {
  let folded = foldForSearch(q);
  if (!folded) return null;
  if (/^[+\d\s()-]+$/.test(folded) && /\d/.test(folded)) {
    folded = folded.replace(/[\s()-]/g, '').replace(/^00(?=[1-9])/, '+');
  }
  const terms = [...new Set(folded.split(' '))];
  const typed = q.trim();
  const latin = normalizeDigits(typed);
  const persian = latin.replace(/[0-9]/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));
  return { terms, exact: [...new Set([typed, latin, persian, latin.replace(/\s/g, '')])], number: wholeNumber(terms) };
}

/** The number a one-term query of ten digits or more is, as a phone and a tracking code. */
function wholeNumber(terms: string[]): SearchQuery['number'] {
  const [term] = terms;
  if (terms.length !== 1 || !term || !/^\+?\d{10,15}$/.test(term)) return null;
  if (term.startsWith('+')) return { phone: term, trackingCode: null };
  if (/^0\d{10}$/.test(term)) return { phone: `+98${term.slice(1)}`, trackingCode: null };
  if (term.length === trackingCodeLength) return { phone: /^9/.test(term) ? `+98${term}` : null, trackingCode: term };
  return null;
}

/** A `LIKE` pattern that finds `term` anywhere, its `%`, `_` and `\` taken literally (escape `\`). */
export function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}
