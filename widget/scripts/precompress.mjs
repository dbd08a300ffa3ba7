#!/usr/bin/env node
// @ts-check
// Writes `<file>.br` and `<file>.gz` beside every script of widget/dist, once, at build time:
// the service sends them as they are (Content-Encoding br/gzip) instead of compressing per request.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const dist = new URL('../dist/', import.meta.url).pathname;
const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

for (const name of (await readdir(dist)).filter((file) => file.endsWith('.js'))) {
  const source = await readFile(join(dist, name));
  const [br, gzipped] = await Promise.all([
    brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: source.length } }),
    gz(source, { level: 9 }),
  ]);
  await writeFile(join(dist, `${name}.br`), br);
  await writeFile(join(dist, `${name}.gz`), gzipped);
  console.log(`${name}: ${source.length} B, brotli ${br.length} B, gzip ${gzipped.length} B`);
}
