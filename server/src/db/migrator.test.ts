import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import pg from 'pg';
import { buffer } from 'node:stream/consumers';
import { SequelizeStorage, Umzug } from 'umzug';
import { migrations } from '../migrations/index.js';
import { DatabaseStore } from '../storage/database-store.js';
import { FileStores } from '../storage/stores.js';
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

  it('should keep a file stored in its row before the stores readable, and let later rows hold only metadata', async () => {
    const { db, close } = await emptyDatabase();
    try {
      const context = db.sequelize.getQueryInterface();
      const umzug = new Umzug({ migrations, context, storage: new SequelizeStorage({ sequelize: db.sequelize }), logger: undefined });
      await umzug.up({ to: '0008-webhook-deliveries' });
      const content = Buffer.from('%PDF-1.4 kept in its row');
      await db.sequelize.query(
        `INSERT INTO "files" ("id", "orgId", "requestId", "role", "name", "storageName", "type", "size", "sha256", "content", "createdAt")
         VALUES ('f1', 'org', 'r1', 'body', 'a.pdf', 'f1.bin', 'application/pdf', ?, 'x', ?, ?)`,
        { replacements: [content.length, content, new Date()] },
      );
      await migrate(db.sequelize);
      const row = await db.models.File.findOne({ where: { orgId: 'org', id: 'f1' } });
      assert.equal(row?.store, 'database');
      const read = await new DatabaseStore(db).get(FileStores.refOf(row!));
      assert.ok((await buffer(read)).equals(content));
      const key = `org/${'0'.repeat(8)}-0000-0000-0000-${'0'.repeat(12)}`;
      await db.models.File.create({ id: 'f2', orgId: 'org', requestId: 'r1', role: 'body', name: 'b.pdf', storageName: key, store: 's3', type: 'application/pdf', size: 1, sha256: 'y', content: null, createdAt: new Date() });
      assert.equal((await db.models.File.findOne({ where: { orgId: 'org', id: 'f2' } }))?.storageName, key);
    } finally {
      await close();
    }
  });
});
