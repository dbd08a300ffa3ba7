import type { QueryInterface } from 'sequelize';
import { filesListIndex as previousIndex } from './0013-list-covering-index.js';

/**
 * The covering index of the files a list shows, with `removedAt` among the described columns: a
 * request's files say whether their content is still there (a removed one answers 410), and the
 * citizen's list still reads its body file from the index alone. Built before the index it
 * replaces is dropped, so the list always has one.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createListIndex(qi, filesListIndex, '"createdAt", "id", "name", "type", "size", "sha256", "removedAt"');
  await qi.sequelize.query(`DROP INDEX "${previousIndex}"`);
}

/** Puts migration 0013's index back. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await createListIndex(qi, previousIndex, '"createdAt", "id", "name", "type", "size", "sha256"');
  await qi.sequelize.query(`DROP INDEX "${filesListIndex}"`);
}

/**
 * PostgreSQL keeps the described columns as INCLUDE payload; SQLite has no INCLUDE, so they are
 * trailing key columns. Plain SQL: QueryInterface qualifies tables with `public` on PostgreSQL,
 * which misses a database kept in another schema.
 */
async function createListIndex(qi: QueryInterface, name: string, described: string): Promise<void> {
  const payload = qi.sequelize.getDialect() === 'postgres' ? `) INCLUDE (${described})` : `, ${described})`;
  await qi.sequelize.query(`CREATE INDEX "${name}" ON "files" ("orgId", "requestId", "role"${payload}`);
}

/** The covering index of the files a list shows, from this migration on. */
export const filesListIndex = 'files_org_request_role_described';
