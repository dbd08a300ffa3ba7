import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { UniqueConstraintError } from 'sequelize';
import { createDatabase } from './database.js';
import { assertSequelizeVersion, runSql, sequelizeVersion, transactionConnection } from './sqlite-internals.js';

describe('assertSequelizeVersion()', () => {
  it('should accept the installed Sequelize, which is the pinned one', () => {
    assert.doesNotThrow(() => assertSequelizeVersion());
  });

  it('should refuse to start on another version, naming both', () => {
    assert.throws(() => assertSequelizeVersion('6.38.0'), new RegExp(`6\\.38\\.0 is installed.*written for ${sequelizeVersion.replace(/\./g, '\\.')}`));
  });
});

describe('the SQLite writer connection', () => {
  it('should run raw statements in the transaction and raise unique violations as UniqueConstraintError', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cc-internals-'));
    const db = await createDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    try {
      await db.sequelize.query('CREATE TABLE "t" ("id" TEXT PRIMARY KEY)');
      await db.write((transaction) => runSql(transactionConnection(transaction), 'INSERT INTO "t" ("id") VALUES (?)', ['a']));
      await assert.rejects(
        db.write((transaction) => runSql(transactionConnection(transaction), 'INSERT INTO "t" ("id") VALUES (?)', ['a'])),
        (error) => error instanceof UniqueConstraintError,
      );
      const rows = await db.sequelize.query('SELECT "id" FROM "t"', { type: 'SELECT' });
      assert.deepEqual(rows, [{ id: 'a' }]);
      // The pragmas reached the shared connection.
      const [pragma] = await db.sequelize.query('PRAGMA foreign_keys', { type: 'SELECT' });
      assert.deepEqual(pragma, { foreign_keys: 1 });
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('should say clearly when a transaction no longer carries a sqlite3 connection', () => {
    assert.throws(() => transactionConnection({} as never), /no longer exposes its sqlite3 connection/);
  });
});
