import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import sqlite3 from 'sqlite3';
import type { Database } from '../db/database.js';
import type { StorageConfig } from '../storage/storage-url.js';

/** Where a backup went and how large it is. */
export interface BackupResult {
  file: string;
  bytes: number;
}

/** The path of a `sqlite:` URL, or `null` for PostgreSQL. */
export function sqlitePath(databaseUrl: string): string | null {
  return databaseUrl.startsWith('sqlite:') ? databaseUrl.slice('sqlite:'.length) : null;
}

/** What a PostgreSQL operator runs instead: the database's own tools back up a live server best. */
export const postgresAdvice =
  'PostgreSQL is backed up with its own tools: pg_dump --format=custom --file=counter.dump "$DATABASE_URL" (a consistent snapshot of a live database), restored with pg_restore --clean --if-exists --dbname="$DATABASE_URL" counter.dump while the service is stopped.';

/**
 * Where the files are when a database backup does not hold them, with how to back them up; `null`
 * when every file's content is in the database. Said after every backup, so an operator never
 * believes a database copy alone holds the files.
 * @param defaultRoot the filesystem store's directory when `STORAGE_URL` names another store.
 */
export async function filesNote(db: Database, storage: StorageConfig, defaultRoot: string): Promise<string | null> {
  const counts = (await db.sequelize.query('SELECT "store", COUNT(*) AS "n" FROM "files" GROUP BY "store"', { type: 'SELECT' })) as { store: string; n: number | string }[];
  const outside = counts.filter((row) => row.store !== 'database');
  if (outside.length === 0) return null;
  const where = outside.map(({ store, n }) => {
    if (store === 'filesystem') {
      const root = storage.kind === 'filesystem' ? storage.root : defaultRoot;
      return `${Number(n)} under ${root} (copy that directory after this backup, e.g. rsync -a ${root}/ <destination>/: files are named by their sha256 and never change, so a copy taken later holds every file this backup names)`;
    }
    if (storage.kind === 's3') {
      return `${Number(n)} in the S3 bucket ${storage.bucket}${storage.prefix ? ` under ${storage.prefix}` : ''}${storage.endpoint ? ` at ${storage.endpoint}` : ''} (back it up with the object store's versioning or replication)`;
    }
    return `${Number(n)} in the ${store} store, which STORAGE_URL does not name now`;
  });
  return `This backup holds the files' descriptions, not their contents: ${where.join('; ')}.`;
}

/**
 * Writes a consistent copy of a live SQLite database to `file` (owner-only) with `VACUUM INTO`:
 * one read transaction sees every committed write, those still in the WAL included — which a copy
 * of the `.sqlite` file alone would miss. Writers go on meanwhile. Refuses to overwrite a file.
 */
export async function backupSqlite(db: Database, file: string): Promise<BackupResult> {
  const target = resolve(file);
  if (existsSync(target)) throw new Error(`${target} already exists; choose a new file name.`);
  // Created first, empty and owner-only: VACUUM INTO writes into an existing empty file as it is.
  closeSync(openSync(target, 'wx', 0o600));
  try {
    await db.sequelize.query('VACUUM INTO ?', { replacements: [target] });
  } catch (error) {
    rmSync(target, { force: true });
    throw error;
  }
  return { file: target, bytes: statSync(target).size };
}

/**
 * Opens an existing SQLite file and answers what `query` returns. Not read-only: checking an FTS5
 * index needs a writable handle, though the check changes nothing.
 */
function queryFile<T>(file: string, query: string): Promise<T[]> {
  return new Promise((resolveRows, reject) => {
    const handle = new sqlite3.Database(file, sqlite3.OPEN_READWRITE, (openError) => {
      if (openError) return reject(openError);
      handle.all(query, (error, rows) => {
        handle.close();
        if (error) reject(error);
        else resolveRows(rows as T[]);
      });
    });
  });
}

/**
 * Checks that `file` is a sound backup of this service — a SQLite database that passes
 * `PRAGMA integrity_check` and holds the service's migrations and requests — and answers how many
 * requests it holds.
 */
export async function checkBackup(file: string): Promise<{ requests: number; migrations: number }> {
  const source = resolve(file);
  if (!existsSync(source)) throw new Error(`${source} does not exist.`);
  let integrity: { integrity_check: string }[];
  try {
    integrity = await queryFile<{ integrity_check: string }>(source, 'PRAGMA integrity_check');
  } catch {
    throw new Error(`${source} is not a SQLite database.`);
  }
  if (integrity[0]?.integrity_check !== 'ok') throw new Error(`${source} is damaged: ${integrity.map((row) => row.integrity_check).join('; ')}`);
  try {
    const [migrations] = await queryFile<{ n: number }>(source, 'SELECT COUNT(*) AS n FROM "SequelizeMeta"');
    const [requests] = await queryFile<{ n: number }>(source, 'SELECT COUNT(*) AS n FROM "requests"');
    return { requests: requests?.n ?? 0, migrations: migrations?.n ?? 0 };
  } catch {
    throw new Error(`${source} is a SQLite database but not a backup of this service.`);
  }
}

/**
 * Puts a checked backup in place of the SQLite database at `databaseFile`, for a stopped service:
 * copied next to it and fsynced, the old database's `-wal` and `-shm` removed (an old WAL would be
 * replayed into the restored file), then renamed over it in one step. The service applies newer
 * migrations when it starts.
 */
export async function restoreSqlite(backupFile: string, databaseFile: string): Promise<{ requests: number }> {
  const checked = await checkBackup(backupFile);
  const target = resolve(databaseFile);
  const staging = `${target}.restoring`;
  mkdirSync(dirname(target), { recursive: true });
  rmSync(staging, { force: true });
  await copyFile(resolve(backupFile), staging);
  const handle = openSync(staging, 'r+');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(staging, target);
  const folder = openSync(dirname(target), 'r');
  try {
    fsyncSync(folder);
  } finally {
    closeSync(folder);
  }
  return { requests: checked.requests };
}
