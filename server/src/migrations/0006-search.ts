import { QueryTypes, type QueryInterface } from 'sequelize';
import { sqliteSearchTable, trigramIndex } from '../db/search-index.js';
import { searchTextOf } from '../lib/search-text.js';

/**
 * Staff search (issue 7, point 9): fills `requests.searchText` for the rows that have none yet and
 * indexes it for substring search. SQLite gets an FTS5 table with the trigram tokenizer (SQLite
 * 3.34 or later) over the column as external content, kept in step by triggers: its rowids are
 * the requests' rowids, which SQLite keeps through VACUUM in practice but does not promise for a
 * table without an INTEGER PRIMARY KEY, so after a VACUUM run `INSERT INTO requests_search
 * (requests_search) VALUES ('rebuild')`; the search re-checks every candidate on the row itself
 * and never answers a wrong one. PostgreSQL gets a `pg_trgm` GIN index, the extension installed
 * into `public` so that dropping any other schema never takes it along. Where neither is
 * available the search still works, by scanning. Exact letter numbers get a plain index.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await backfill(qi);
  await qi.addIndex('requests', ['orgId', 'letterNumber']);
  if (qi.sequelize.getDialect() === 'sqlite') await createFtsTable(qi);
  else await createTrigramIndex(qi);
}

/** Drops what {@link up} added; the search texts stay (the column is 0003's). */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() === 'sqlite') {
    for (const suffix of ['ai', 'ad', 'au']) await qi.sequelize.query(`DROP TRIGGER IF EXISTS "${sqliteSearchTable}_${suffix}"`);
    await qi.sequelize.query(`DROP TABLE IF EXISTS "${sqliteSearchTable}"`);
  } else {
    await qi.sequelize.query(`DROP INDEX IF EXISTS "${trigramIndex}"`);
  }
  await qi.removeIndex('requests', ['orgId', 'letterNumber']);
}

interface BackfillRow {
  id: string;
  subject: string;
  fullName: string;
  trackingCode: string;
  letterNumber: string | null;
  phone: string | null;
}

/** Computes the search text of every request without one, a thousand rows per statement. */
async function backfill(qi: QueryInterface): Promise<void> {
  const { sequelize } = qi;
  let after = '';
  for (;;) {
    const rows = await sequelize.query<BackfillRow>(
      `SELECT r."id", r."subject", r."fullName", r."trackingCode", r."letterNumber", c."phone"
       FROM "requests" r LEFT JOIN "citizens" c ON c."orgId" = r."orgId" AND c."id" = r."citizenId"
       WHERE r."searchText" IS NULL AND r."id" > :after ORDER BY r."id" LIMIT 1000`,
      { type: QueryTypes.SELECT, replacements: { after } },
    );
    if (rows.length === 0) return;
    const cases = rows.map((row) => `WHEN ${sequelize.escape(row.id)} THEN ${sequelize.escape(searchTextOf(row))}`).join(' ');
    const ids = rows.map((row) => sequelize.escape(row.id)).join(', ');
    await sequelize.query(`UPDATE "requests" SET "searchText" = CASE "id" ${cases} END WHERE "id" IN (${ids})`);
    after = rows[rows.length - 1]!.id;
  }
}

/** The FTS5 trigram table and its triggers, when this SQLite has the trigram tokenizer. */
async function createFtsTable(qi: QueryInterface): Promise<void> {
  const { sequelize } = qi;
  const table = `"${sqliteSearchTable}"`;
  try {
    await sequelize.query(`CREATE VIRTUAL TABLE ${table} USING fts5("searchText", content='requests', content_rowid='rowid', tokenize='trigram')`);
  } catch (error) {
    // Before 3.34 there is no trigram tokenizer: the search falls back to LIKE.
    if (/tokenizer/i.test(String(error))) return;
    throw error;
  }
  await sequelize.query(`INSERT INTO ${table} (${table}) VALUES ('rebuild')`);
  const remove = `INSERT INTO ${table} (${table}, rowid, "searchText") VALUES ('delete', old.rowid, old."searchText")`;
  const add = `INSERT INTO ${table} (rowid, "searchText") VALUES (new.rowid, new."searchText")`;
  await sequelize.query(`CREATE TRIGGER "${sqliteSearchTable}_ai" AFTER INSERT ON "requests" BEGIN ${add}; END`);
  await sequelize.query(`CREATE TRIGGER "${sqliteSearchTable}_ad" AFTER DELETE ON "requests" BEGIN ${remove}; END`);
  await sequelize.query(`CREATE TRIGGER "${sqliteSearchTable}_au" AFTER UPDATE OF "searchText" ON "requests" BEGIN ${remove}; ${add}; END`);
}

/** `pg_trgm` and a GIN index over the search text, when the extension can be had. */
async function createTrigramIndex(qi: QueryInterface): Promise<void> {
  const { sequelize } = qi;
  const schemaOf = async () => {
    const [found] = await sequelize.query<{ schema: string }>(
      "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pg_trgm'",
      { type: QueryTypes.SELECT },
    );
    return found?.schema ?? null;
  };
  let schema = await schemaOf();
  if (!schema) {
    // Another process may install it at the same moment (a unique violation): look again.
    await sequelize.query('CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public').catch(() => undefined);
    schema = await schemaOf();
  }
  // Without the extension (no rights to install it) the search scans; nothing else changes.
  if (!schema) return;
  await sequelize.query(`CREATE INDEX "${trigramIndex}" ON "requests" USING gin ("searchText" "${schema}".gin_trgm_ops)`);
}
