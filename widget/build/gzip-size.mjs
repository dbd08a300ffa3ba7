import { gzipSync } from 'node:zlib';

/** Reports the gzip size of every emitted chunk against `budgetBytes`, and warns above it. */
export function gzipSize({ budgetBytes }) {
  return {
    name: 'gzip-size',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        const verdict = gz <= budgetBytes ? 'within' : 'OVER';
        const budget = `${(budgetBytes / 1024).toFixed(0)} KB`;
        const message = `${chunk.fileName}: ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(2)} KB gzip = ${gz} bytes (${verdict} the ${budget} budget)`;
        if (gz <= budgetBytes) console.log(message);
        else this.warn(message);
      }
    },
  };
}
