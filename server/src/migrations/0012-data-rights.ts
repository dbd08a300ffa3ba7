/**
 * Citizens' data rights and the org's retention policy: a file whose content was removed (by the
 * retention policy or because its citizen deleted their account) keeps its row, marked with when
 * and why, so the citizen is told what happened instead of getting a broken download; a request
 * remembers when it was closed, which is when its retention period starts.
 */
import type { QueryInterface } from 'sequelize';

/** Adds `removedAt` and `removedReason` to files and `closedAt` to requests. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain SQL, as in 0009: addColumn would qualify the table with `public` on PostgreSQL.
  const timestamp = qi.sequelize.getDialect() === 'postgres' ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME';
  await qi.sequelize.query(`ALTER TABLE "files" ADD COLUMN "removedAt" ${timestamp}`);
  await qi.sequelize.query('ALTER TABLE "files" ADD COLUMN "removedReason" VARCHAR(20)');
  await qi.sequelize.query(`ALTER TABLE "requests" ADD COLUMN "closedAt" ${timestamp}`);
  // Requests decided before this version: their last change is the best date there is.
  await qi.sequelize.query(`UPDATE "requests" SET "closedAt" = "updatedAt" WHERE "status" IN ('approved', 'rejected')`);
  await qi.sequelize.query('CREATE INDEX "requests_retention" ON "requests" ("orgId", "status", "closedAt")');
}

/** Drops what {@link up} added. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('DROP INDEX "requests_retention"');
  await qi.sequelize.query('ALTER TABLE "requests" DROP COLUMN "closedAt"');
  await qi.sequelize.query('ALTER TABLE "files" DROP COLUMN "removedReason"');
  await qi.sequelize.query('ALTER TABLE "files" DROP COLUMN "removedAt"');
}
