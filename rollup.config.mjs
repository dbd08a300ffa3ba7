// @ts-check
// Builds <citizen-counter> into one minified ES module: lit, @lit/localize (both locales), the SDK
// and ky inside. Prints the gzip size and fails above the 24 KB budget (DESIGN.md).
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

/** @type {import('rollup').RollupOptions} */
export default {
  input: widget('src/index.ts'),
  output: {
    file: widget('dist/citizen-counter.js'),
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
    gzipSize({ budgetBytes: 24 * 1024 }),
  ],
};
