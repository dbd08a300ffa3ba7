// @ts-check
// The widget's rollup plugins, each in a real rollup build of a few small files.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import nodeResolve from '@rollup/plugin-node-resolve';
import { rollup } from 'rollup';
import { gzipSize } from './gzip-size.mjs';
import { inlineTranslations } from './inline-translations.mjs';
import { kyWithoutProgress } from './ky-without-progress.mjs';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'cc-build-test-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Writes `files` (relative path → content) under a new directory and answers its path.
 * @param {string} name
 * @param {Record<string, string>} files
 */
function project(name, files) {
  const base = join(dir, name);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(base, path, '..'), { recursive: true });
    writeFileSync(join(base, path), content);
  }
  return base;
}

/**
 * Bundles `input` and answers the code of its one chunk.
 * @param {string} input
 * @param {import('rollup').Plugin[]} plugins
 */
async function bundle(input, plugins) {
  const build = await rollup({ input, plugins, onwarn: () => undefined });
  try {
    const { output } = await build.generate({ format: 'es' });
    return output[0].code;
  } finally {
    await build.close();
  }
}

/** Resolves packages from the repository's node_modules, as the widget build does. */
const resolve = () => nodeResolve({ browser: true, rootDir: root, modulePaths: [join(root, 'node_modules')] });

describe('gzipSize({budgetBytes})', () => {
  it('should fail the build when the gzip size is over the budget', async () => {
    // Random-looking digits compress poorly: well over 100 bytes gzip.
    const base = project('gzip', { 'index.js': `export const x = '${Array.from({ length: 400 }, (_, i) => (i * 7919) % 10007).join('')}';\n` });
    await assert.rejects(bundle(join(base, 'index.js'), [gzipSize({ budgetBytes: 100 })]), /over the 0 KB \(100 bytes\) budget by \d+ bytes/);
  });

  it('should let the build through within the budget', async () => {
    const base = project('gzip-small', { 'index.js': 'export const x = 1;\n' });
    assert.match(await bundle(join(base, 'index.js'), [gzipSize({ budgetBytes: 24 * 1024 })]), /const x = 1/);
  });
});

describe('kyWithoutProgress({sources})', () => {
  it("should replace ky's progress streaming with stubs that throw", async () => {
    const base = project('ky', { 'src/index.js': "export { default } from 'ky';\n" });
    const code = await bundle(join(base, 'src/index.js'), [kyWithoutProgress({ sources: [join(base, 'src')] }), resolve()]);
    assert.match(code, /ky progress callbacks are not included in the citizen-counter bundle/);
    assert.doesNotMatch(code, /totalBytes/);
  });

  it('should fail the build when a source uses a progress callback', async () => {
    const base = project('ky-progress', {
      'src/index.js': "export { default } from 'ky';\n",
      'src/upload.ts': 'export const options = { onUploadProgress: () => undefined };\n',
    });
    await assert.rejects(
      bundle(join(base, 'src/index.js'), [kyWithoutProgress({ sources: [join(base, 'src')] }), resolve()]),
      /upload\.ts uses ky's progress callbacks/,
    );
  });
});

describe('inlineTranslations({config, localeModule})', () => {
  const config = join(root, 'lit-localize.json');

  it("should write each message's translation into its msg() call, read by the widget's runtime", async () => {
    const base = project('i18n-runtime', {
      'widget/src/fa.js': "export const templates = {\n'sb64127e4e4f0b575': `خروج`,\n's371be63940dffc27': str`حداکثر ${0} نویسه.`,\n};\n",
      'widget/src/index.js':
        "import { msg, str } from '@lit/localize';\n" +
        "import { _installMsgImplementation } from '@lit/localize/init/install.js';\n" +
        "import { runtimeMsg } from '@lit/localize/internal/runtime-msg.js';\n" +
        "import { templates } from './fa.js';\n" +
        "let locale = 'en';\n" +
        "_installMsgImplementation((template, options) => runtimeMsg(locale === 'fa' ? templates : undefined, template, options));\n" +
        "export const setLocale = (next) => { locale = next; };\n" +
        "export const label = () => msg('Log out');\n" +
        "export const limit = (n) => msg(str`At most ${n} characters.`);\n",
    });
    const code = await bundle(join(base, 'widget/src/index.js'), [inlineTranslations({ config, localeModule: join(base, 'widget/src/fa.js') }), resolve()]);
    assert.match(code, /msg\('Log out', "خروج"\)/);
    assert.doesNotMatch(code, /node_modules/);
    // Run it: English, then at once (no waiting) the translation, with placeholders filled.
    const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
    assert.deepEqual([module.label(), module.limit(5)], ['Log out', 'At most 5 characters.']);
    module.setLocale('fa');
    assert.deepEqual([module.label(), module.limit(5)], ['خروج', 'حداکثر 5 نویسه.']);
    module.setLocale('en');
    assert.equal(module.label(), 'Log out');
  });

  it('should fail the build when the widget imports something the runtime does not have', async () => {
    const base = project('i18n-unknown', {
      'widget/src/fa.js': "export const templates = {\n'sb64127e4e4f0b575': `خروج`,\n};\n",
      'widget/src/index.js': "import { localized } from '@lit/localize';\nexport const x = localized;\n",
    });
    await assert.rejects(
      bundle(join(base, 'widget/src/index.js'), [inlineTranslations({ config, localeModule: join(base, 'widget/src/fa.js') }), resolve()]),
      /"localized" is not exported by "\x00inline-localize"/,
    );
  });

  it('should fail the build for a message without a translation', async () => {
    const base = project('i18n-missing', {
      'widget/src/fa.js': "export const templates = {\n'sb64127e4e4f0b575': `خروج`,\n};\n",
      'widget/src/index.js': "import { msg } from '@lit/localize';\nexport const label = () => msg('Log in');\n",
    });
    await assert.rejects(
      bundle(join(base, 'widget/src/index.js'), [inlineTranslations({ config, localeModule: join(base, 'widget/src/fa.js') }), resolve()]),
      /no fa translation of "Log in"/,
    );
  });

  it('should fail the build when the locale module has another shape', async () => {
    const base = project('i18n-shape', {
      'widget/src/fa.js': 'export default new Map();\n',
      'widget/src/index.js': "export const label = 'x';\n",
    });
    await assert.rejects(
      bundle(join(base, 'widget/src/index.js'), [inlineTranslations({ config, localeModule: join(base, 'widget/src/fa.js') })]),
      /lit-localize's runtime-mode output changed/,
    );
  });
});
