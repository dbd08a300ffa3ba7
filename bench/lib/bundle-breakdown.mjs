// @ts-check
// Where a bundle's bytes come from: its source map attributes every byte of the minified file to a
// source, the sources are put into groups (Lit, ky, the SDK, styles, each view…), and each group's
// gzip cost is measured as what the gzipped bundle loses without its bytes — what cutting it
// would really save, not a share of the total.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decodes one source-map segment's VLQ fields.
 * @param {string} text
 * @returns {number[]}
 */
function decodeVlq(text) {
  /** @type {number[]} */
  const values = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = base64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * The group a source belongs to.
 * @param {string} source a path from the source map
 */
function groupOf(source) {
  const path = source.replace(/\\/g, '/');
  if (/node_modules\/(lit|lit-html|lit-element|@lit\/reactive-element)\//.test(path)) return 'Lit';
  if (path.includes('node_modules/@lit/localize/')) return '@lit/localize';
  if (path.includes('node_modules/ky/')) return 'ky';
  if (path.includes('node_modules/')) return `other packages (${path.split('node_modules/')[1]?.split('/').slice(0, 2).join('/')})`;
  const file = path.split('/').pop() ?? path;
  if (/\/sdk\/(src|dist)\//.test(path)) return `SDK: ${file.replace(/\.js$/, '.ts')}`;
  return `widget: ${file}`;
}

/**
 * @param {string} bundleFile the minified bundle; its map is `${bundleFile}.map`
 * @param {(source: string) => string} [group] the part a source belongs to (Lit, ky, SDK files, widget files)
 * @returns {{ group: string; rawBytes: number; gzipBytes: number }[]} largest gzip cost first
 */
export function bundleBreakdown(bundleFile, group = groupOf) {
  const code = readFileSync(bundleFile, 'utf8');
  const map = JSON.parse(readFileSync(`${bundleFile}.map`, 'utf8'));
  const lines = code.split('\n');
  /** @type {Map<string, boolean[]>} */
  const masks = new Map();
  /** @type {Map<string, number>} */
  const raw = new Map();
  let source = 0;
  let offset = 0;
  map.mappings.split(';').forEach((/** @type {string} */ lineMappings, /** @type {number} */ lineIndex) => {
    const line = lines[lineIndex] ?? '';
    let column = 0;
    /** @type {{ column: number; source: number }[]} */
    const segments = [];
    for (const segment of lineMappings.split(',').filter(Boolean)) {
      const fields = decodeVlq(segment);
      column += fields[0] ?? 0;
      if (fields.length >= 4) source += fields[1] ?? 0;
      segments.push({ column, source: fields.length >= 4 ? source : -1 });
    }
    segments.forEach((entry, i) => {
      const end = segments[i + 1]?.column ?? line.length;
      const part = entry.source < 0 ? 'unmapped' : group(map.sources[entry.source] ?? '');
      const mask = masks.get(part) ?? new Array(code.length).fill(false);
      for (let at = offset + entry.column; at < offset + end; at++) mask[at] = true;
      masks.set(part, mask);
      raw.set(part, (raw.get(part) ?? 0) + (end - entry.column));
    });
    offset += line.length + 1;
  });
  const whole = gzipSync(code, { level: 9 }).length;
  return [...masks.entries()]
    .map(([part, mask]) => {
      let rest = '';
      for (let at = 0; at < code.length; at++) if (!mask[at]) rest += code[at];
      return { group: part, rawBytes: raw.get(part) ?? 0, gzipBytes: whole - gzipSync(rest, { level: 9 }).length };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}
