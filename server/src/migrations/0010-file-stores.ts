import type { QueryInterface } from 'sequelize';

/**
 * File contents may live outside their rows: `files.store` says where (`database` for every row
 * so far, whose content stays readable where it is), `content` may be empty, and `storageName`
 * holds a store's key (an S3 key is longer than the old file names).
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain SQL: QueryInterface qualifies tables with `public` on PostgreSQL, which misses a database kept in another schema.
  if (qi.sequelize.getDialect() === 'postgres') {
    await qi.sequelize.query(`ALTER TABLE "files" ADD COLUMN "store" VARCHAR(20) NOT NULL DEFAULT 'database'`);
    await qi.sequelize.query('ALTER TABLE "files" ALTER COLUMN "content" DROP NOT NULL');
    await qi.sequelize.query('ALTER TABLE "files" ALTER COLUMN "storageName" TYPE VARCHAR(200)');
    return;
  }
  // SQLite cannot drop a NOT NULL: the table is rebuilt, rows copied as they are, its index made again.
  await rebuildFiles(qi, { contentNull: 'NULL', storeColumn: `, "store" VARCHAR(20) NOT NULL DEFAULT 'database'`, storageLength: 200 }, '"store"', `'database'`);
}

/** Puts back the columns as they were; only rows whose content is in the database survive it. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  if (qi.sequelize.getDialect() === 'postgres') {
    await qi.sequelize.query(`DELETE FROM "files" WHERE "content" IS NULL`);
    await qi.sequelize.query('ALTER TABLE "files" ALTER COLUMN "content" SET NOT NULL');
    await qi.sequelize.query('ALTER TABLE "files" DROP COLUMN "store"');
    return;
  }
  await qi.sequelize.query(`DELETE FROM "files" WHERE "content" IS NULL`);
  await rebuildFiles(qi, { contentNull: 'NOT NULL', storeColumn: '', storageLength: 100 }, null, null);
}

async function rebuildFiles(
  qi: QueryInterface,
  shape: { contentNull: string; storeColumn: string; storageLength: number },
  newColumn: string | null,
  newValue: string | null,
): Promise<void> {
  const columns = '"id", "orgId", "requestId", "role", "name", "storageName", "type", "size", "sha256", "content", "createdAt"';
  await qi.sequelize.query(`CREATE TABLE "files_next" (
    "id" VARCHAR(64) NOT NULL PRIMARY KEY, "orgId" VARCHAR(64) NOT NULL, "requestId" VARCHAR(64) NOT NULL,
    "role" VARCHAR(10) NOT NULL, "name" VARCHAR(500) NOT NULL, "storageName" VARCHAR(${shape.storageLength}) NOT NULL,
    "type" VARCHAR(200) NOT NULL, "size" INTEGER NOT NULL, "sha256" VARCHAR(64) NOT NULL, "content" BLOB ${shape.contentNull},
    "createdAt" DATETIME NOT NULL${shape.storeColumn})`);
  await qi.sequelize.query(
    `INSERT INTO "files_next" (${columns}${newColumn ? `, ${newColumn}` : ''}) SELECT ${columns}${newValue ? `, ${newValue}` : ''} FROM "files"`,
  );
  await qi.sequelize.query('DROP TABLE "files"');
  await qi.sequelize.query('ALTER TABLE "files_next" RENAME TO "files"');
  await qi.sequelize.query('CREATE INDEX "files_org_id_request_id" ON "files" ("orgId", "requestId")');
}
