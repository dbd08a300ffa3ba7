import type { QueryInterface } from 'sequelize';

/**
 * The citizen's list joins each request to its body file: with this index the file's description
 * is read from the index alone, never from the `files` row (which holds the content in the
 * `database` store). Its leading columns are those of the (orgId, requestId) index it replaces.
 * PostgreSQL keeps the described columns as INCLUDE payload; SQLite has no INCLUDE, so they are
 * trailing key columns.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  const described = '"createdAt", "id", "name", "type", "size", "sha256"';
  // Plain SQL: QueryInterface qualifies tables with `public` on PostgreSQL, which misses a database kept in another schema.
  if (qi.sequelize.getDialect() === 'postgres') {
    await qi.sequelize.query(`CREATE INDEX "${filesListIndex}" ON "files" ("orgId", "requestId", "role") INCLUDE (${described})`);
  } else {
    await qi.sequelize.query(`CREATE INDEX "${filesListIndex}" ON "files" ("orgId", "requestId", "role", ${described})`);
  }
  await qi.sequelize.query('DROP INDEX "files_org_id_request_id"');
}

/** Puts the plain (orgId, requestId) index back. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.sequelize.query('CREATE INDEX "files_org_id_request_id" ON "files" ("orgId", "requestId")');
  await qi.sequelize.query(`DROP INDEX "${filesListIndex}"`);
}

/** The covering index of the files a list shows. */
export const filesListIndex = 'files_org_request_role_listed';
