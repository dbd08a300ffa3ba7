// Puts each message's Persian translation next to its English source at build time.
import { readFileSync } from 'node:fs';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';
import { applyEdits, scanTemplate, skipString } from './template-scanner.mjs';

const evaluate = (literal) => new Function(`return ${literal}`)();

/** `{id → translation}` from a generated runtime-mode locale module (`templates = {'s…': \`…\`}`). */
function readTranslations(file) {
  const translations = new Map();
  const source = readFileSync(file, 'utf8');
  for (const match of source.matchAll(/'([sh][0-9a-f]{16})':\s*(str|html)?`/g)) {
    if (match[2] === 'html') throw new Error(`${file}: html\`\` messages are not supported by the widget build`);
    const parts = [];
    scanTemplate(source, match.index + match[0].length, parts);
    const strings = parts.map(([from, to]) => evaluate(`\`${source.slice(from, to)}\``));
    // Placeholders are `${n}`, n = the index of the source expression (translators may reorder).
    const order = parts.slice(0, -1).map(([, to], i) => Number(source.slice(to + 2, parts[i + 1][0] - 1)));
    translations.set(match[1], match[2] === 'str' ? [strings, order] : strings[0]);
  }
  return translations;
}

/**
 * lit-localize's runtime mode ships every translation in a map keyed by a 17-character id and looks
 * it up on each `msg()` call. The widget has one target locale, so this plugin writes the
 * translation into the call instead, as lit-localize's transform mode does for a one-locale build
 * but keeping both: `msg('Log out')` becomes `msg('Log out', 'خروج')`, and
 * `msg(str\`At most ${n}\`)` gets `[strings, placeholder order]`. The locale module shrinks to
 * an empty map that only says "fa is loaded", and lit-localize's lookup is replaced by one that
 * reads the second argument. Source and tests keep plain `msg()` calls and the generated files.
 * A message without a translation fails the build (run `npm run localize:extract -w widget`).
 */
export function inlineTranslations({ config, localeModule }) {
  const { targetLocales } = JSON.parse(readFileSync(config, 'utf8'));
  if (targetLocales.length !== 1) throw new Error(`inlineTranslations supports one target locale, not ${targetLocales}`);
  let translations;
  return {
    name: 'inline-translations',
    buildStart() {
      this.addWatchFile(localeModule);
      translations = readTranslations(localeModule);
    },
    resolveId: {
      // Before node-resolve: lit-localize's runtime imports its lookup as ../internal/runtime-msg.js.
      order: 'pre',
      handler: (source, importer) =>
        source.endsWith('/runtime-msg.js') && importer?.includes('/@lit/localize/') ? '\0inline-runtime-msg' : null,
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
      if (!id.includes('/widget/src/') || !code.includes('msg')) return null;
      const edits = [];
      for (const match of code.matchAll(/\bmsg\(\s*/g)) {
        let i = match.index + match[0].length;
        let strings;
        const tag = /^str\s*`/.exec(code.slice(i));
        if (tag) {
          const parts = [];
          i = scanTemplate(code, i + tag[0].length, parts);
          strings = parts.map(([from, to]) => evaluate(`\`${code.slice(from, to)}\``));
        } else if (code[i] === "'" || code[i] === '"') {
          const end = skipString(code, i);
          strings = evaluate(code.slice(i, end));
          i = end;
        }
        if (strings === undefined || code[i] !== ')') this.error(`msg() needs a literal message, found: ${code.slice(match.index, match.index + 60)}`);
        const hashId = generateMsgId(strings, false);
        const translation = translations.get(hashId);
        if (translation === undefined) this.error(`no ${targetLocales[0]} translation of ${JSON.stringify(strings)} (run npm run localize:extract -w widget)`);
        if (Array.isArray(strings) !== Array.isArray(translation)) this.error(`${JSON.stringify(strings)} and its translation differ in placeholders`);
        edits.push([i, 0, `, ${JSON.stringify(translation)}`]);
      }
      return { code: applyEdits(code, edits), map: null };
    },
  };
}
