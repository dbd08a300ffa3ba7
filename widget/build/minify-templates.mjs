// Collapses the whitespace of lit's html`` and css`` templates (their static parts only), which
// terser keeps verbatim.
import { applyEdits, scanTemplate } from './template-scanner.mjs';

/** HTML's own whitespace: a no-break space or any other Unicode space is content. */
const space = '[ \\t\\n\\r\\f]';
/**
 * Elements that start and end a line, so a space next to their tags is never rendered (CSS
 * removes spaces at the start and end of a line). Spaces next to inline elements (`<span>`,
 * `<strong>`, `<button>`, `<label>`…) are kept: between two of them a space shows.
 */
const block = 'div|p|h[1-6]|form|section|dl|dt|dd|ol|ul|li|br|select|option';

const squeeze = {
  html: (text) =>
    text
      .replace(new RegExp(`${space}+`, 'g'), ' ')
      .replace(new RegExp(` (?=</?(?:${block})\\b)`, 'g'), '')
      .replace(new RegExp(`(</?(?:${block})\\b[^<>]*>) `, 'g'), '$1'),
  // Spaces around braces, semicolons, commas and child combinators, after colons (never before
  // one: `a :hover` and `a:hover` differ) and leading zeros go.
  css: (text) =>
    text
      .replace(/\s+/g, ' ')
      .replace(/\s*([{};,>])\s*/g, '$1')
      .replace(/:\s+/g, ':')
      .replace(/([\s:,(])0\.(\d)/g, '$1.$2')
      .replace(/;}/g, '}'),
};

/**
 * Minifies the static text of the widget's html`` and css`` templates. Expressions are left
 * alone, and a space next to one is kept, since it may separate two inline values.
 */
export function minifyTemplates() {
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.includes('/widget/src/')) return null;
      const edits = [];
      for (const match of code.matchAll(/\b(html|css)\s*`/g)) {
        const parts = [];
        scanTemplate(code, match.index + match[0].length, parts);
        for (const [from, to] of parts) {
          let text = squeeze[match[1]](code.slice(from, to));
          // A whole style sheet (no expressions) needs no space at its ends.
          if (match[1] === 'css' && parts.length === 1) text = text.trim();
          edits.push([from, to - from, text]);
        }
      }
      return { code: applyEdits(code, edits), map: null };
    },
  };
}
