import { DataTypes, type QueryInterface } from 'sequelize';

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const key = (length: number) => ({ type: DataTypes.STRING(length), primaryKey: true, allowNull: false });
const date = () => ({ type: DataTypes.DATE, allowNull: false });

/**
 * Answer and rejection templates per org, with a title and a text in each locale, and the org's own
 * SMS texts per kind and locale. The `templates` table 0003 created (one row per locale, never
 * written by any route) is replaced by one row per template holding both locales, so a title is
 * unique per org and kind.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('templates');
  await qi.createTable('templates', {
    id: id(),
    orgId: { type: DataTypes.STRING(64), allowNull: false },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    title: { type: DataTypes.STRING(100), allowNull: false },
    textFa: { type: DataTypes.TEXT, allowNull: true },
    textEn: { type: DataTypes.TEXT, allowNull: true },
    createdAt: date(),
    updatedAt: date(),
  });
  await qi.addIndex('templates', ['orgId', 'kind', 'title'], { unique: true });
  await qi.createTable('sms_texts', {
    orgId: key(64),
    kind: key(30),
    locale: key(5),
    text: { type: DataTypes.TEXT, allowNull: false },
    updatedAt: date(),
  });
}

/** Drops what {@link up} added and puts back 0003's `templates`. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.dropTable('sms_texts');
  await qi.dropTable('templates');
  await qi.createTable('templates', {
    id: id(),
    orgId: { type: DataTypes.STRING(64), allowNull: false },
    kind: { type: DataTypes.STRING(20), allowNull: false },
    name: { type: DataTypes.STRING(100), allowNull: false },
    locale: { type: DataTypes.STRING(5), allowNull: false },
    body: { type: DataTypes.TEXT, allowNull: false },
    createdAt: date(),
    updatedAt: date(),
  });
  await qi.addIndex('templates', ['orgId', 'kind', 'name', 'locale'], { unique: true });
}
