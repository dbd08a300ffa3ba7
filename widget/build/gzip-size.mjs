// @ts-check
import { gzipSync } from 'node:zlib';

/**
 * Reports the gzip size (level 9) of every emitted chunk and fails the build when one is over
 * `budgetBytes`: a budget that only warns is read once and then scrolls by.
 * @param {{ budgetBytes: number }} options
 * @returns {import('rollup').Plugin}
 */
export function gzipSize({ budgetBytes }) {
  return {
    name: 'gzip-size',
    generateBundle(_options, bundle) {
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk') continue;
        const raw = Buffer.byteLength(chunk.code);
        const gz = gzipSync(chunk.code, { level: 9 }).length;
        const budget = `${(budgetBytes / 1024).toFixed(0)} KB (${budgetBytes} bytes)`;
        const size = `${chunk.fileName}: ${(raw / 1024).toFixed(1)} KB, ${(gz / 1024).toFixed(2)} KB gzip = ${gz} bytes`;
        if (gz > budgetBytes) this.error(`${size}, over the ${budget} budget by ${gz - budgetBytes} bytes`);
        console.log(`${size} (within the ${budget} budget)`);
      }
    },
  };
}
