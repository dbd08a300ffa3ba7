import type { QueryInterface } from 'sequelize';

/**
 * A unit's code is unique in its org: it is what `{unit}` writes into a letter number, and two
 * units with one code would make their numbers indistinguishable. Units without a code (NULL) are
 * not constrained: both SQLite and PostgreSQL let several NULLs through a unique index.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.addIndex('units', ['orgId', 'code'], { unique: true });
}

/** Drops the index. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('units', ['orgId', 'code']);
}
