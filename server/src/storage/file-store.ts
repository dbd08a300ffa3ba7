import type { Readable } from 'node:stream';

/** Where file contents live: in their database rows, in files under the data directory, or in an S3 bucket. */
export type StoreKind = 'database' | 'filesystem' | 's3';

/** Every store kind, in the order `STORAGE_URL` documents them. */
export const storeKinds: readonly StoreKind[] = ['database', 'filesystem', 's3'];

/** A stored content as a file row names it: the org it belongs to and the store's key. */
export interface FileRef {
  orgId: string;
  key: string;
}

/** What a store answers once it holds a content. */
export interface StoredContent {
  store: StoreKind;
  /**
   * The store's key: the content's sha256 (filesystem), the object key (s3); empty for the
   * database, where the content goes into its row and the row's id is its key.
   */
  key: string;
  /** Hex SHA-256 of the content, computed once while it streamed in. */
  sha256: string;
  size: number;
  /** The first bytes (at most {@link headBytes}), from which the type is decided. */
  head: Buffer;
  /** The content itself when it goes into the file's row (the database store), else `null`. */
  inline: Buffer | null;
}

/** How many leading bytes a store keeps aside for sniffing the type (`file-type` reads far less). */
export const headBytes = 64 * 1024;

/**
 * A place for file contents. `put` consumes a stream, hashing it as it goes, and answers only once
 * the content is durable (for the filesystem: written, fsynced and renamed into place), so that a
 * transaction committed afterwards never points at a missing file.
 */
export interface FileStore {
  readonly kind: StoreKind;
  /** Stores a content of `orgId` as it streams in; the source is consumed whatever happens. */
  put(orgId: string, source: Readable): Promise<StoredContent>;
  /** The content as a stream; rejects before any byte when it is missing. */
  get(ref: FileRef): Promise<Readable>;
  /** Removes a content; a missing one is no error. */
  delete(ref: FileRef): Promise<void>;
  exists(ref: FileRef): Promise<boolean>;
  /**
   * Keys of contents last written before `before`: what may be an orphan once no row names it.
   * The database store answers nothing: its contents are its rows.
   */
  listOlderThan(before: Date): AsyncIterable<string>;
  /**
   * Removes a content last written before `before`, answering whether it did: what housekeeping
   * calls once no row names the key. A content written again meanwhile (an upload of the same
   * bytes) is kept.
   */
  removeStale(ref: FileRef, before: Date): Promise<boolean>;
  /** Releases connections. */
  close(): Promise<void>;
}
