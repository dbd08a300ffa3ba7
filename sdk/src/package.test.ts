import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const sdk = fileURLToPath(new URL('..', import.meta.url));

describe('the published package', () => {
  it('should carry its README, LICENSE, code and types, and no tests', () => {
    const [pack] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: sdk, encoding: 'utf8' })) as [{ files: { path: string }[] }];
    const files = pack.files.map((file) => file.path);
    for (const needed of ['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/schemas/index.js']) assert.ok(files.includes(needed), needed);
    assert.deepEqual(files.filter((file) => /\.test\.|test-fixtures/.test(file)), []);
  });

  it('should say it is ESM only, for Node 20 and later', () => {
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { type: string; engines: { node: string }; exports: Record<string, { default: string }> };
    assert.equal(manifest.type, 'module');
    assert.equal(manifest.engines.node, '>=20');
    assert.ok(!JSON.stringify(manifest.exports).includes('require'));
  });

  it('should document the citizen and staff flows, errors, per-call options, pagination and data rights in its README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const needed of ['new CitizenClient(', 'new StaffClient(', '## Errors', '## Per-call options', '## Pagination', 'listRequestPages', 'exportMyData', 'deleteMyAccount', 'ESM only', 'Node.js ≥ 20']) {
      assert.ok(readme.includes(needed), needed);
    }
    const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { repository: { directory: string }; files: string[] };
    assert.equal(manifest.repository.directory, 'sdk');
    assert.ok(manifest.files.includes('!src/**/*.test.ts') && manifest.files.includes('!src/test-fixtures'));
  });
});
