import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * What the caps on unauthenticated work count: the address a human check was made for, the
 * address block and phone prefix of each code sent, and failed operator and staff key attempts.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  // Plain SQL: QueryInterface's addColumn qualifies the table with `public` on PostgreSQL, which
  // misses a database kept in another schema.
  for (const [table, column] of [['human_checks', 'ip'], ['otp_codes', 'ipBlock'], ['otp_codes', 'phonePrefix']] as const) {
    await qi.sequelize.query(`ALTER TABLE "${table}" ADD COLUMN "${column}" VARCHAR(64)`);
  }
  await qi.addIndex('human_checks', ['ip', 'createdAt']);
  await qi.addIndex('otp_codes', ['ip', 'createdAt']);
  await qi.addIndex('otp_codes', ['ipBlock', 'createdAt']);
  await qi.addIndex('otp_codes', ['orgId', 'phonePrefix', 'createdAt']);
  await qi.createTable('key_failures', {
    id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
    ip: { type: DataTypes.STRING(64), allowNull: false },
    createdAt: { type: DataTypes.DATE, allowNull: false },
  });
  await qi.addIndex('key_failures', ['ip', 'createdAt']);
}

/** Drops what {@link up} added. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('key_failures');
  await qi.removeIndex('otp_codes', ['orgId', 'phonePrefix', 'createdAt']);
  await qi.removeIndex('otp_codes', ['ipBlock', 'createdAt']);
  await qi.removeIndex('otp_codes', ['ip', 'createdAt']);
  await qi.removeIndex('human_checks', ['ip', 'createdAt']);
  for (const [table, column] of [['human_checks', 'ip'], ['otp_codes', 'ipBlock'], ['otp_codes', 'phonePrefix']] as const) {
    await qi.sequelize.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
  }
}
