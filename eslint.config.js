// @ts-check
// `npm run lint` (and a gate of `npm test`): ESLint's and typescript-eslint's recommended rules,
// without the type-checked set — `npm run typecheck` already runs the compiler, and this stays fast.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['**/node_modules/', '**/dist/', 'widget/src/generated/', 'data/', 'screenshots/', 'coverage/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Control characters in a regular expression are how the server strips them from names.
      'no-control-regex': 'off',
      // A parameter named `_x` is there for its type (an exhaustive switch's default), not its value.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Code that runs in the browser: the widget, the demo host page, the widget's test pages, and
    // the page functions the bench and the screenshot script hand to puppeteer.
    files: ['widget/src/**', 'widget/test-pages/**', 'demo/**', 'bench/lib/render.mjs', 'widget/scripts/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
