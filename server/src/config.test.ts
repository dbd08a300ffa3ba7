import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from './config.js';

describe('loadConfig(env)', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-config-'));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should generate and keep the admin key and server secret in the data dir', () => {
    const env = { DATABASE_URL: `sqlite:${join(dir, 'keys', 'db.sqlite')}` };
    const first = loadConfig(env);
    assert.ok(first.adminKeyGenerated);
    const second = loadConfig(env);
    assert.equal(second.adminKey, first.adminKey);
    assert.equal(second.serverSecret, first.serverSecret);
    assert.equal(second.adminKeyGenerated, false);
    assert.throws(() => loadConfig({ ...env, NODE_ENV: 'production', DATABASE_URL: `sqlite:${join(dir, 'prod', 'db.sqlite')}` }));
  });
});
