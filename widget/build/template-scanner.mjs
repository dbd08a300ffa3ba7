// @ts-check
// A small scanner for the template literals in the widget's compiled JavaScript. Not a parser: it
// skips nested `${…}` expressions, strings and templates, which is all that code contains.

/**
 * The `[from, to)` offsets of a template literal's static part in the code.
 * @typedef {[from: number, to: number]} Range
 */

/**
 * An edit of the code: at `at`, delete `deleteCount` characters and insert `text`.
 * @typedef {[at: number, deleteCount: number, text: string]} Edit
 */

/**
 * The index just past the string literal that starts at `i` (at its quote).
 * @param {string} code
 * @param {number} i
 * @returns {number}
 */
export function skipString(code, i) {
  const quote = code[i];
  for (i++; i < code.length && code[i] !== quote; i++) if (code[i] === '\\') i++;
  return i + 1;
}

/**
 * Scans a template literal whose body starts at `i` (just past the backtick) and returns the index
 * just past its closing backtick. The `[from, to)` ranges of its static parts go into `parts`.
 * @param {string} code
 * @param {number} i
 * @param {Range[] | null} parts
 * @returns {number}
 */
export function scanTemplate(code, i, parts) {
  let start = i;
  while (i < code.length) {
    const c = code[i];
    if (c === '\\') i += 2;
    else if (c === '`') {
      parts?.push([start, i]);
      return i + 1;
    } else if (c === '$' && code[i + 1] === '{') {
      parts?.push([start, i]);
      i = skipExpression(code, i + 2);
      start = i;
    } else i++;
  }
  return i;
}

/**
 * The index just past the `}` that closes the expression whose body starts at `i`.
 * @param {string} code
 * @param {number} i
 * @returns {number}
 */
export function skipExpression(code, i) {
  for (let depth = 1; i < code.length; ) {
    const c = code[i];
    if (c === '"' || c === "'") i = skipString(code, i);
    else if (c === '`') i = scanTemplate(code, i + 1, null);
    else if (c === '{') {
      depth++;
      i++;
    } else if (c === '}') {
      if (--depth === 0) return i + 1;
      i++;
    } else i++;
  }
  return i;
}

/**
 * Applies `[at, deleteCount, text]` edits from the end, so earlier offsets stay valid.
 * @param {string} code
 * @param {Edit[]} edits
 * @returns {string}
 */
export function applyEdits(code, edits) {
  let out = code;
  for (const [at, length, text] of [...edits].sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, at) + text + out.slice(at + length);
  }
  return out;
}
