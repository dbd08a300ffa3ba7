// @ts-check
// Bulk seeding for the staff-search measurement: requests with Persian names and subjects, a mix
// of statuses, letter numbers on the approved ones, one citizen (with a phone) per ten requests,
// and the folded search text the server would write, each with its body file described as the
// filesystem store leaves it (contents not written: no measurement reads them) — straight into the server's own tables of
// one org, on SQLite (recursive CTE) or PostgreSQL (generate_series), a statement per table.
// The words are written already folded (ی and ک, no ZWNJ, no آ), so the search text is their
// plain concatenation in the server's order: subject, name, tracking code, letter number, phone
// in E.164 and national form.
import { fakeSha256, open } from './seed.mjs';

const first = ['علی', 'محمد', 'حسین', 'رضا', 'مهدی', 'مریم', 'زهرا', 'فاطمه', 'سارا', 'نرگس', 'امیر', 'حمید', 'سعید', 'مجید', 'نسرین', 'لیلا', 'پریسا', 'کاوه', 'بهرام', 'شیرین'];
const last = [
  'احمدی', 'رضایی', 'محمدی', 'حسینی', 'کریمی', 'موسوی', 'جعفری', 'قاسمی', 'صادقی', 'رحیمی', 'عباسی', 'نوری', 'طاهری', 'کاظمی', 'فرهادی', 'شریفی', 'یوسفی',
  'بهرامی', 'اکبری', 'مرادی', 'ملکی', 'سلطانی', 'نجفی', 'حیدری', 'باقری', 'تقوی', 'زارعی', 'سبحانی', 'امینی', 'فتحی', 'رستمی', 'کامرانی', 'نیکنام', 'پاکزاد',
  'روحانی', 'شجاعی', 'عسگری', 'فلاحی', 'قربانی', 'گودرزی', 'لطفی', 'مختاری', 'نادری', 'هاشمی', 'وحیدی', 'یزدانی', 'دهقانی', 'خسروی', 'ثابتی', 'چراغی',
];
const kinds = [
  'درخواست مجوز', 'پروانه کسب', 'گواهی اشتغال', 'استعلام بدهی', 'شکایت از همسایه', 'تمدید قرارداد', 'ثبت نام', 'بازدید ملک', 'پرداخت عوارض', 'تعمیر معابر',
  'نصب تابلو', 'صدور گواهی', 'تغییر کاربری', 'پیشنهاد طرح', 'اعتراض به جریمه', 'قطع درخت', 'جمع زباله', 'روشنایی معبر', 'ترمیم جدول', 'مجوز حفاری',
  'پسماند ساختمانی', 'فضای سبز', 'حمل و نقل', 'ایستگاه اتوبوس', 'پارک محله', 'سد معبر', 'ساخت و ساز', 'بیمه کارکنان', 'حقوق معوقه', 'وام مسکن',
];

/** Words of the seeded data, for queries: `first[n % 20]`, `last[(n / 20) % 50]`, `kinds[n % 30]`. */
export const words = { first, last, kinds };

/** How a seeded row's values are made from its number `n` (1-based); every tenth is approved, with a letter number. */
export const seeded = {
  /** @param {number} n */
  trackingCode: (n) => `7${String(n).padStart(9, '0')}`,
  /** @param {number} n the citizen of request n is n / 10 */
  phone: (n) => `+98935${String(Math.floor(n / 10)).padStart(7, '0')}`,
  /** @param {number} n */
  nationalPhone: (n) => `0935${String(Math.floor(n / 10)).padStart(7, '0')}`,
  /** @param {number} n only when n % 10 === 7 */
  letterNumber: (n) => `${String(n).padStart(6, '0')}/1404`,
  /** @param {number} n */
  fullName: (n) => `${first[n % 20]} ${last[Math.floor(n / 20) % 50]}`,
};

/** @param {string[]} list @param {string} index an SQL integer expression */
const pick = (list, index) => `CASE ${index} ${list.map((word, i) => `WHEN ${i} THEN '${word}'`).join(' ')} END`;

/** @typedef {'sqlite' | 'postgres'} Dialect */

/**
 * The INSERT … SELECT statements that add requests `1..total` of `orgId` (ids `srch-…`).
 * @param {Dialect} dialect
 * @param {{ orgId: string, unitId: string, total: number, extra: Record<string, Record<string, string>> }} options
 *   `extra`: per table, values for required columns the seeding does not know (added by later migrations)
 */
export function seedStatements(dialect, { orgId, unitId, total, extra }) {
  const sqlite = dialect === 'sqlite';
  /** @param {string} expr @param {number} width */
  const pad = (expr, width) => (sqlite ? `printf('%0${width}d', ${expr})` : `lpad(CAST(${expr} AS TEXT), ${width}, '0')`);
  const numbers = sqlite ? `WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < ${total})` : `WITH c(n) AS (SELECT generate_series(1, ${total}))`;
  const at = (/** @type {string} */ n) => (sqlite ? `strftime('%Y-%m-%d %H:%M:%f +00:00', '2020-01-01', '+' || ${n} || ' seconds')` : `TIMESTAMPTZ '2020-01-01 00:00:00+00' + ${n} * INTERVAL '1 second'`);
  const text = (/** @type {string} */ n) => `CAST(${n} AS TEXT)`;
  const org = `'${orgId}'`;
  const approved = 'n % 10 = 7';
  const values = {
    subject: `${pick(kinds, 'n % 30')} || ' منطقه ' || ${text('(n / 30) % 40 + 1')}`,
    fullName: `${pick(first, 'n % 20')} || ' ' || ${pick(last, '(n / 20) % 50')}`,
    code: `'7' || ${pad('n', 9)}`,
    letter: `CASE WHEN ${approved} THEN ${pad('n', 6)} || '/1404' ELSE NULL END`,
    phone: `'+98935' || ${pad('n / 10', 7)}`,
    national: `'0935' || ${pad('n / 10', 7)}`,
  };
  const rows = `v AS (SELECT n, ${Object.entries(values).map(([name, expr]) => `${expr} AS "${name}"`).join(', ')} FROM c)`;
  const id = `'srch-' || ${pad('n', 9)}`;
  /** @type {Record<string, Record<string, string>>} */
  const tables = {
    citizens: { id: `'srch-citizen-' || ${pad('n / 10', 7)}`, orgId: org, phone: 'phone', createdAt: at('n') },
    requests: {
      id, orgId: org, trackingCode: 'code', fullName: '"fullName"', subject: 'subject', unitId: `'${unitId}'`, currentUnitId: `'${unitId}'`,
      citizenId: `'srch-citizen-' || ${pad('n / 10', 7)}`, createdAt: at('n'), updatedAt: at('n'), dueDate: "'2020-02-01'",
      status: `CASE n % 10 WHEN 7 THEN 'approved' WHEN 8 THEN 'rejected' WHEN 9 THEN 'needs_documents' ELSE 'under_review' END`,
      letterNumber: 'letter', letterYear: `CASE WHEN ${approved} THEN 1404 ELSE NULL END`, letterDate: `CASE WHEN ${approved} THEN ${at('n')} ELSE NULL END`,
      rejectionReason: "CASE WHEN n % 10 = 8 THEN 'ناقص' ELSE NULL END", rejectedAt: `CASE WHEN n % 10 = 8 THEN ${at('n')} ELSE NULL END`,
      searchText: `subject || ' ' || "fullName" || ' ' || code || ' ' || COALESCE(letter || ' ', '') || phone || ' ' || national`,
    },
    // As the filesystem store leaves them: a ~100 KB PDF, its SHA-256 the store's key, no content in the row.
    files: {
      id: `'srch-file-' || ${pad('n', 9)}`, orgId: org, requestId: id, role: "'body'", name: `'letter-' || ${text('n')} || '.pdf'`, store: "'filesystem'",
      storageName: fakeSha256(dialect, 'n'), type: "'application/pdf'", size: '100000 + ((n % 5000) * 7919) % 5000', sha256: fakeSha256(dialect, 'n'), content: 'NULL', createdAt: at('n'),
    },
    request_events: { id: `'srch-event-' || ${pad('n', 9)}`, orgId: org, requestId: id, type: "'submitted'", note: 'NULL', createdAt: at('n') },
  };
  return Object.entries(tables).map(([table, columns]) => {
    const all = { ...(extra[table] ?? {}), ...columns };
    // One citizen per ten requests: the rows of the other nine are left out.
    const where = table === 'citizens' ? 'WHERE n % 10 = 0 OR n = 1' : '';
    return `${numbers}, ${rows} INSERT INTO "${table}" (${Object.keys(all).map((name) => `"${name}"`).join(', ')}) SELECT ${Object.values(all).join(', ')} FROM v ${where}`;
  });
}

/**
 * Seeds an org of an SQLite file (after the server's migrations ran) with `total` requests.
 * @param {string} file
 * @param {{ orgId: string, unitId: string, total: number }} options
 * @returns {Promise<number>} the milliseconds it took
 */
export async function seedSqlite(file, options) {
  const db = open(file);
  const started = Date.now();
  try {
    await db.exec('PRAGMA busy_timeout=10000; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;');
    /** @type {Record<string, Record<string, string>>} */
    const extra = {};
    for (const table of ['citizens', 'requests', 'files', 'request_events']) {
      for (const column of await db.all(`PRAGMA table_info(${table})`)) {
        if (!column.notnull || column.dflt_value !== null) continue;
        const type = String(column.type).toUpperCase();
        (extra[table] ??= {})[String(column.name)] = /INT|REAL|NUM|DEC|FLOAT|DOUBLE|BOOL/.test(type) ? '0' : /DATE|TIME/.test(type) ? "strftime('%Y-%m-%d %H:%M:%f +00:00', 'now')" : "''";
      }
    }
    for (const sql of seedStatements('sqlite', { ...options, extra })) await db.exec(`BEGIN; ${sql}; COMMIT;`);
    await db.exec('PRAGMA wal_checkpoint(TRUNCATE);');
    return Date.now() - started;
  } finally {
    await db.close();
  }
}

/**
 * Seeds an org of a PostgreSQL schema (after the server's migrations ran) with `total` requests,
 * then VACUUMs and ANALYZEs them, as autovacuum would in time: the planner knows their size and
 * index-only scans can skip the heap.
 * @param {import('pg').Client} client connected, its `search_path` the server's schema
 * @param {{ orgId: string, unitId: string, total: number, schema: string }} options
 * @returns {Promise<number>} the milliseconds it took
 */
export async function seedPostgres(client, { schema, ...options }) {
  const started = Date.now();
  /** @type {Record<string, Record<string, string>>} */
  const extra = {};
  const required = await client.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = $1 AND is_nullable = 'NO' AND column_default IS NULL AND table_name IN ('citizens', 'requests', 'files', 'request_events')`,
    [schema],
  );
  for (const { table_name: table, column_name: column, data_type: type } of required.rows) {
    (extra[table] ??= {})[column] = /int|numeric|double|real|bool/.test(type) ? (type === 'boolean' ? 'false' : '0') : /time|date/.test(type) ? 'now()' : "''";
  }
  for (const sql of seedStatements('postgres', { ...options, extra })) await client.query(sql);
  await client.query('VACUUM ANALYZE citizens, requests, files, request_events');
  return Date.now() - started;
}
