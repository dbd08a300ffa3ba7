/**
 * Appeals of a rejection: how many a request has had, and when the latest came, so the desk's
 * queue can mark appealed requests and the service can hold each request to the org's limit.
 */
import type { QueryInterface } from 'sequelize';

/** Adds `appealRounds` and `appealedAt` to requests. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain SQL, as in 0009: addColumn would qualify the table with `public` on PostgreSQL.
  const timestamp = qi.sequelize.getDialect() === 'postgres' ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME';
  await qi.sequelize.query('ALTER TABLE "requests" ADD COLUMN "appealRounds" INTEGER NOT NULL DEFAULT 0');
  await qi.sequelize.query(`ALTER TABLE "requests" ADD COLUMN "appealedAt" ${timestamp}`);
}

/** Drops what {@link up} added. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('ALTER TABLE "requests" DROP COLUMN "appealedAt"');
  await qi.sequelize.query('ALTER TABLE "requests" DROP COLUMN "appealRounds"');
}
