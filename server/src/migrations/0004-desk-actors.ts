import type { QueryInterface } from 'sequelize';

/**
 * Who did each step of a timeline (the staff view names them; the citizen view shows only the
 * role), the file a step brought (a citizen's supplement), the person a request was referred to,
 * the outgoing letter number (صادره) of a registered reply, and the Jalali year of a letter
 * number: numbers are unique per org and year, since a pattern without `{year}` repeats yearly.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await addColumn(qi, 'request_events', 'actorId', 'VARCHAR(64)');
  await addColumn(qi, 'request_events', 'actorName', 'VARCHAR(200)');
  await addColumn(qi, 'request_events', 'fileId', 'VARCHAR(64)');
  await addColumn(qi, 'requests', 'assigneeId', 'VARCHAR(64)');
  await addColumn(qi, 'requests', 'replyLetterNumber', 'VARCHAR(100)');
  await addColumn(qi, 'requests', 'letterYear', 'INTEGER');
  await qi.sequelize.query('UPDATE "requests" SET "letterYear" = 0 WHERE "letterNumber" IS NOT NULL');
  await qi.removeIndex('requests', ['orgId', 'letterNumber']);
  await qi.addIndex('requests', ['orgId', 'letterYear', 'letterNumber'], { unique: true });
  await qi.addIndex('requests', ['orgId', 'replyLetterNumber']);
  await qi.sequelize.query("UPDATE \"request_events\" SET \"actorType\" = 'citizen', \"actorRole\" = 'citizen' WHERE \"type\" = 'submitted' AND \"actorType\" IS NULL");
  await qi.sequelize.query("UPDATE \"request_events\" SET \"actorType\" = 'api_key', \"actorRole\" = 'registrar' WHERE \"type\" <> 'submitted' AND \"actorType\" IS NULL");
}

/** Plain `ALTER TABLE … ADD COLUMN`, valid in both dialects and in any PostgreSQL schema. */
async function addColumn(qi: QueryInterface, table: string, column: string, definition: string): Promise<void> {
  await qi.sequelize.query(`ALTER TABLE "${table}" ADD COLUMN "${column}" ${definition}`);
}

/** Drops what {@link up} added. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.removeIndex('requests', ['orgId', 'replyLetterNumber']);
  await qi.removeIndex('requests', ['orgId', 'letterYear', 'letterNumber']);
  await qi.addIndex('requests', ['orgId', 'letterNumber'], { unique: true });
  for (const [table, column] of [
    ['requests', 'letterYear'], ['requests', 'replyLetterNumber'], ['requests', 'assigneeId'],
    ['request_events', 'fileId'], ['request_events', 'actorName'], ['request_events', 'actorId'],
  ] as const) {
    await qi.sequelize.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
  }
}
