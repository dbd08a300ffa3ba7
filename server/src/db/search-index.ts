import { Op, literal, type WhereOptions } from 'sequelize';
import type { RequestRow } from '../models/index.js';
import { likePattern, minTermLength, readSearchQuery, type SearchQuery } from '../lib/search-text.js';
import type { Database } from './database.js';

/** The FTS5 trigram table over `requests.searchText` on SQLite (migration 0006). */
export const sqliteSearchTable = 'requests_search';

/** The `pg_trgm` GIN index over `requests.searchText` on PostgreSQL (migration 0006). */
export const trigramIndex = 'requests_search_text_trgm';

// Whether the FTS5 table exists, per database: the migration skips it on an SQLite without trigrams.
const ftsPresent = new WeakMap<Database, Promise<boolean>>();

/**
 * The condition of a staff query on `requests` (as Sequelize aliases it, `"Request"`), or `null`
 * when the query holds nothing to search for. The query is folded like the search text and split
 * into terms that must all occur in it, wildcards and quotes taken literally:
 * - on SQLite, terms of three characters or more are looked up in the FTS5 trigram table, and
 *   every term is checked with `LIKE` on the rows it found (so no candidate is ever wrong);
 * - on PostgreSQL, `LIKE` per term, which the `pg_trgm` GIN index answers;
 * - a query with no term that long (`۱۲`) matches a tracking code or letter number exactly.
 */
export async function searchCondition(db: Database, q: string): Promise<WhereOptions<RequestRow> | null> {
  const query = readSearchQuery(q);
  if (!query) return null;
  const long = query.terms.filter((term) => [...term].length >= minTermLength);
  if (long.length === 0) return exactCondition(query);
  const likes = query.terms.map((term) => literal(`"Request"."searchText" LIKE ${db.sequelize.escape(likePattern(term))} ESCAPE '\\'`));
  if (db.dialect === 'sqlite' && (await hasFtsTable(db))) {
    const match = db.sequelize.escape(long.map(ftsPhrase).join(' AND '));
    const candidates = literal(`"Request"."rowid" IN (SELECT rowid FROM "${sqliteSearchTable}" WHERE "${sqliteSearchTable}" MATCH ${match})`);
    return { [Op.and]: [candidates, ...likes] };
  }
  return { [Op.and]: likes };
}

/** An FTS5 phrase: in double quotes, nothing inside is an operator. */
function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
}

function exactCondition(query: SearchQuery): WhereOptions<RequestRow> {
  return { [Op.or]: [{ trackingCode: query.exact }, { letterNumber: query.exact }] };
}

function hasFtsTable(db: Database): Promise<boolean> {
  let present = ftsPresent.get(db);
  if (!present) {
    present = db.reader
      .all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?", [sqliteSearchTable])
      .then((rows) => rows.length > 0);
    ftsPresent.set(db, present);
  }
  return present;
}

/** The E.164 phone of a citizen of the org, or `null`. */
export async function citizenPhone(db: Database, orgId: string, citizenId: string): Promise<string | null> {
  const [row] = await db.reader.all<{ phone: string }>('SELECT "phone" FROM "citizens" WHERE "orgId" = ? AND "id" = ?', [orgId, citizenId]);
  return row?.phone ?? null;
}
