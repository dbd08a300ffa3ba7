import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { QueryTypes } from 'sequelize';
import { filesListIndex } from '../migrations/0014-removed-files-listed.js';
import { createDatabase, type Database } from './database.js';
import { migrate } from './migrator.js';
import { citizenListQuery } from './request-queries.js';
import { numberPlaceholders } from './sql-text.js';

const pgUrl = process.env['TEST_DATABASE_URL'] || null;

describe("the citizen list's query plan", () => {
  let dir: string;
  let db: Database;
  const schema = `plan_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = async (sql: string) => {
    if (!pgUrl) return;
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-plan-'));
    await admin(`CREATE SCHEMA ${schema}`);
    db = await createDatabase(pgUrl ?? `sqlite:${join(dir, 'db.sqlite')}`, pgUrl ? { schema } : {});
    await migrate(db.sequelize);
  });
  after(async () => {
    await db.close();
    await admin(`DROP SCHEMA ${schema} CASCADE`);
    await rm(dir, { recursive: true, force: true });
  });

  const query = (after: { createdAt: Date; id: string } | null, trackingCode: string | null = null) =>
    citizenListQuery(db, { orgId: 'o', citizenId: 'c', trackingCode, after, limit: 21 });

  for (const [name, after, code] of [
    ['first page', null, null],
    ['a later page', { createdAt: new Date('2026-11-01T00:00:00Z'), id: 'm' }, null],
    ['a tracking code', null, '1234567890'],
  ] as const) {
    it(`should walk the requests by index and read the body file from the covering index alone (${name})`, async () => {
      const { sql, values } = query(after, code);
      if (db.dialect === 'sqlite') {
        const plan = await db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, { replacements: values, type: QueryTypes.SELECT });
        const lines = plan.map((row) => row.detail);
        assert.ok(lines.some((line) => line.includes(`f USING COVERING INDEX ${filesListIndex}`)), lines.join('\n'));
        assert.ok(lines.some((line) => /SEARCH r USING INDEX requests_org_id_(citizen_id_created_at_id|tracking_code)/.test(line)), lines.join('\n'));
        assert.ok(!lines.some((line) => /^SCAN|TEMP B-TREE/.test(line) && !line.includes('USING')), lines.join('\n'));
        return;
      }
      // Empty tables make a sequential scan cheapest: forbid it to see which index answers.
      const plan = await db.sequelize.transaction(async (transaction) => {
        await db.sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
        return db.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${numberPlaceholders(sql)}`, { bind: values, type: QueryTypes.SELECT, transaction });
      });
      const text = plan.map((row) => row['QUERY PLAN']).join('\n');
      assert.match(text, new RegExp(`Index Only Scan using ${filesListIndex} on files f`));
      // Which of the requests' indexes wins depends on statistics an empty table lacks; that one does is what holds.
      assert.match(text, /Index (Only )?Scan( Backward)? using requests_\w+ on requests r/);
    });
  }
});
