import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { describe, it } from 'node:test';
import { insertRow } from '../db/insert.js';
import { newId } from '../lib/crypto.js';
import { useTestServer } from '../test-support/test-server.js';
import type { FileRef, StoredContent } from './file-store.js';
import { FilesystemStore } from './filesystem-store.js';
import { removeOrphanFiles } from './orphans.js';
import { FileStores } from './stores.js';

/** A stream of `content` in pieces of `size` bytes, as an upload arrives. */
function piecesOf(content: Buffer, size = 64 * 1024): Readable {
  const pieces: Buffer[] = [];
  for (let at = 0; at < content.length; at += size) pieces.push(content.subarray(at, at + size));
  return Readable.from(pieces);
}

const hour = 60 * 60 * 1000;

for (const kind of ['database', 'filesystem', 's3'] as const) {
  describe(`the ${kind} store`, () => {
    const server = useTestServer({ storage: kind });
    const store = () => server().app.deps.files.current;
    const orgId = 'test-org';

    /** Names a stored content from a file row, as a submission does. */
    const record = async (stored: StoredContent): Promise<FileRef> => {
      const { db } = server().app.deps;
      const id = newId();
      const row = {
        id, orgId, requestId: newId(), role: 'body' as const, name: 'a.pdf', type: 'application/pdf', size: stored.size, sha256: stored.sha256,
        createdAt: new Date(), ...FileStores.columnsFor(stored, id),
      };
      await db.write((transaction) => insertRow(db, db.models.File, row, transaction));
      return FileStores.refOf({ id, orgId, store: row.store, storageName: row.storageName });
    };

    it('should hash, count and keep the head of a content while storing it, and give it back as a stream', async () => {
      assert.equal(store().kind, kind);
      // Over one S3 part (8 MiB): the multipart path too.
      const content = randomBytes(kind === 's3' ? 9 * 1024 * 1024 : 300 * 1024);
      const stored = await store().put(orgId, piecesOf(content));
      assert.equal(stored.sha256, createHash('sha256').update(content).digest('hex'));
      assert.equal(stored.size, content.length);
      assert.deepEqual(stored.head, content.subarray(0, 64 * 1024));
      const ref = await record(stored);
      assert.equal(await store().exists(ref), true);
      const read = await store().get(ref);
      assert.ok(read instanceof Readable);
      assert.ok((await buffer(read)).equals(content));
      await store().delete(ref);
      assert.equal(await store().exists(ref), false);
      await assert.rejects(store().get(ref));
      // Deleting what is gone is no error.
      await store().delete(ref);
    });

    it('should store an empty content and the same content twice, each readable', async () => {
      const empty = await store().put(orgId, Readable.from([]));
      assert.equal(empty.size, 0);
      assert.ok((await buffer(await store().get(await record(empty)))).equals(Buffer.alloc(0)));
      const content = Buffer.from('%PDF-1.4 twice');
      const first = await record(await store().put(orgId, piecesOf(content, 3)));
      const second = await record(await store().put(orgId, piecesOf(content, 5)));
      assert.ok((await buffer(await store().get(first))).equals(content));
      assert.ok((await buffer(await store().get(second))).equals(content));
    });

    it('should keep nothing of a content whose stream breaks off', async () => {
      const before = await keys(server().app.deps.files.current, new Date(Date.now() + hour));
      const broken = new Readable({ read() {} });
      broken.push(Buffer.alloc(1000, 1));
      setImmediate(() => broken.destroy(new Error('connection reset')));
      await assert.rejects(store().put(orgId, broken), /connection reset/);
      assert.deepEqual(await keys(server().app.deps.files.current, new Date(Date.now() + hour)), before);
      if (kind === 'filesystem') {
        const root = (store() as FilesystemStore).root;
        assert.deepEqual(await readdir(join(root, 'tmp')), []);
      }
    });

    it('should remove contents no row names once past the grace period, and keep the named ones', async () => {
      const named = await record(await store().put(orgId, piecesOf(Buffer.from('named content'))));
      const orphan = await store().put(orgId, piecesOf(Buffer.from('orphan content')));
      const orphanRef = { orgId, key: orphan.key };
      // Within the grace period an unnamed content may be a submission still committing.
      assert.equal(await removeOrphanFiles(server().app.deps), 0);
      server().clock.advance(2 * hour);
      const removed = await removeOrphanFiles(server().app.deps);
      assert.equal(await store().exists(named), true);
      if (kind === 'database') {
        // Its contents are its rows: nothing can be an orphan.
        assert.equal(removed, 0);
      } else {
        assert.ok(removed >= 1);
        assert.equal(await store().exists(orphanRef), false);
      }
    });
  });
}

async function keys(store: { listOlderThan(before: Date): AsyncIterable<string> }, before: Date): Promise<string[]> {
  const found: string[] = [];
  for await (const key of store.listOlderThan(before)) found.push(key);
  return found.sort();
}

describe('the filesystem store when its folders go under it', () => {
  it('should make them again: tmp/ and a content folder removed between two uploads', async () => {
    const root = await mkdtemp(join(tmpdir(), 'cc-fs-store-'));
    try {
      const store = new FilesystemStore(root);
      const content = randomBytes(10_000);
      const first = await store.put('o', piecesOf(content));
      // An operator cleans up by hand: the staging folder and the content's folder go.
      await rm(join(root, 'tmp'), { recursive: true });
      await rm(join(root, first.key.slice(0, 2)), { recursive: true });
      const again = await store.put('o', piecesOf(content));
      assert.equal(again.key, first.key);
      assert.deepEqual(await buffer(await store.get({ orgId: 'o', key: again.key })), content);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
