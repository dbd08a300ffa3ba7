import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { useTestServer } from '../test-support/test-server.js';

describe('readiness (/readyz) apart from liveness (/healthz)', () => {
  const server = useTestServer();
  const readyz = async () => {
    const answer = await fetch(`${server().baseUrl}/readyz`);
    return { status: answer.status, body: (await answer.json()) as { status?: string; error?: { code: string; details: { problems: string[] } } } };
  };

  it('should be alive but not ready while the widget is not built or a migration is missing, and ready once all is there', async () => {
    assert.equal((await fetch(`${server().baseUrl}/healthz`)).status, 200);
    const unbuilt = await readyz();
    assert.equal(unbuilt.status, 503);
    assert.deepEqual(unbuilt.body.error?.details.problems, ['the widget bundles are not built (npm run build)']);

    await mkdir(server().config.widgetDist, { recursive: true });
    await writeFile(join(server().config.widgetDist, 'citizen-counter.js'), 'export {};\n');
    const ready = await readyz();
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');

    // A database a migration behind this code (an upgrade not yet migrated) is not ready.
    const { sequelize } = server().app.db;
    const [rows] = await sequelize.query('SELECT name FROM "SequelizeMeta" ORDER BY name DESC');
    const newest = (rows as { name: string }[])[0]!.name;
    await sequelize.query('DELETE FROM "SequelizeMeta" WHERE name = ?', { replacements: [newest] });
    try {
      const behind = await readyz();
      assert.equal(behind.status, 503);
      assert.deepEqual(behind.body.error?.details.problems, ['1 database migration is pending (npm run cli -- migrate)']);
    } finally {
      await sequelize.query('INSERT INTO "SequelizeMeta" (name) VALUES (?)', { replacements: [newest] });
    }
    assert.equal((await readyz()).status, 200);
  });
});
