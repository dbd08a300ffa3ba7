import type { Readable } from 'node:stream';
import type { Database } from '../db/database.js';
import { DatabaseStore } from './database-store.js';
import type { FileRef, FileStore, StoreKind, StoredContent } from './file-store.js';
import { FilesystemStore } from './filesystem-store.js';
import { S3Store } from './s3-store.js';
import type { StorageConfig } from './storage-url.js';

/** A file row's columns that say where its content is. */
export interface FileLocation {
  id: string;
  orgId: string;
  store: StoreKind;
  storageName: string;
}

/** The columns a file row takes for a stored content. */
export interface StoredColumns {
  store: StoreKind;
  storageName: string;
  content: Buffer | null;
}

/**
 * The stores of one process: `current`, where new contents go (`STORAGE_URL`), and the others a row
 * may still name — the database always, the filesystem under its configured or default directory —
 * so files stay readable while the CLI moves them.
 */
export class FileStores {
  /** Where new contents go. */
  readonly current: FileStore;
  readonly #byKind = new Map<StoreKind, FileStore>();

  constructor(current: FileStore, others: FileStore[]) {
    this.current = current;
    for (const store of [current, ...others]) if (!this.#byKind.has(store.kind)) this.#byKind.set(store.kind, store);
  }

  /** The store of a kind, or an error naming what to configure. */
  of(kind: StoreKind): FileStore {
    const store = this.#byKind.get(kind);
    if (!store) throw new Error(`Files are kept in the ${kind} store, which STORAGE_URL does not configure.`);
    return store;
  }

  /** The store's reference to a row's content: a database row is its own key. */
  static refOf(row: FileLocation): FileRef {
    return { orgId: row.orgId, key: row.store === 'database' ? row.id : row.storageName };
  }

  /** The columns that make a file row (of id `fileId`) name a stored content. */
  static columnsFor(stored: StoredContent, fileId: string): StoredColumns {
    return stored.store === 'database'
      ? { store: 'database', storageName: `${fileId}.bin`, content: stored.inline }
      : { store: stored.store, storageName: stored.key, content: null };
  }

  /** A row's content as a stream. */
  open(row: FileLocation): Promise<Readable> {
    return this.of(row.store).get(FileStores.refOf(row));
  }

  /**
   * Forgets a content that no row will name (an upload refused after it was stored). Only where
   * keys are never shared: a content-addressed file may already be another row's, so it is left to
   * the orphan sweep.
   */
  async discard(orgId: string, stored: StoredContent): Promise<void> {
    if (stored.store === 's3') await this.of('s3').delete({ orgId, key: stored.key }).catch(() => undefined);
  }

  async close(): Promise<void> {
    for (const store of this.#byKind.values()) await store.close();
  }
}

/** A store for a configuration. */
export function createStore(config: StorageConfig, db: Database): FileStore {
  if (config.kind === 'database') return new DatabaseStore(db);
  if (config.kind === 'filesystem') return new FilesystemStore(config.root);
  return new S3Store(config);
}

/** The stores of a process: the configured one, the database, and the filesystem under `defaultRoot`. */
export function openFileStores(config: StorageConfig, db: Database, defaultRoot: string): FileStores {
  return new FileStores(createStore(config, db), [new DatabaseStore(db), new FilesystemStore(defaultRoot)]);
}
