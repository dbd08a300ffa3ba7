// @ts-check
// Leaves ky's upload/download progress streaming out of the widget bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const progressOptions = /\bon(Upload|Download)Progress\b/;
/** The ky module replaced (ky is pinned exactly in sdk/package.json for this reason). */
const bodyModule = /\/node_modules\/ky\/distribution\/utils\/body\.js$/;
/** What ky's body.js exports (Ky.js imports the two stream functions), and so what the stub exports. */
const bodyExports = ['getBodySize', 'streamRequest', 'streamResponse'];

/**
 * ky (kept whole otherwise) streams bodies through a progress counter only when a call passes
 * `onUploadProgress` or `onDownloadProgress`. The SDK never does, and the widget reaches ky only
 * through the SDK, so that code (~0.4 KB gzip) cannot run in the widget: ky's utils/body.js is
 * replaced by stubs that throw. The build fails if `sources` ever mention those options (this
 * plugin must then go, not the option), and if ky no longer has that module or it exports
 * something else (the plugin must then follow ky).
 * @param {{ sources: string[] }} options directories of TypeScript whose ky calls reach the bundle
 * @returns {import('rollup').Plugin}
 */
export function kyWithoutProgress({ sources }) {
  const stub = `const unavailable = () => { throw new Error('ky progress callbacks are not included in the citizen-counter bundle'); };
export { ${bodyExports.map((name) => `unavailable as ${name}`).join(', ')} };`;
  let stubbed = false;
  return {
    name: 'ky-without-progress',
    buildStart() {
      stubbed = false;
      for (const dir of sources) {
        for (const file of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
          if (!/\.ts$/.test(file) || /\.test\.ts$/.test(file)) continue;
          const path = join(dir, file);
          if (progressOptions.test(readFileSync(path, 'utf8'))) {
            this.error(`${path} uses ky's progress callbacks: drop kyWithoutProgress() from rollup.config.mjs`);
          }
        }
      }
    },
    load(id) {
      if (!bodyModule.test(id)) return null;
      const exported = [...readFileSync(id, 'utf8').matchAll(/^export (?:const|function) (\w+)/gm)].map((match) => match[1]).sort();
      if (exported.join() !== bodyExports.join()) {
        this.error(`${id} exports ${exported.join(', ') || 'nothing'}, not ${bodyExports.join(', ')}: ky changed; update widget/build/ky-without-progress.mjs`);
      }
      stubbed = true;
      return stub;
    },
    buildEnd(error) {
      if (error || stubbed) return;
      if ([...this.getModuleIds()].some((id) => id.includes('/node_modules/ky/'))) {
        this.error('ky is in the bundle but its distribution/utils/body.js is not: ky changed; update widget/build/ky-without-progress.mjs');
      }
    },
  };
}
