import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDatabase, type Database } from './database.js';
import { migrate } from './migrator.js';

describe('the SQLite group writer', () => {
  let dir: string;
  let db: Database;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cc-writer-'));
    db = await createDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    await migrate(db.sequelize);
  });
  after(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  const addCitizen = (id: string) =>
    db.write(async (transaction) => {
      await db.models.Citizen.create({ id, orgId: 'o', phone: `+98${id}`, createdAt: new Date() }, { transaction });
      if (id.endsWith('7')) throw new Error(`refused ${id}`);
      return id;
    });

  it('should commit every task but the failing ones, each alone', async () => {
    const ids = Array.from({ length: 100 }, (_, i) => String(9_120_000_000 + i));
    const results = await Promise.allSettled(ids.map(addCitizen));
    const failed = results.filter((result) => result.status === 'rejected').length;
    assert.equal(failed, 10);
    assert.equal(await db.models.Citizen.count(), 90);
  });

  it('should run a task queued right after the queue emptied', async () => {
    for (let i = 0; i < 20; i++) {
      const first = addCitizen(`80000000${String(i).padStart(2, '0')}`);
      await Promise.resolve();
      const second = addCitizen(`81000000${String(i).padStart(2, '0')}`);
      const outcome = await Promise.race([
        Promise.all([first.catch(() => null), second.catch(() => null)]).then(() => 'done'),
        new Promise((resolve) => setTimeout(() => resolve('stuck'), 2000)),
      ]);
      assert.equal(outcome, 'done');
    }
  });
});
