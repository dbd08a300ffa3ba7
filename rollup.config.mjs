// @ts-check
// Builds <citizen-counter> and, separately, <counter-desk> into one minified ES module each: lit,
// @lit/localize (both locales), the SDK and ky inside. Prints each gzip size and fails above its
// budget: 26,624 B for the citizen counter (DESIGN.md's goal is 20 KB; see the README for where the bytes are), 40 KB for the desk. The desk shares no chunk
// with the counter, so the counter never grows by a byte because of it.
// The build's own plugins live in widget/build/.
import { fileURLToPath } from 'node:url';
import minifyHtmlLiterals from '@lit-labs/rollup-plugin-minify-html-literals';
import nodeResolve from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import typescript from '@rollup/plugin-typescript';
import { gzipSize } from './widget/build/gzip-size.mjs';
import { inlineTranslations } from './widget/build/inline-translations.mjs';
import { kyWithoutProgress } from './widget/build/ky-without-progress.mjs';

/** @param {string} relative a path from the repository root */
const path = (relative) => fileURLToPath(new URL(relative, import.meta.url));
/** @param {string} relative a path from widget/ */
const widget = (relative) => path(`./widget/${relative}`);

/**
 * One bundle: its entry, its file in widget/dist and its gzip budget.
 * @param {string} input
 * @param {string} file
 * @param {number} budgetBytes
 * @returns {import('rollup').RollupOptions}
 */
const bundle = (input, file, budgetBytes) => ({
  input: widget(input),
  output: {
    file: widget(`dist/${file}`),
    format: 'es',
    sourcemap: true,
  },
  plugins: [
    kyWithoutProgress({ sources: [path('./sdk/src'), widget('src')] }),
    nodeResolve({ browser: true, exportConditions: ['production'] }),
    typescript({
      tsconfig: widget('tsconfig.json'),
      // The plugin puts its own `module: 'esnext'` over the one widget/tsconfig.json inherits, which
      // then disagrees with the inherited `moduleResolution: 'NodeNext'` (TS5110): compile with the
      // settings `npm run typecheck` uses.
      module: 'NodeNext',
      noEmit: false,
      declaration: false,
      sourceMap: true,
      outDir: widget('dist'),
      exclude: ['**/*.test.ts'],
    }),
    inlineTranslations({ config: path('./lit-localize.json'), localeModule: widget('src/generated/locales/fa.ts') }),
    // The static parts of html`` and css`` templates (terser keeps them verbatim): html-minifier
    // keeps a space between inline elements, lightningcss leaves logical properties as they are.
    minifyHtmlLiterals({ include: [widget('src/**')], failOnError: true }),
    // The `unsafe` transforms assume what holds here: ES2022 code that never reads `arguments`
    // through a parameter list, getters without side effects, no reliance on `this` in arrows.
    terser({
      ecma: 2022,
      module: true,
      compress: { passes: 3, unsafe: true, unsafe_arrows: true, unsafe_methods: true, unsafe_comps: true, pure_getters: true, keep_fargs: false },
      format: { comments: false },
    }),
    gzipSize({ budgetBytes }),
  ],
});

export default [
  bundle('src/index.ts', 'citizen-counter.js', 26_624),
  bundle('src/desk/index.ts', 'counter-desk.js', 40 * 1024),
];
