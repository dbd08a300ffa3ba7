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

/** The call in @lit/localize's init/runtime.js that hands `msg()`'s second argument to the lookup. */
const runtimeCall = 'runtimeMsg(templates, template, options)';

/**
 * lit-localize's runtime mode ships every translation in a map keyed by a 17-character id and looks
 * it up on each `msg()` call. The widget has one target locale, so this plugin writes the
 * translation into the call instead, as lit-localize's transform mode does for a one-locale build
 * but keeping both: `msg('Log out')` becomes `msg('Log out', 'خروج')`, and
 * `msg(str\`At most ${n}\`)` gets `[strings, placeholder order]`. The locale module shrinks to
 * an empty map that only says "fa is loaded", and lit-localize's lookup is replaced by one that
 * reads the second argument. Source and tests keep plain `msg()` calls and the generated files.
 * A message without a translation fails the build (run `npm run localize:extract -w widget`).
 *
 * It relies on @lit/localize internals (pinned exactly in widget/package.json): its runtime
 * imports the lookup as `../internal/runtime-msg.js` and calls it as `runtimeMsg(templates,
 * template, options)`; `internal/id-generation.js`, `default-msg.js` and `str-tag.js`. The build
 * fails when any of these is no longer so.
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
  let lookupReplaced = false;
  let runtimeChecked = false;
  return {
    name: 'inline-translations',
    buildStart() {
      this.addWatchFile(localeModule);
      translations = readTranslations(localeModule);
      lookupReplaced = false;
      runtimeChecked = false;
    },
    resolveId: {
      // Before node-resolve: lit-localize's runtime imports its lookup as ../internal/runtime-msg.js.
      order: 'pre',
      handler(source, importer) {
        if (!source.endsWith('/runtime-msg.js') || !importer?.includes('/@lit/localize/')) return null;
        lookupReplaced = true;
        return '\0inline-runtime-msg';
      },
    },
    load(id) {
      if (id !== '\0inline-runtime-msg') return null;
      return `import { defaultMsg } from '@lit/localize/internal/default-msg.js';
import { joinStringsAndValues } from '@lit/localize/internal/str-tag.js';
// \`templates\` is set while the target locale is active; the translation is the call's 2nd argument.
export const runtimeMsg = (templates, template, translation) =>
  !templates ? defaultMsg(template)
  : typeof translation === 'string' ? translation
  : joinStringsAndValues(translation[0], template.values, translation[1]);`;
    },
    transform(code, id) {
      if (id === localeModule) return { code: 'export const templates = {};', map: null };
      if (/\/@lit\/localize\/init\/runtime\.js$/.test(id)) {
        if (!code.includes(runtimeCall)) this.error(`${id} no longer calls ${runtimeCall}: @lit/localize changed; update widget/build/inline-translations.mjs`);
        runtimeChecked = true;
        return null;
      }
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
    buildEnd(error) {
      if (error) return;
      const localize = [...this.getModuleIds()].some((id) => id.includes('/@lit/localize/'));
      if (!localize) return;
      if (!lookupReplaced) this.error('@lit/localize no longer imports internal/runtime-msg.js: update widget/build/inline-translations.mjs');
      if (!runtimeChecked) this.error('@lit/localize/init/runtime.js is not in the bundle: update widget/build/inline-translations.mjs');
    },
  };
}
