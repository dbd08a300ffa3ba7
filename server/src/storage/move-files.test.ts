import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../cli.js';
import { file, pdfBytes } from '../test-support/files.js';
import { startS3Server, type TestS3Server } from '../test-support/s3-server.js';
import { useTestServer, type TestCitizen } from '../test-support/test-server.js';
import { FilesystemStore } from './filesystem-store.js';
import { moveFiles } from './move-files.js';
import { S3Store } from './s3-store.js';
import { readStorageUrl } from './storage-url.js';
import { FileStores } from './stores.js';

describe('moving files between stores', () => {
  // Files kept in their rows, as every install before the stores.
  const server = useTestServer({ storage: 'database' });
  let citizen: TestCitizen;
  let s3: TestS3Server;
  let dir: string;
  const contents = [pdfBytes('first'), pdfBytes('second'), pdfBytes('first')];
  const submitted: { requestId: string; fileId: string; content: Uint8Array }[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-move-'));
    s3 = await startS3Server(join(dir, 's3'));
    citizen = await server().login();
    for (const [index, content] of contents.entries()) {
      const request = await citizen.client.submitRequest({ fullName: 'Sara', subject: `Move ${index}`, unitId: server().unitId, body: file(content, 'a.pdf') });
      submitted.push({ requestId: request.id, fileId: request.bodyFile.id, content });
    }
  });
  after(async () => {
    await s3.close();
    await rm(dir, { recursive: true, force: true });
  });

  const storeCounts = async () => {
    const rows = await server().app.db.models.File.findAll({ attributes: ['store', 'content'] });
    return { stores: [...new Set(rows.map((row) => row.store))], withContent: rows.filter((row) => row.content !== null).length };
  };
  const downloadsMatch = async () => {
    for (const { requestId, fileId, content } of submitted) {
      const downloaded = await citizen.client.downloadFile(requestId, fileId);
      assert.deepEqual(new Uint8Array(await downloaded.blob.arrayBuffer()), content);
    }
  };

  it('should move every row out of the database into the filesystem, verified, and find nothing left on a second run', async () => {
    const { deps } = server().app;
    // The service reads the filesystem store under its data directory whatever STORAGE_URL says.
    const target = deps.files.of('filesystem');
    const first = await moveFiles(deps, target);
    assert.equal(first.moved, 3);
    assert.deepEqual(await storeCounts(), { stores: ['filesystem'], withContent: 0 });
    await downloadsMatch();
    // Resumable: what is moved stays moved.
    assert.deepEqual(await moveFiles(deps, target), { moved: 0, bytes: 0 });
  });

  it('should move to S3 and back into the database, the contents unchanged', async () => {
    const { deps } = server().app;
    const s3Store = new S3Store(readStorageUrl(s3.storageUrl, s3.env, server().config.dataDir, process.cwd()) as ConstructorParameters<typeof S3Store>[0]);
    const withS3 = new FileStores(s3Store, [deps.files.of('database'), deps.files.of('filesystem')]);
    try {
      assert.equal((await moveFiles({ db: deps.db, files: withS3 }, s3Store)).moved, 3);
      assert.deepEqual(await storeCounts(), { stores: ['s3'], withContent: 0 });
      // The filesystem kept nothing once no row named its files.
      assert.equal(await deps.files.of('filesystem').exists({ orgId: 'test-org', key: sha(submitted[0]!.content) }), false);
      assert.equal((await moveFiles({ db: deps.db, files: withS3 }, deps.files.of('database'))).moved, 3);
      assert.deepEqual(await storeCounts(), { stores: ['database'], withContent: 3 });
      await downloadsMatch();
    } finally {
      await withS3.close();
    }
  });

  it('should stop at a content whose sha256 differs from its row, leaving that row as it was', async () => {
    const { deps } = server().app;
    const fsStore = deps.files.of('filesystem') as FilesystemStore;
    assert.equal((await moveFiles(deps, fsStore)).moved, 3);
    const key = sha(submitted[1]!.content);
    await writeFile(join(fsStore.root, key.slice(0, 2), key.slice(2, 4), key), 'tampered');
    await assert.rejects(moveFiles(deps, deps.files.of('database')), /sha256/);
    const row = await deps.db.models.File.findOne({ where: { id: submitted[1]!.fileId } });
    assert.equal(row?.store, 'filesystem');
    assert.equal(row?.content, null);
  });
});

describe('citizen-counter files:move', () => {
  const server = useTestServer({ storage: 'database', sqlite: true });

  it('should move the files into the store --to names and say so', async () => {
    const citizen = await server().login();
    const content = pdfBytes('cli');
    const request = await citizen.client.submitRequest({ fullName: 'Sara', subject: 'CLI', unitId: server().unitId, body: file(content, 'a.pdf') });
    const printed: string[] = [];
    const log = console.log;
    console.log = (...parts: unknown[]) => void printed.push(parts.join(' '));
    const env = { DATABASE_URL: server().config.databaseUrl, DATA_DIR: server().config.dataDir, STORAGE_URL: 'database:' };
    let code: number;
    try {
      code = await runCli(['files:move', '--to', `file:${join(server().config.dataDir, 'files')}`], env);
    } finally {
      console.log = log;
    }
    assert.equal(code, 0);
    assert.match(printed.join('\n'), /Moved 1 files \(\d+ bytes\) to file:/);
    const row = await server().app.db.models.File.findOne({ where: { id: request.bodyFile.id } });
    assert.equal(row?.store, 'filesystem');
    const stored = await server().app.deps.files.open(row!);
    assert.deepEqual(new Uint8Array(await buffer(stored)), content);
    await assert.rejects(runCli(['files:move', '--to', 'ftp://elsewhere'], env), /--to must be one of/);
  });
});

function sha(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
