// @ts-check
// The custom elements manifest as tools and people read it: the two public elements under their
// tags, their events with detail types, and none of the views inside them. (The analyzer takes
// its output folder relative to the working directory.)
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const widget = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'cc-manifest-'));
after(() => rmSync(out, { recursive: true, force: true }));

describe('custom-elements.json', () => {
  execFileSync(
    process.execPath,
    [join(widget, '../node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--globs', 'src/**/*.ts', '--exclude', 'src/**/*.test.ts', '--exclude', 'src/generated/**', '--exclude', 'src/test-support/**', '--outdir', relative(widget, out)],
    { cwd: widget, stdio: 'pipe' },
  );
  /** @type {{ modules: { path: string; declarations?: { name: string; tagName?: string; events?: { name: string; type?: { text: string } }[] }[]; exports?: { kind: string; name: string; declaration: { name: string } }[] }[] }} */
  const manifest = JSON.parse(readFileSync(join(out, 'custom-elements.json'), 'utf8'));

  it('should map each public tag to its class, and leave the inner views out', () => {
    const definitions = manifest.modules.flatMap((mod) => (mod.exports ?? []).filter((entry) => entry.kind === 'custom-element-definition').map((entry) => [entry.name, entry.declaration.name]));
    assert.deepEqual(definitions.sort(), [['citizen-counter', 'CitizenCounter'], ['counter-desk', 'CounterDesk']]);
    const tags = manifest.modules.flatMap((mod) => (mod.declarations ?? []).map((declaration) => declaration.tagName).filter(Boolean));
    assert.deepEqual(tags.sort(), ['citizen-counter', 'counter-desk']);
  });

  it('should type every event detail', () => {
    const counter = manifest.modules.flatMap((mod) => mod.declarations ?? []).find((declaration) => declaration.tagName === 'citizen-counter');
    const events = Object.fromEntries((counter?.events ?? []).map((event) => [event.name, event.type?.text]));
    assert.equal(events['cc-submit'], 'CustomEvent<{ id: string; trackingCode: string }>');
    assert.equal(events['cc-error'], 'CustomEvent<{ code: string }>');
    for (const [name, type] of Object.entries(events)) assert.match(String(type), /^CustomEvent</, name);
  });
});
