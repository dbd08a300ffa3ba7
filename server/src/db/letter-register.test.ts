import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { getTestServer, type TestServer } from '../test-support/test-server.js';
import { lastNumber, takeNextNumber, type RegisterKey } from './letter-register.js';

describe('the letter register sequence', () => {
  let server: TestServer;
  before(async () => {
    server = await getTestServer();
  });
  after(() => server.close());

  it('should give 100 concurrent takers 100 distinct consecutive numbers', async () => {
    const { db } = server.app;
    const key: RegisterKey = { orgId: server.org.id, year: 1405, direction: 'incoming' };
    const numbers = await Promise.all(Array.from({ length: 100 }, () => db.write((transaction) => takeNextNumber(db, key, transaction))));
    assert.deepEqual([...numbers].sort((a, b) => a - b), Array.from({ length: 100 }, (_, index) => index + 1));
    assert.equal(await lastNumber(db, key), 100);
  });

  it('should give a number back when its transaction rolls back, leaving no gap', async () => {
    const { db } = server.app;
    const key: RegisterKey = { orgId: server.org.id, year: 1406, direction: 'incoming' };
    await assert.rejects(
      db.write(async (transaction) => {
        await takeNextNumber(db, key, transaction);
        throw new Error('the approval failed after taking a number');
      }),
      /approval failed/,
    );
    assert.equal(await db.write((transaction) => takeNextNumber(db, key, transaction)), 1);
  });

  it('should keep years, directions and orgs apart', async () => {
    const { db } = server.app;
    const other = await server.createOrg('register-other');
    const take = (key: RegisterKey) => db.write((transaction) => takeNextNumber(db, key, transaction));
    assert.equal(await take({ orgId: server.org.id, year: 1407, direction: 'incoming' }), 1);
    assert.equal(await take({ orgId: server.org.id, year: 1407, direction: 'outgoing' }), 1);
    assert.equal(await take({ orgId: other.org.id, year: 1407, direction: 'incoming' }), 1);
    assert.equal(await take({ orgId: server.org.id, year: 1407, direction: 'incoming' }), 2);
  });
});
