import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UniqueConstraintError } from 'sequelize';
import { rowFor } from './insert.js';
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

  it('should write insert-only tasks together and fail only the one whose row is refused', async () => {
    const citizen = (id: string) => rowFor(db.models.Citizen, { id, orgId: 'o', phone: `+98${id}`, createdAt: new Date() });
    const session = (id: string, citizenId: string) =>
      rowFor(db.models.Session, { id: `s${id}`, orgId: 'o', tokenHash: `h${id}`, citizenId, expiresAt: new Date(), lastSeenAt: new Date(), createdAt: new Date() });
    const before = await db.models.Citizen.count();
    const ids = Array.from({ length: 60 }, (_, i) => String(7_000_000_000 + i));
    // The 11th task repeats the first one's phone: a unique violation in the middle of a batch.
    const tasks = ids.map((id, i) => db.insert([citizen(i === 10 ? ids[0]! : id), session(id, id)]));
    const results = await Promise.allSettled(tasks);
    const refused = results.flatMap((result, i) => (result.status === 'rejected' ? [[i, result.reason] as const] : []));
    assert.equal(refused.length, 1);
    assert.equal(refused[0]![0], 10);
    assert.ok(refused[0]![1] instanceof UniqueConstraintError);
    assert.equal(await db.models.Citizen.count(), before + 59);
    // All or none per task: the refused task's session row is not there either.
    assert.equal(await db.models.Session.count({ where: { id: `s${ids[10]!}` } }), 0);
    assert.equal(await db.models.Session.count({ where: { orgId: 'o' } }), 59);
  });

  it('should write insert-only tasks queued among other work, in order', async () => {
    const mixed = await Promise.allSettled([
      addCitizen('6000000001'),
      db.insert([rowFor(db.models.Citizen, { id: '6000000002', orgId: 'o', phone: '+986000000002', createdAt: new Date() })]),
      addCitizen('6000000007'),
      db.insert([rowFor(db.models.Citizen, { id: '6000000003', orgId: 'o', phone: '+986000000003', createdAt: new Date() })]),
    ]);
    assert.deepEqual(mixed.map((result) => result.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    assert.equal(await db.models.Citizen.count({ where: { id: ['6000000001', '6000000002', '6000000003', '6000000007'] } }), 3);
  });
});
