import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { Sequelize, type Options, type Transaction } from 'sequelize';
import { defineModels, type Models } from '../models/index.js';
import { GroupWriter } from './group-writer.js';
import { insertPgStatement, type InsertRow } from './insert.js';
import { assertSequelizeVersion, shareWriterConnection } from './sqlite-internals.js';
import { postgresReader, sqliteReader, type Reader } from './reader.js';

/** The database handle the services work with. */
export interface Database {
  sequelize: Sequelize;
  dialect: 'sqlite' | 'postgres';
  models: Models;
  /** Raw reads for hot paths. */
  reader: Reader;
  /**
   * Runs `work` in one write transaction. On SQLite writes are queued in-process (one writer,
   * group commit); on PostgreSQL they run concurrently and row locks do the rest.
   */
  write<T>(work: (transaction: Transaction) => Promise<T>): Promise<T>;
  /**
   * Inserts rows in one write transaction, all or none: the fast path of writes that only insert
   * (a submission). On SQLite the group writer writes the rows of many such tasks together; a unique
   * violation is raised as Sequelize's `UniqueConstraintError`, as {@link write} would.
   */
  insert(rows: InsertRow[]): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link createDatabase}. */
export interface DatabaseOptions {
  /** PostgreSQL schema to work in (tests isolate each run in its own). */
  schema?: string;
}

// Durability and concurrency settings a fresh SQLite connection needs; WAL is kept by the file itself.
const sqlitePragmas = 'PRAGMA busy_timeout=5000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;';

/**
 * Creates a missing SQLite file readable and writable by its owner only (0600): it holds phone
 * numbers, letters and session hashes. SQLite gives its `-wal` and `-shm` files the database
 * file's permissions. An existing file keeps the permissions its operator gave it.
 */
function createPrivately(file: string): void {
  if (file === ':memory:' || file === '' || existsSync(file)) return;
  mkdirSync(dirname(file), { recursive: true });
  closeSync(openSync(file, 'a', 0o600));
}

/** Opens the database of `url` (`sqlite:<file>` or `postgres://…`) and defines the models. */
export async function createDatabase(url: string, options: DatabaseOptions = {}): Promise<Database> {
  const dialect = url.startsWith('sqlite:') ? 'sqlite' : 'postgres';
  if (dialect === 'sqlite') createPrivately(url.slice('sqlite:'.length));
  const common: Options = { logging: false, define: { timestamps: false } };
  const sequelize =
    dialect === 'sqlite'
      ? new Sequelize({ ...common, dialect: 'sqlite', storage: url.slice('sqlite:'.length) })
      : new Sequelize(url, {
          ...common,
          dialect: 'postgres',
          pool: { max: 10, min: 0, idle: 10_000 },
          ...(options.schema ? { dialectOptions: { options: `-c search_path=${options.schema}` } } : {}),
        });
  // Both dialects' fast paths reach into Sequelize (sqlite-internals.ts, pg-internals.ts).
  assertSequelizeVersion();
  if (dialect === 'sqlite') {
    shareWriterConnection(sequelize, sqlitePragmas);
    await sequelize.query('PRAGMA journal_mode=WAL;');
  }
  const models = defineModels(sequelize);
  const writer = new GroupWriter(sequelize);
  const reader = dialect === 'sqlite' ? sqliteReader(url.slice('sqlite:'.length)) : postgresReader(sequelize);
  return {
    sequelize,
    dialect,
    models,
    reader,
    write: (work) => (dialect === 'sqlite' ? writer.run(work) : sequelize.transaction(work)),
    // On PostgreSQL, one named statement on a pooled client (all the INSERTs at once): no transaction to open.
    insert: (rows) => (dialect === 'sqlite' ? writer.insert(rows) : rows.length > 0 ? insertPgStatement(sequelize, rows) : Promise.resolve()),
    async close() {
      await reader.close();
      // Let queued writes finish; Sequelize closes every connection, the writer's included.
      await writer.idle();
      await writer.close();
      await sequelize.close();
    },
  };
}
