import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * Webhook delivery attempts staff can see (time, status code or error, duration), and a way for
 * the outbox to give up on a row: `failedAt` marks one whose target the rules refuse, which no
 * retry could deliver.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain SQL: QueryInterface's addColumn qualifies the table with `public` on PostgreSQL, which
  // misses a database kept in another schema.
  const timestamp = qi.sequelize.getDialect() === 'postgres' ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME';
  await qi.sequelize.query(`ALTER TABLE "outbox" ADD COLUMN "failedAt" ${timestamp}`);
  await qi.createTable('webhook_deliveries', {
    id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    orgId: { type: DataTypes.STRING(64), allowNull: false },
    webhookId: { type: DataTypes.STRING(64), allowNull: false },
    eventId: { type: DataTypes.STRING(64), allowNull: false },
    eventType: { type: DataTypes.STRING(40), allowNull: false },
    attempt: { type: DataTypes.INTEGER, allowNull: false },
    ok: { type: DataTypes.BOOLEAN, allowNull: false },
    statusCode: { type: DataTypes.INTEGER, allowNull: true },
    error: { type: DataTypes.TEXT, allowNull: true },
    durationMs: { type: DataTypes.INTEGER, allowNull: false },
    attemptedAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('webhook_deliveries', ['orgId', 'webhookId', 'attemptedAt']);
}

/** Drops what {@link up} added. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('webhook_deliveries');
  await qi.sequelize.query('ALTER TABLE "outbox" DROP COLUMN "failedAt"');
}
