import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FileRef, FileStore, StoredContent } from './file-store.js';
import { Measure } from './measure.js';

const shaKey = /^[0-9a-f]{64}$/;

/**
 * Contents as files under one directory, named by their SHA-256 (`ab/cd/abcd…`): the same content
 * is kept once, and a name says nothing a client chose. An upload is written to `tmp/`, fsynced,
 * renamed into place and its directory fsynced before `put` answers — before the transaction that
 * names it commits — so a crash may leave a file no row names (housekeeping removes it after a grace
 * period) but never a row without its file. Files are read only through a row's key, never by a
 * path from a request.
 */
export class FilesystemStore implements FileStore {
  readonly kind = 'filesystem' as const;
  readonly root: string;
  /** Renames into place and stale removals, one at a time per key, so a removal never takes a fresh upload. */
  readonly #locks = new Map<string, Promise<unknown>>();
  /** Content folders (`ab/cd`) known to exist, and whether `tmp/` is. */
  readonly #folders = new Set<string>();
  #tmpMade = false;

  constructor(root: string) {
    this.root = root;
  }

  async put(_orgId: string, source: Readable): Promise<StoredContent> {
    // An error before the pipeline below takes the stream is seen there through `errored`, not thrown unhandled.
    source.on('error', () => undefined);
    const staging = join(this.root, 'tmp', randomBytes(12).toString('hex'));
    const measure = new Measure();
    const handle = await this.#openStaging(staging);
    try {
      // Cut off while the file was being opened: a pipeline from a destroyed stream would wait forever.
      if (source.destroyed) throw source.errored ?? new Error('The upload was cut off.');
      await pipeline(source, measure, writerTo(handle));
    } catch (error) {
      await handle.close();
      await rm(staging, { force: true });
      throw error;
    }
    await handle.close();
    const sha256 = measure.digest();
    const target = this.#path(sha256);
    const folder = join(target, '..');
    // The service never removes a content folder, so one made (or seen) once is not made again; if
    // someone removed it meanwhile, the rename says so and the folder is made then.
    let created = this.#folders.has(folder) ? undefined : await mkdir(folder, { recursive: true, mode: 0o700 });
    this.#folders.add(folder);
    // Renaming over an equal content is harmless and gives it a fresh time, which keeps it from the orphan sweep.
    await this.#locked(sha256, () =>
      rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT' || !(await stat(staging).then(() => true, () => false))) throw error;
        created = await mkdir(folder, { recursive: true, mode: 0o700 });
        await rename(staging, target);
      }),
    );
    await syncDirectory(folder);
    if (created) {
      await syncDirectory(join(folder, '..'));
      await syncDirectory(this.root);
    }
    return { store: this.kind, key: sha256, sha256, size: measure.size, head: measure.head(), inline: null };
  }

  async get(ref: FileRef): Promise<Readable> {
    const handle = await open(this.#path(ref.key), 'r');
    return handle.createReadStream();
  }

  async delete(ref: FileRef): Promise<void> {
    await rm(this.#path(ref.key), { force: true });
  }

  async exists(ref: FileRef): Promise<boolean> {
    try {
      return (await stat(this.#path(ref.key))).isFile();
    } catch {
      return false;
    }
  }

  async *listOlderThan(before: Date): AsyncIterable<string> {
    // Uploads cut off by a crash stay in tmp/: removed here once as old as an orphan.
    for (const name of await listOrEmpty(join(this.root, 'tmp'))) {
      const file = join(this.root, 'tmp', name);
      if ((await stat(file)).mtime < before) await rm(file, { force: true });
    }
    for (const first of await listOrEmpty(this.root)) {
      if (!/^[0-9a-f]{2}$/.test(first)) continue;
      for (const second of await listOrEmpty(join(this.root, first))) {
        for (const name of await listOrEmpty(join(this.root, first, second))) {
          if (!shaKey.test(name)) continue;
          const info = await stat(join(this.root, first, second, name)).catch(() => null);
          if (info && info.mtime < before) yield name;
        }
      }
    }
  }

  async removeStale(ref: FileRef, before: Date): Promise<boolean> {
    const path = this.#path(ref.key);
    return this.#locked(ref.key, async () => {
      const info = await stat(path).catch(() => null);
      if (!info || info.mtime >= before) return false;
      await rm(path, { force: true });
      return true;
    });
  }

  async close(): Promise<void> {}

  /** Opens a new staging file in `tmp/`, making the folder the first time (or again, if it went). */
  async #openStaging(staging: string): Promise<FileHandle> {
    if (this.#tmpMade) {
      try {
        return await open(staging, 'wx', 0o600);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    await mkdir(join(this.root, 'tmp'), { recursive: true, mode: 0o700 });
    this.#tmpMade = true;
    return open(staging, 'wx', 0o600);
  }

  async #locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(key) ?? Promise.resolve();
    const run = previous.then(work, work);
    const settled = run.catch(() => undefined);
    this.#locks.set(key, settled);
    try {
      return await run;
    } finally {
      if (this.#locks.get(key) === settled) this.#locks.delete(key);
    }
  }

  #path(key: string): string {
    if (!shaKey.test(key)) throw new Error(`Not a filesystem store key: ${JSON.stringify(key)}.`);
    return join(this.root, key.slice(0, 2), key.slice(2, 4), key);
  }
}

/** A stream into an open file that fsyncs it before it finishes, and never closes it (the caller does). */
function writerTo(handle: FileHandle): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writeAll(handle, chunk).then(() => callback(), callback);
    },
    final(callback) {
      handle.sync().then(() => callback(), callback);
    },
  });
}

async function writeAll(handle: FileHandle, chunk: Buffer): Promise<void> {
  let offset = 0;
  while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten;
}

async function syncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function listOrEmpty(path: string): Promise<string[]> {
  try {
    return await readdir(path);
  } catch {
    return [];
  }
}
