import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CitizenRequest, StaffClient, StaffRequest } from '@citizen-counter/sdk';
import { QueryTypes } from 'sequelize';
import { searchCondition } from '../db/search-index.js';
import * as searchMigration from '../migrations/0006-search.js';
import { file, pdfBytes } from '../test-support/files.js';
import { e164, type TestCitizen, useTestServer } from '../test-support/test-server.js';

const persianDigits = (text: string) => text.replace(/[0-9]/g, (digit) => String.fromCharCode(0x06f0 + Number(digit)));

describe('staff search', () => {
  const server = useTestServer();
  let staff: StaffClient;
  let citizen: TestCitizen;
  const submit = (subject: string, fullName = 'سارا احمدی', unitId = server().unitId, who = citizen) =>
    who.client.submitRequest({ fullName, subject, unitId, body: file(pdfBytes(subject), 'a.pdf') });
  const ids = async (q: string, client = staff) => (await client.listRequests({ q, limit: 100 })).items.map((item) => item.id);
  const finds = async (q: string, request: CitizenRequest, client = staff) => assert.ok((await ids(q, client)).includes(request.id), `"${q}" should find ${request.subject}`);
  const misses = async (q: string, request: CitizenRequest, client = staff) => assert.ok(!(await ids(q, client)).includes(request.id), `"${q}" should not find ${request.subject}`);

  before(async () => {
    staff = await server().staff();
    citizen = await server().login();
  });

  it('should find Arabic yeh and kaf with Persian letters and the reverse', async () => {
    const arabic = await submit('درخواست مجوز', 'علي كريمي');
    const persian = await submit('پروانه کسب یکتای نخست', 'مریم رضایی');
    await finds('کریمی', arabic);
    await finds('علی کریمی', arabic);
    await finds('كسب', persian);
    await finds('يكتاي', persian);
    await misses('کریمی', persian);
  });

  it('should ignore ZWNJ, tatweel, ۀ and diacritics on both sides', async () => {
    const request = await submit('می‌خواهم مجـــوز خانۀ سالمندان را تمدید کنم');
    await finds('میخواهم', request);
    await finds('می‌خواهم', request);
    await finds('مجوز', request);
    await finds('مجــوز', request);
    await finds('خانه سالمندان', request);
    await finds('تَمدید', request);
  });

  it('should require every word, in any order', async () => {
    const request = await submit('گواهی اشتغال به تحصیل', 'حسین موسوی');
    await finds('موسوی اشتغال', request);
    await finds('تحصیل گواهی', request);
    await misses('موسوی ازدواج', request);
  });

  it('should find a Latin-digit tracking code by its Persian and Arabic-Indic digits', async () => {
    const request = await submit('استعلام');
    assert.match(request.trackingCode, /^\d+$/);
    await finds(request.trackingCode, request);
    await finds(persianDigits(request.trackingCode), request);
    await finds(request.trackingCode.replace(/[0-9]/g, (digit) => String.fromCharCode(0x0660 + Number(digit))), request);
    await finds(persianDigits(request.trackingCode.slice(2, 8)), request);
  });

  it("should find the citizen's requests by phone, national or international, in groups or Persian digits", async () => {
    const other = await server().login();
    const mine = await submit('تقاضای ملاقات');
    const theirs = await submit('تقاضای ملاقات', 'کاربر دیگر', server().unitId, other);
    const phone = citizen.phone;
    // Whole numbers are looked up exactly, parts (the last seven digits) in the search text.
    for (const q of [phone, e164(phone), persianDigits(phone), `${phone.slice(0, 4)} ${phone.slice(4, 7)} ${phone.slice(7)}`, `00${e164(phone).slice(1)}`, phone.slice(1), phone.slice(4)]) {
      await finds(q, mine);
      await misses(q, theirs);
    }
    const page = await staff.listRequests({ q: e164(phone), limit: 100 });
    assert.ok(page.items.every((item) => item.citizenPhone === e164(phone)));
  });

  it('should find a letter number once approved, its digits in either script, and a short one exactly', async () => {
    const request = await submit('ثبت نامه');
    await misses('ش/۴۵۶۷', request);
    await staff.approve(request.id, { letterNumber: 'ش/۴۵۶۷/الف' });
    await finds('ش/۴۵۶۷', request);
    await finds('4567', request);
    await finds('ش/۴۵۶۷/الف', request);
    const short = await submit('نامه کوتاه');
    await staff.approve(short.id, { letterNumber: '۷۳' });
    await finds('73', short);
    await finds('۷۳', short);
    await misses('7', short);
  });

  it('should take %, _, quotes and backslashes literally', async () => {
    const percent = await submit('تخفیف 50% برای بازنشستگان');
    const underscore = await submit('کد_ملی جدید');
    await finds('50%', percent);
    await misses('5_%', percent);
    await misses('%%%', percent);
    await finds('کد_ملی', underscore);
    await misses('کد%ملی', underscore);
    await misses('کدxملی', underscore);
    for (const q of ['"', '""x', 'a"b OR c', '\\', '\\%', '$1', ':name', 'NEAR(a b)', '*', "'; --"]) {
      const page = await staff.listRequests({ q });
      assert.ok(Array.isArray(page.items), q);
    }
  });

  it("should show a handler only their units' matches", async () => {
    const unit = await server().admin.addUnit(server().org.id, { name: { fa: 'واحد شکایات', en: 'Complaints' } });
    const handler = await server().staffMember({ role: 'handler', unitIds: [unit.id] });
    const theirs = await submit('شکایت زمرّدین', 'نام', unit.id);
    const elsewhere = await submit('شکایت زمرّدین');
    await finds('زمردین', theirs, handler.client);
    await misses('زمردین', elsewhere, handler.client);
    await misses(elsewhere.trackingCode, elsewhere, handler.client);
    await finds('زمردین', elsewhere);
  });

  it('should fill the search text of older rows in the migration and search them', async () => {
    const request = await submit('پرونده قدیمی بازیابی');
    const { db } = server().app;
    await db.sequelize.query('UPDATE "requests" SET "searchText" = NULL WHERE "id" = ?', { replacements: [request.id] });
    await misses('بازیابی', request);
    const context = db.sequelize.getQueryInterface();
    await searchMigration.down({ context });
    await searchMigration.up({ context });
    await finds('بازیابی', request);
    await finds(citizen.phone, request);
  });

  it('should answer a search from the index (EXPLAIN)', async () => {
    await submit('نامه خانم کریمی');
    const { db } = server().app;
    const condition = await searchCondition(db, { orgId: server().org.id, q: 'کریمی' });
    assert.ok(condition);
    let sql = '';
    await db.models.Request.findAll({ where: condition, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: 21, logging: (text: string) => (sql = text) });
    sql = sql.replace(/^Executing \([^)]*\): /, '');
    if (db.dialect === 'sqlite') {
      const plan = (await db.sequelize.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`, { type: QueryTypes.SELECT })).map((step) => step.detail).join('\n');
      assert.match(plan, /SCAN requests_search VIRTUAL TABLE/, plan);
      // The matches drive: each is looked up by rowid, not found by walking the org's requests.
      assert.match(plan, /SEARCH Request USING INTEGER PRIMARY KEY \(rowid=\?\)/, plan);
    } else {
      // Twenty thousand more rows (copies of one with other search texts) and fresh statistics, so
      // that the planner weighs the trigram index against reading the org's rows; sequential scans off.
      const [model] = await db.sequelize.query<{ id: string }>('SELECT "id" FROM "requests" LIMIT 1', { type: QueryTypes.SELECT });
      const columns = Object.keys(db.models.Request.getAttributes()).filter((name) => !['id', 'trackingCode', 'searchText'].includes(name));
      const list = columns.map((name) => `"${name}"`).join(', ');
      await db.sequelize.query(
        `INSERT INTO "requests" ("id", "trackingCode", "searchText", ${list})
         SELECT 'copy-' || g, 'c' || g, md5(g::text), ${list} FROM "requests", generate_series(1, 20000) AS g WHERE "id" = ?`,
        { replacements: [model!.id] },
      );
      await db.sequelize.query('ANALYZE "requests"');
      const plan = await db.sequelize.transaction(async (transaction) => {
        await db.sequelize.query('SET LOCAL enable_seqscan = off', { transaction });
        return db.sequelize.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql}`, { type: QueryTypes.SELECT, transaction });
      });
      const text = plan.map((line) => line['QUERY PLAN']).join('\n');
      assert.match(text, /Bitmap Index Scan on requests_search_text_trgm/, text);
    }
  });

  it('should return every item as staff see it', async () => {
    const request = await submit('فهرست کامل جستجو');
    const [found] = (await staff.listRequests({ q: 'فهرست کامل' })).items as [StaffRequest];
    assert.equal(found.id, request.id);
    assert.equal(found.citizenPhone, e164(citizen.phone));
  });
});

describe('queue counts', () => {
  const server = useTestServer();

  it('should count per status, per unit, open, at the secretariat and by due date, scoped like the list', async () => {
    const admin = await server().staff();
    const citizen = await server().login();
    const main = server().unitId;
    const complaints = (await server().admin.addUnit(server().org.id, { name: { fa: 'واحد شکایات', en: 'Complaints' } })).id;
    const handler = (await server().staffMember({ role: 'handler', unitIds: [complaints] })).client;
    const submit = (unitId: string) => citizen.client.submitRequest({ fullName: 'سارا احمدی', subject: 'شمارش', unitId, body: file(pdfBytes('count'), 'a.pdf') });
    const [a, b, c, d, e, f] = [await submit(main), await submit(main), await submit(complaints), await submit(complaints), await submit(main), await submit(complaints)] as CitizenRequest[] as [
      CitizenRequest, CitizenRequest, CitizenRequest, CitizenRequest, CitizenRequest, CitizenRequest,
    ];
    await admin.reject(b.id, { reason: 'ناقص' });
    await admin.approve(e.id);
    await admin.requestDocuments(d.id, { message: 'کپی شناسنامه' });
    await handler.returnToSecretariat(c.id);

    const all = await admin.counts();
    assert.deepEqual(all.byStatus, { under_review: 3, needs_documents: 1, approved: 1, rejected: 1 });
    const byUnit = (counts: typeof all) => Object.fromEntries(counts.byUnit.map((entry) => [entry.unitId ?? 'secretariat', entry.open]));
    assert.deepEqual(byUnit(all), { [main]: 1, [complaints]: 2, secretariat: 1 });
    assert.deepEqual(all.queues, { open: 4, secretariat: 1, overdue: 0, due_today: 0, needs_documents: 1 });

    const theirs = await handler.counts();
    assert.deepEqual(theirs.byStatus, { under_review: 1, needs_documents: 1, approved: 0, rejected: 0 });
    assert.deepEqual(byUnit(theirs), { [complaints]: 2 });
    assert.deepEqual(theirs.queues, { open: 2, secretariat: 0, overdue: 0, due_today: 0, needs_documents: 1 });

    // To the due day of the three under review (all sent today, 10 working days), then one day on.
    const { dueDate } = await admin.getRequest(a.id);
    assert.ok(dueDate);
    for (const request of [c, f]) assert.equal((await admin.getRequest(request.id)).dueDate, dueDate);
    const { clock } = server();
    clock.advance(Date.parse(`${dueDate}T06:00:00Z`) - clock.now().getTime());
    const dueToday = await admin.counts();
    assert.deepEqual({ overdue: dueToday.queues.overdue, due_today: dueToday.queues.due_today }, { overdue: 0, due_today: 3 });
    assert.equal((await admin.listRequests({ queue: 'due_today' })).items.length, 3);
    clock.advance(24 * 3600 * 1000);
    const late = await admin.counts();
    assert.deepEqual({ overdue: late.queues.overdue, due_today: late.queues.due_today }, { overdue: 3, due_today: 0 });
    assert.equal((await admin.listRequests({ queue: 'overdue' })).items.length, 3);
    await admin.approve(f.id);
    assert.equal((await admin.counts()).queues.overdue, 2);
  });
});
