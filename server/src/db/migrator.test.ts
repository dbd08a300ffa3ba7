import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { migrations } from '../migrations/index.js';
import { createDatabase } from './database.js';
import { migrate, rollbackAll } from './migrator.js';

/** A fresh empty database: a temp SQLite file, or a new schema of TEST_DATABASE_URL. */
async function emptyDatabase() {
  const pgUrl = process.env['TEST_DATABASE_URL'] || null;
  const dir = await mkdtemp(join(tmpdir(), 'cc-migrate-'));
  const schema = `m_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    if (!pgUrl) return;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const db = await createDatabase(pgUrl ?? `sqlite:${join(dir, 'db.sqlite')}`, pgUrl ? { schema } : {});
  return {
    db,
    async close() {
      await db.close();
      await admin(`DROP SCHEMA ${schema} CASCADE`);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

describe('migrations', () => {
  it('should apply every migration, revert them all, and apply them again', async () => {
    const { db, close } = await emptyDatabase();
    try {
      const names = migrations.map((migration) => migration.name);
      assert.deepEqual(await migrate(db.sequelize), names);
      assert.deepEqual(await migrate(db.sequelize), []);
      assert.deepEqual(await rollbackAll(db.sequelize), [...names].reverse());
      assert.deepEqual(await migrate(db.sequelize), names);
      // The last migration's columns are there after the second run.
      const rows = await db.sequelize.query('SELECT "version", "currentUnitId", "searchText" FROM "requests"', { type: 'SELECT' });
      assert.deepEqual(rows, []);
    } finally {
      await close();
    }
  });
});
