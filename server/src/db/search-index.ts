import { Op, literal, type WhereOptions } from 'sequelize';
import type { RequestRow } from '../models/index.js';
import { likePattern, minTermLength, readSearchQuery } from '../lib/search-text.js';
import type { Database } from './database.js';

/** The FTS5 trigram table over `requests.searchText` on SQLite (migration 0006). */
export const sqliteSearchTable = 'requests_search';

/** The `pg_trgm` GIN index over `requests.searchText` on PostgreSQL (migration 0006). */
export const trigramIndex = 'requests_search_text_trgm';

// Whether the FTS5 table exists, per database: the migration skips it on an SQLite without trigrams.
const ftsPresent = new WeakMap<Database, Promise<boolean>>();

/**
 * Up to this many FTS matches, SQLite is made to start from them (a rowid lookup each, then a
 * sort); beyond, it walks the org's requests newest first and stops at the page's end, which is
 * quick when matches are that common. Either way the cost stays bounded as the table grows.
 */
const drivingLimit = 2000;

/**
 * The condition of a staff query on an org's `requests` (as Sequelize aliases it, `"Request"`),
 * the org's own condition included, or `null` when the query holds nothing to search for. The
 * query is folded like the search text and split into terms that must all occur in it,
 * wildcards and quotes taken literally:
 * - on SQLite, terms of three characters or more are looked up in the FTS5 trigram table, and
 *   every term is checked with `LIKE` on the rows it found (so no candidate is ever wrong);
 * - on PostgreSQL, `LIKE` per term, which the `pg_trgm` GIN index answers;
 * - a whole phone number (`09…`, `+98…`) matches its citizen's requests and ten digits a tracking
 *   code too, exactly (digits make poor trigrams: every row holds `091` and `+98`);
 * - a query with no term that long (`۱۲`) matches a tracking code or letter number exactly.
 *
 * SQLite without statistics takes `orgId = ?` for a handful of rows and would rather walk the
 * org's newest-first index than look the matches up; where the matches should drive, the org is
 * compared as `+orgId` (unary plus: the same test, not usable by an index) so that they do.
 */
export async function searchCondition(db: Database, params: { orgId: string; q: string }): Promise<WhereOptions<RequestRow> | null> {
  const { orgId } = params;
  const query = readSearchQuery(params.q);
  if (!query) return null;
  const sqlite = db.dialect === 'sqlite';
  const escape = (value: string) => db.sequelize.escape(value);
  const orgDriven = literal(`+"Request"."orgId" = ${escape(orgId)}`);
  const long = query.terms.filter((term) => [...term].length >= minTermLength);
  // A whole phone or tracking code, or a short query (a code or letter number): exact lookups.
  const exact: [string, string[]][] = [];
  if (query.number) {
    const { phone, trackingCode } = query.number;
    if (trackingCode) exact.push(['trackingCode', [escape(trackingCode)]]);
    if (phone) exact.push(['citizenId', [`SELECT "id" FROM "citizens" WHERE "orgId" = ${escape(orgId)} AND "phone" = ${escape(phone)}`]]);
  } else if (long.length === 0) {
    exact.push(['trackingCode', query.exact.map(escape)], ['letterNumber', query.exact.map(escape)]);
  }
  if (exact.length > 0) {
    const selects = exact.map(([column, values]) => `SELECT rowid FROM "requests" WHERE "orgId" = ${escape(orgId)} AND "${column}" IN (${values.join(', ')})`);
    if (sqlite) return { [Op.and]: [orgDriven, literal(`"Request"."rowid" IN (${selects.join(' UNION ALL ')})`)] };
    return { orgId, [Op.or]: exact.map(([column, values]) => literal(`"Request"."${column}" IN (${values.join(', ')})`)) };
  }
  const likes = query.terms.map((term) => literal(`"Request"."searchText" LIKE ${escape(likePattern(term))} ESCAPE '\\'`));
  if (!sqlite || !(await hasFtsTable(db))) return { [Op.and]: [{ orgId }, ...likes] };
  const match = long.map(ftsPhrase).join(' AND ');
  const candidates = literal(`"Request"."rowid" IN (SELECT rowid FROM "${sqliteSearchTable}" WHERE "${sqliteSearchTable}" MATCH ${escape(match)})`);
  const selective = (await ftsCount(db, match)) <= drivingLimit;
  return { [Op.and]: [selective ? orgDriven : { orgId }, candidates, ...likes] };
}

/** How many rows the FTS table matches, counted up to one past {@link drivingLimit}. */
async function ftsCount(db: Database, match: string): Promise<number> {
  const [row] = await db.reader.all<{ n: number }>(
    `SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "${sqliteSearchTable}" WHERE "${sqliteSearchTable}" MATCH ? LIMIT ${drivingLimit + 1})`,
    [match],
  );
  return Number(row?.n ?? 0);
}

/** An FTS5 phrase: in double quotes, nothing inside is an operator. */
function ftsPhrase(term: string): string {
  return `"${term.replaceAll('"', '""')}"`;
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
