// Leaves ky's upload/download progress streaming out of the widget bundle.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const progressOptions = /\bon(Upload|Download)Progress\b/;

/**
 * ky (kept whole otherwise) streams bodies through a progress counter only when a call passes
 * `onUploadProgress` or `onDownloadProgress`. The SDK never does, and the widget reaches ky only
 * through the SDK, so that code (~0.4 KB gzip) cannot run in the widget: ky's utils/body.js is
 * replaced by stubs that throw. The build fails if `sources` ever mention those options; it then
 * needs this plugin removed, not the option. If ky moves the file, nothing is replaced and the
 * bundle is merely bigger.
 */
export function kyWithoutProgress({ sources }) {
  const stub = `const unavailable = () => { throw new Error('ky progress callbacks are not included in the citizen-counter bundle'); };
export { unavailable as streamRequest, unavailable as streamResponse };`;
  return {
    name: 'ky-without-progress',
    buildStart() {
      for (const dir of sources) {
        for (const file of readdirSync(dir, { recursive: true })) {
          if (!/\.ts$/.test(file) || /\.test\.ts$/.test(file)) continue;
          const path = join(dir, file);
          if (progressOptions.test(readFileSync(path, 'utf8'))) {
            this.error(`${path} uses ky's progress callbacks: drop kyWithoutProgress() from rollup.config.mjs`);
          }
        }
      }
    },
    load: (id) => (/\/node_modules\/ky\/distribution\/utils\/body\.js$/.test(id) ? stub : null),
  };
}
