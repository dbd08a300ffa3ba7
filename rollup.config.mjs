// Builds <citizen-counter> into one minified ES module: lit, @lit/localize (both locales), the SDK
// and ky inside. Prints the gzip size so the 24 KB budget (DESIGN.md) is visible on every build.
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { generateMsgId } from '@lit/localize/internal/id-generation.js';

const widget = (path) => fileURLToPath(new URL(`./widget/${path}`, import.meta.url));
const budgetBytes = 24 * 1024;

// A small scanner for template literals: skips nested `${…}` expressions, strings and templates.
const skipString = (code, i) => {
  const quote = code[i];
  for (i++; i < code.length && code[i] !== quote; i++) if (code[i] === '\\') i++;
  return i + 1;
};
const scanTemplate = (code, i, parts) => {
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
};
const skipExpression = (code, i) => {
  for (let depth = 1; i < code.length; ) {
    const c = code[i];
    if (c === '"' || c === "'") i = skipString(code, i);
    else if (c === '`') i = scanTemplate(code, i + 1, null);
    else if (c === '{') (depth++, i++);
    else if (c === '}') {
      if (--depth === 0) return i + 1;
      i++;
    } else i++;
  }
  return i;
};

/**
 * Collapses the whitespace of lit's html`` and css`` templates (the static parts only), which
 * terser keeps verbatim. A small scanner, not a parser: it skips nested `${…}` expressions, strings
 * and templates, which is all the widget's compiled TypeScript contains.
 */
function minifyTemplates() {
  const squeeze = {
    html: (text) => text.replace(/\s*\n\s*/g, ' ').replace(/\s{2,}/g, ' '),
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
  return {
    name: 'minify-templates',
    transform(code, id) {
      if (!id.includes('/widget/src/')) return null;
      const edits = [];
      for (const match of code.matchAll(/\b(html|css)\s*`/g)) {
        const parts = [];
        scanTemplate(code, match.index + match[0].length, parts);
        for (const [from, to] of parts) edits.push([from, to, squeeze[match[1]]]);
      }
      let out = code;
      // Nested templates are found too; editing from the end keeps earlier offsets valid, and an
      // inner edit inside an outer part is harmless because both only collapse whitespace.
      for (const [from, to, fn] of edits.sort((a, b) => b[0] - a[0])) {
        out = out.slice(0, from) + fn(out.slice(from, to)) + out.slice(to);
      }
      return { code: out, map: null };
    },
  };
}

/**
 * Gives every `msg()` call a short id at build time, as lit-localize's transform mode does for
 * its own output. Runtime mode otherwise ships a 17-character hash per message in the locale map
 * and hashes each template in the browser; short ids save about 1 KB gzip. Source code and tests
 * keep the plain `msg('…')` calls and their generated ids.
 */
function compactMessageIds() {
  const ids = new Map();
  const short = (hashId) => {
    if (!ids.has(hashId)) ids.set(hashId, ids.size.toString(36));
    return ids.get(hashId);
  };
  const evaluate = (literal) => new Function(`return ${literal}`)();
  const translated = new Set();
  const called = new Set();
  return {
    name: 'compact-message-ids',
    buildEnd() {
      const missing = [...called].filter((hashId) => !translated.has(hashId));
      if (missing.length > 0) this.error(`messages without a fa translation: ${missing.join(', ')} (run lit-localize extract)`);
    },
    transform(code, id) {
      if (id.endsWith('/generated/locales/fa.ts')) {
        const out = code.replace(/'([sh][0-9a-f]{16})'/g, (_, hashId) => (translated.add(hashId), `'${short(hashId)}'`));
        return { code: out, map: null };
      }
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
        if (strings === undefined || code[i] !== ')') {
          this.warn(`${id}: a msg() call without a literal keeps its runtime id`);
          continue;
        }
        const hashId = generateMsgId(strings, false);
        called.add(hashId);
        edits.push([i, `, { id: '${short(hashId)}' }`]);
      }
      let out = code;
      for (const [at, text] of edits.sort((a, b) => b[0] - a[0])) out = out.slice(0, at) + text + out.slice(at);
      return { code: out, map: null };
    },
  };
}

/** Reports the gzip size of every emitted chunk and warns above the budget. */
function gzipSize() {
  return {
    name: 'gzip-size',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        const verdict = gz <= budgetBytes ? 'within' : 'OVER';
        console.log(
          `${chunk.fileName}: ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(2)} KB gzip = ${gz} bytes (${verdict} the 24 KB budget)`,
        );
      }
    },
  };
}

export default {
  input: widget('src/index.ts'),
  output: {
    file: widget('dist/citizen-counter.js'),
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    {
      // With every msg() id fixed at build time (compactMessageIds), the in-browser hashing is dead code.
      name: 'drop-runtime-msg-ids',
      resolveId: (source) => (source.endsWith('/id-generation.js') ? '\0msg-ids' : null),
      load: (id) => (id === '\0msg-ids' ? 'export const generateMsgId = (strings) => String(strings);' : null),
    },
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({
      tsconfig: widget('tsconfig.json'),
      noEmit: false,
      declaration: false,
      sourceMap: true,
      outDir: widget('dist'),
      exclude: ['**/*.test.ts'],
    }),
    compactMessageIds(),
    minifyTemplates(),
    terser({ ecma: 2022, module: true, compress: { passes: 2 }, format: { comments: false } }),
    gzipSize(),
  ],
};
