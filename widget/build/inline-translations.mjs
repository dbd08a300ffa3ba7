// @ts-check
// Puts each message's Persian translation next to its English source at build time.
import { readFileSync } from 'node:fs';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { applyEdits, scanTemplate, skipString } from './template-scanner.mjs';

/**
 * A translation as the bundle carries it: the text of a plain message, or for a `str` message its
 * strings and, for each placeholder, the index of the source expression it shows.
 * @typedef {string | [strings: string[], order: number[]]} Translation
 */

/** @typedef {import('./template-scanner.mjs').Range} Range */

/**
 * The value of a JavaScript string or template literal written in the compiled code (a literal
 * with escapes only, no expressions), evaluated as the runtime would.
 * @param {string} literal
 * @returns {string}
 */
const evaluate = (literal) => new Function(`return ${literal}`)();

/**
 * `{id → translation}` from a generated runtime-mode locale module (`templates = {'s…': \`…\`}`).
 * Fails when the module no longer has that shape, rather than reporting every message as untranslated.
 * @param {string} file
 * @returns {Map<string, Translation>}
 */
function readTranslations(file) {
  /** @type {Map<string, Translation>} */
  const translations = new Map();
  const source = readFileSync(file, 'utf8');
  if (!/\bexport const templates = \{/.test(source)) {
    throw new Error(`${file}: no \`export const templates = {\` — lit-localize's runtime-mode output changed; update widget/build/inline-translations.mjs`);
  }
  for (const match of source.matchAll(/'([sh][0-9a-f]{16})':\s*(str|html)?`/g)) {
    if (match[2] === 'html') throw new Error(`${file}: html\`\` messages are not supported by the widget build`);
    /** @type {Range[]} */
    const parts = [];
    scanTemplate(source, match.index + match[0].length, parts);
    const strings = parts.map(([from, to]) => evaluate(`\`${source.slice(from, to)}\``));
    // Placeholders are `${n}`, n = the index of the source expression (translators may reorder).
    const order = parts.slice(0, -1).map(([, to], i) => Number(source.slice(to + 2, parts[i + 1][0] - 1)));
    translations.set(match[1], match[2] === 'str' ? [strings, order] : strings[0]);
  }
  if (translations.size === 0) {
    throw new Error(`${file}: no translations found — lit-localize's runtime-mode output changed; update widget/build/inline-translations.mjs`);
  }
  return translations;
}

/**
 * What the bundle has instead of @lit/localize: the names the widget imports from it and from its
 * two internal modules widget/src/localization.ts uses, for messages whose translation is the
 * call's second argument. `msg()` calls the installed implementation, as @lit/localize's does;
 * `runtimeMsg(templates, template, translation)` answers the translation when `templates` is given
 * (the locale is the target) and the source text when it is not, as lit-localize's own does with
 * its template map. localization.ts thus installs the same code for the source and the bundle, and
 * chooses the locale of each element's texts itself.
 */
export const runtime = `let impl;
const join = (strings, values, order) => strings.reduce((text, part, i) => text + values[order ? order[i - 1] : i - 1] + part);
export const str = (strings, ...values) => ({ strings, values });
export const msg = (template, translation) => impl(template, translation);
export const _installMsgImplementation = (f) => {
  impl = f;
};
export const runtimeMsg = (templates, template, translation) =>
  templates && translation
    ? typeof translation === 'string' ? translation : join(translation[0], template.values, translation[1])
    : typeof template === 'string' ? template : join(template.strings, template.values);`;

/** The modules the widget's imports of @lit/localize may name; each gets {@link runtime}. */
const runtimeModules = new Set(['@lit/localize', '@lit/localize/init/install.js', '@lit/localize/internal/runtime-msg.js']);

/**
 * lit-localize's runtime mode ships every translation in a map keyed by a 17-character id and looks
 * it up on each `msg()` call, and its runtime loads locales on demand. The widget has one target
 * locale and carries it, so this plugin writes the translation into the call instead, as
 * lit-localize's transform mode does for a one-locale build but keeping both: `msg('Log out')`
 * becomes `msg('Log out', 'خروج')`, and `msg(str\`At most ${n}\`)` gets `[strings, placeholder order]`.
 * The widget's imports of `@lit/localize` then get {@link runtime} (a build that imports anything
 * else from it fails), and the locale module shrinks to an empty map. Source and tests keep plain
 * `msg()` calls, the real @lit/localize and the generated files. A message without a translation
 * fails the build (run `npm run localize:extract -w widget`).
 *
 * It relies on @lit/localize's `internal/id-generation.js` (pinned exactly in widget/package.json)
 * to find each message's id as lit-localize does.
 * @param {{ config: string, localeModule: string }} options `config`: lit-localize.json;
 *   `localeModule`: the generated module of the one target locale.
 * @returns {import('rollup').Plugin}
 */
export function inlineTranslations({ config, localeModule }) {
  /** @type {{ targetLocales: string[] }} */
  const { targetLocales } = JSON.parse(readFileSync(config, 'utf8'));
  if (targetLocales.length !== 1) throw new Error(`inlineTranslations supports one target locale, not ${targetLocales}`);
  /** @type {Map<string, Translation>} */
  let translations = new Map();
  return {
    name: 'inline-translations',
    buildStart() {
      this.addWatchFile(localeModule);
      translations = readTranslations(localeModule);
    },
    resolveId: {
      order: 'pre',
      handler(source, importer) {
        return runtimeModules.has(source) && importer?.includes('/widget/src/') ? '\0inline-localize' : null;
      },
    },
    load(id) {
      return id === '\0inline-localize' ? runtime : null;
    },
    transform(code, id) {
      if (id === localeModule) return { code: 'export const templates = {};', map: null };
      if (!id.includes('/widget/src/') || !code.includes('msg')) return null;
      /** @type {import('./template-scanner.mjs').Edit[]} */
      const edits = [];
      for (const match of code.matchAll(/\bmsg\(\s*/g)) {
        const start = match.index;
        let i = start + match[0].length;
        /** @type {string | string[] | undefined} */
        let strings;
        const tag = /^str\s*`/.exec(code.slice(i));
        if (tag) {
          /** @type {Range[]} */
          const parts = [];
          i = scanTemplate(code, i + tag[0].length, parts);
          strings = parts.map(([from, to]) => evaluate(`\`${code.slice(from, to)}\``));
        } else if (code[i] === "'" || code[i] === '"') {
          const end = skipString(code, i);
          strings = evaluate(code.slice(i, end));
          i = end;
        }
        if (strings === undefined || code[i] !== ')') return this.error(`msg() needs a literal message, found: ${code.slice(start, start + 60)}`);
        const translation = translations.get(generateMsgId(strings, false));
        if (translation === undefined) return this.error(`no ${targetLocales[0]} translation of ${JSON.stringify(strings)} (run npm run localize:extract -w widget)`);
        if (Array.isArray(strings) !== Array.isArray(translation)) return this.error(`${JSON.stringify(strings)} and its translation differ in placeholders`);
        edits.push([i, 0, `, ${JSON.stringify(translation)}`]);
      }
      return { code: applyEdits(code, edits), map: null };
    },
  };
}
