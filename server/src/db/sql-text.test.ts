import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberPlaceholders, sqliteDate, toDate, toDateOrNull } from './sql-text.js';

describe('numberPlaceholders(sql)', () => {
  it('should number every ? in order', () => {
    assert.equal(
      numberPlaceholders('SELECT "id" FROM "requests" WHERE "orgId" = ? AND "createdAt" < ? LIMIT ?'),
      'SELECT "id" FROM "requests" WHERE "orgId" = $1 AND "createdAt" < $2 LIMIT $3',
    );
  });

  it('should leave quoted text without ? alone', () => {
    assert.equal(numberPlaceholders(`SELECT 'a,b' AS "x" WHERE "y" = ?`), `SELECT 'a,b' AS "x" WHERE "y" = $1`);
  });

  it('should refuse a ? inside a string or an identifier', () => {
    assert.throws(() => numberPlaceholders(`SELECT 'why?' WHERE "a" = ?`), /inside quotes/);
    assert.throws(() => numberPlaceholders(`SELECT "odd?name" FROM "t"`), /inside quotes/);
  });

  it('should refuse an unclosed quote', () => {
    assert.throws(() => numberPlaceholders(`SELECT 'open WHERE "a" = 1`), /unclosed/);
  });
});

describe('sqliteDate(date) and toDate(value)', () => {
  it('should write the text form Sequelize stores in SQLite', () => {
    assert.equal(sqliteDate(new Date('2026-11-22T10:15:00.123Z')), '2026-11-22 10:15:00.123 +00:00');
  });

  it('should read back what it wrote, and pass dates through', () => {
    const date = new Date('2026-03-20T23:59:59.999Z');
    assert.equal(toDate(sqliteDate(date)).getTime(), date.getTime());
    assert.equal(toDate(date), date);
    assert.equal(toDateOrNull(null), null);
    assert.equal(toDateOrNull(undefined), null);
  });

  it('should keep the text order equal to the time order (SQLite compares dates as text)', () => {
    const dates = ['2026-01-02T00:00:00.000Z', '2025-12-31T23:59:59.999Z', '2026-01-01T12:00:00.500Z'].map((iso) => new Date(iso));
    const byText = [...dates].sort((a, b) => sqliteDate(a).localeCompare(sqliteDate(b)));
    const byTime = [...dates].sort((a, b) => a.getTime() - b.getTime());
    assert.deepEqual(byText, byTime);
  });
});
