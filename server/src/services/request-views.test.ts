import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Op } from 'sequelize';
import type { StoreDeps } from '../types.js';
import { isAppError } from '../errors/app-error.js';
import type { RequestRow } from '../models/index.js';
import { ListRequestsQuerySchema } from '@citizen-counter/sdk/schemas';
import { parse } from '../middleware/validate.js';
import { cursorWhere, pageOf } from './request-views.js';

/** Rows as the database gives them newest first; only what paging reads is filled in. */
function rows(...items: [string, string][]): RequestRow[] {
  return items.map(([createdAt, id]) => ({ id, createdAt: new Date(createdAt) }) as RequestRow);
}

/** Services' dependencies whose request table answers `found` to any query. */
function depsAnswering(found: RequestRow[]): StoreDeps {
  return { db: { models: { Request: { findAll: async () => found } } } } as unknown as StoreDeps;
}

/** Asserts that `run` throws the 400 `invalid_input` about `field`. */
function assertInvalid(run: () => unknown, field: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isAppError(error), String(error));
    assert.deepEqual([error.status, error.code, error.details['field']], [400, 'invalid_input', field]);
    return true;
  });
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('the request list cursor', () => {
  it('should be given only when a row is left after the page, and be URL-safe', async () => {
    const three = rows(['2026-03-03T10:00:00.000Z', 'c'], ['2026-03-02T10:00:00.000Z', 'b'], ['2026-03-01T10:00:00.000Z', 'a']);
    const page = await pageOf(depsAnswering(three), {}, 2);
    assert.deepEqual(page.items.map((row) => row.id), ['c', 'b']);
    assert.match(page.nextCursor ?? '', /^[A-Za-z0-9_-]+$/);
    const last = await pageOf(depsAnswering(three.slice(0, 2)), {}, 2);
    assert.equal(last.nextCursor, null);
  });

  it('should lead to the rows after the last one of the page, ties on the date broken by id', async () => {
    const page = await pageOf(depsAnswering(rows(['2026-03-03T10:00:00.000Z', 'c'], ['2026-03-02T10:00:00.000Z', 'b'])), {}, 1);
    const at = new Date('2026-03-03T10:00:00.000Z');
    assert.deepEqual(cursorWhere(page.nextCursor ?? undefined), {
      createdAt: { [Op.lte]: at },
      [Op.or]: [{ createdAt: { [Op.lt]: at } }, { id: { [Op.lt]: 'c' } }],
    });
  });

  it('should mean the first page when absent or empty', () => {
    assert.deepEqual(cursorWhere(undefined), {});
    assert.deepEqual(cursorWhere(''), {});
  });

  const forged = {
    'not base64 JSON': 'garbage',
    'a JSON object': base64url('{}'),
    'a bad date': base64url('["yesterday","x"]'),
    'a numeric id': base64url('["2026-03-03T10:00:00.000Z",5]'),
  };
  for (const [name, cursor] of Object.entries(forged)) {
    it(`should refuse ${name} with invalid_input on cursor`, () => {
      assertInvalid(() => cursorWhere(cursor), 'cursor');
    });
  }
});

describe('the list limit, as the edge parses it', () => {
  const limit = (value: unknown) => parse(ListRequestsQuerySchema, value === undefined ? {} : { limit: value }, { source: 'query' }).limit;

  it('should be absent when not given (the service then takes 20) and take 1 to 100', () => {
    assert.equal(limit(undefined), undefined);
    assert.equal(limit(1), 1);
    assert.equal(limit(100), 100);
  });

  it('should refuse 0, 101, a fraction and words', () => {
    for (const value of [0, 101, 1.5, 'ten', -3]) assertInvalid(() => limit(value), 'limit');
  });
});
