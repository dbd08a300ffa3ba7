import { DataTypes, type QueryInterface } from 'sequelize';

/**
 * The letter register (دفتر اندیکاتور): one row per org, Jalali year and direction holding the
 * last number given. Its key starts with the org id, like every key here.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('letter_registers', {
    orgId: { type: DataTypes.STRING(64), allowNull: false, primaryKey: true },
    year: { type: DataTypes.INTEGER, allowNull: false, primaryKey: true },
    direction: { type: DataTypes.STRING(10), allowNull: false, primaryKey: true },
    lastNumber: { type: DataTypes.INTEGER, allowNull: false },
  });
}

/** Drops the register. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('letter_registers');
}
