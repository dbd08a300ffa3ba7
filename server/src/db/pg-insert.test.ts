import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { UniqueConstraintError } from 'sequelize';
import { rowFor } from './insert.js';
import { createDatabase, type Database } from './database.js';
import { migrate } from './migrator.js';

// The PostgreSQL side of `db.insert`: every row of a task in one statement.
const url = process.env['TEST_DATABASE_URL'];
if (url) {
  describe('inserting rows on PostgreSQL in one statement', () => {
    const schema = `t_insert_${process.pid}`;
    let db: Database;
    const admin = async (sql: string) => {
      const client = new pg.Client(url);
      await client.connect();
      try {
        await client.query(sql);
      } finally {
        await client.end();
      }
    };
    before(async () => {
      await admin(`CREATE SCHEMA ${schema}`);
      db = await createDatabase(url, { schema });
      await migrate(db.sequelize);
      await db.models.Org.create({ id: 'o', orgId: 'o', nameFa: 'س', nameEn: 'O', settings: '{}', createdAt: new Date() });
    });
    after(async () => {
      await db.close();
      await admin(`DROP SCHEMA ${schema} CASCADE`);
    });

    const citizen = (id: string, phone = `+98${id}`) => rowFor(db.models.Citizen, { id, orgId: 'o', phone, createdAt: new Date() });
    const session = (id: string, citizenId: string) =>
      rowFor(db.models.Session, { id: `s${id}`, orgId: 'o', tokenHash: `h${id}`, citizenId, expiresAt: new Date(), lastSeenAt: new Date(), createdAt: new Date() });

    it('should write a row and the rows that point at it together', async () => {
      await db.insert([citizen('9120000001'), session('1', '9120000001'), session('2', '9120000001')]);
      assert.equal(await db.models.Session.count({ where: { citizenId: '9120000001' } }), 2);
    });

    it('should write none of the rows when one is refused, and say which constraint as Sequelize would', async () => {
      await db.insert([citizen('9120000002', '+989120000002')]);
      // The second citizen repeats the first one's phone: its session must not stay behind either.
      await assert.rejects(db.insert([citizen('9120000003', '+989120000002'), session('3', '9120000003')]), UniqueConstraintError);
      assert.equal(await db.models.Citizen.count({ where: { id: '9120000003' } }), 0);
      assert.equal(await db.models.Session.count({ where: { id: 's3' } }), 0);
    });

    it('should still write everything, in a transaction, when the rows pass the parameter limit of one statement', async () => {
      const ids = Array.from({ length: 8_000 }, (_, i) => String(7_000_000_000 + i));
      await db.insert(ids.flatMap((id) => [citizen(id), session(id, id)]));
      assert.equal(await db.models.Session.count({ where: { citizenId: ids } }), ids.length);
      // All or none there too.
      await assert.rejects(db.insert([...ids.slice(0, 5).map((id) => citizen(`${id}9`)), citizen('9120000005', `+98${ids[0]!}`)]), UniqueConstraintError);
      assert.equal(await db.models.Citizen.count({ where: { id: ids.slice(0, 5).map((id) => `${id}9`) } }), 0);
    });
  });
}
