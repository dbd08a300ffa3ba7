/**
 * Letter numbers (شماره نامه) as an org writes them: a pattern with placeholders, filled from the
 * register's sequence. `{seq}` is required (it is what makes a number unique within its year);
 * `{year}` is the Jalali year, `{unit}` the unit's short code, `{prefix}` the org's prefix.
 * Example: `{prefix}/{unit}/{seq}/{year}` → `نمونه/د/۱۲۷/۱۴۰۵` with Persian digits.
 */

/** The placeholders a numbering pattern may use. */
export const letterPlaceholders = ['prefix', 'unit', 'seq', 'year'] as const;

/** One of {@link letterPlaceholders}. */
export type LetterPlaceholder = (typeof letterPlaceholders)[number];

/** Digits a letter number is written in. */
export type LetterDigits = 'latin' | 'persian';

/** The default pattern: the bare sequence and the year, `127/1405`. */
export const defaultLetterPattern = '{seq}/{year}';

/** What a number is made of. */
export interface LetterNumberParts {
  seq: number;
  year: number;
  prefix: string;
  unit: string;
}

const placeholder = /\{([a-z]+)\}/g;

/**
 * Why a pattern is not usable, or `null` when it is: it must contain `{seq}` once, only known
 * placeholders, and at most 100 characters.
 */
export function patternProblem(pattern: string): string | null {
  if (pattern.length === 0 || pattern.length > 100) return 'A pattern has 1–100 characters.';
  const names = [...pattern.matchAll(placeholder)].map((match) => match[1] ?? '');
  const stranger = names.find((name) => !(letterPlaceholders as readonly string[]).includes(name));
  if (stranger !== undefined) return `Unknown placeholder {${stranger}}; use ${letterPlaceholders.map((name) => `{${name}}`).join(', ')}.`;
  if (names.filter((name) => name === 'seq').length !== 1) return 'A pattern needs {seq} exactly once.';
  return null;
}

/** Fills a pattern (checked with {@link patternProblem}) and writes its digits as asked. */
export function formatLetterNumber(pattern: string, parts: LetterNumberParts, digits: LetterDigits = 'latin'): string {
  const values: Record<LetterPlaceholder, string> = {
    seq: String(parts.seq),
    year: String(parts.year),
    prefix: parts.prefix,
    unit: parts.unit,
  };
  const filled = pattern.replace(placeholder, (whole, name: string) => values[name as LetterPlaceholder] ?? whole);
  return digits === 'persian' ? filled.replace(/[0-9]/g, (digit) => String.fromCharCode(0x06f0 + Number(digit))) : filled;
}
