import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RefreshingCache } from './refreshing-cache.js';

/** A load whose answers the test releases by hand, counting calls. */
function controlledLoad() {
  const pending: ((value: string) => void)[] = [];
  let calls = 0;
  const load = () => {
    calls++;
    return new Promise<string>((resolve) => pending.push(resolve));
  };
  return { load, pending, calls: () => calls };
}

describe('RefreshingCache', () => {
  it('should share one load among concurrent misses of a key', async () => {
    const cache = new RefreshingCache<string>({ ttlMs: 1000 });
    const source = controlledLoad();
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.get('org', source.load)));
    assert.equal(source.calls(), 1);
    source.pending[0]!('v1');
    assert.deepEqual(new Set(await answers), new Set(['v1']));
    assert.equal(await cache.get('org', source.load), 'v1');
    assert.equal(source.calls(), 1);
  });

  it('should answer a value past half its life at once and refresh it once in the background', async () => {
    let clock = 0;
    const cache = new RefreshingCache<string>({ ttlMs: 1000, now: () => clock });
    const source = controlledLoad();
    const first = cache.get('org', source.load);
    source.pending[0]!('v1');
    await first;
    clock = 600;
    assert.equal(await cache.get('org', source.load), 'v1');
    assert.equal(await cache.get('org', source.load), 'v1');
    assert.equal(source.calls(), 2);
    source.pending[1]!('v2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(await cache.get('org', source.load), 'v2');
  });

  it('should never answer a value older than its lifetime', async () => {
    let clock = 0;
    const cache = new RefreshingCache<string>({ ttlMs: 1000, now: () => clock });
    const source = controlledLoad();
    const first = cache.get('org', source.load);
    source.pending[0]!('v1');
    await first;
    clock = 1000;
    const later = cache.get('org', source.load);
    assert.equal(source.calls(), 2);
    source.pending[1]!('v2');
    assert.equal(await later, 'v2');
  });

  it('should not store a value whose load began before a delete', async () => {
    const cache = new RefreshingCache<string>({ ttlMs: 1000 });
    const source = controlledLoad();
    const before = cache.get('org', source.load);
    cache.delete('org');
    source.pending[0]!('old');
    assert.equal(await before, 'old');
    const after = cache.get('org', source.load);
    assert.equal(source.calls(), 2);
    source.pending[1]!('new');
    assert.equal(await after, 'new');
  });

  it('should not keep what keep() refuses, nor a failed load', async () => {
    const cache = new RefreshingCache<string | null>({ ttlMs: 1000 });
    let calls = 0;
    assert.equal(await cache.get('missing', async () => (calls++, null), (value) => value !== null), null);
    assert.equal(await cache.get('missing', async () => (calls++, null), (value) => value !== null), null);
    assert.equal(calls, 2);
    await assert.rejects(cache.get('broken', () => Promise.reject(new Error('down'))), /down/);
    assert.equal(await cache.get('broken', async () => 'back'), 'back');
  });

  it('should forget entries by value with deleteWhere()', async () => {
    const cache = new RefreshingCache<{ id: string }>({ ttlMs: 1000 });
    await cache.get('a', async () => ({ id: 's1' }));
    await cache.get('b', async () => ({ id: 's2' }));
    cache.deleteWhere((value) => value.id === 's1');
    assert.equal(cache.peek('a'), undefined);
    assert.deepEqual(cache.peek('b'), { id: 's2' });
  });

  it('should let merge() keep what the replaced entry knew better', async () => {
    let clock = 0;
    const cache = new RefreshingCache<{ seen: number }>({ ttlMs: 1000, now: () => clock, merge: (previous, loaded) => ({ seen: Math.max(previous.seen, loaded.seen) }) });
    const entry = await cache.get('s', async () => ({ seen: 1 }));
    entry.seen = 5;
    clock = 600;
    await cache.get('s', async () => ({ seen: 2 }));
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(cache.peek('s'), { seen: 5 });
  });
});
