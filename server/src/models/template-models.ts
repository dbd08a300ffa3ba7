import type { Locale, SmsKind, TemplateKind } from '@citizen-counter/sdk';
import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** An answer or rejection template of an org; at least one of the texts is set. */
export interface TemplateRow extends Model<InferAttributes<TemplateRow>, InferCreationAttributes<TemplateRow>> {
  id: string;
  orgId: string;
  kind: TemplateKind;
  title: string;
  textFa: string | null;
  textEn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** An org's own text for one kind of SMS in one locale, used instead of the built-in one. */
export interface SmsTextRow extends Model<InferAttributes<SmsTextRow>, InferCreationAttributes<SmsTextRow>> {
  orgId: string;
  kind: SmsKind;
  locale: Locale;
  text: string;
  updatedAt: Date;
}

const key = (length: number) => ({ type: DataTypes.STRING(length), primaryKey: true, allowNull: false });
const date = () => ({ type: DataTypes.DATE, allowNull: false });
const nullableText = () => ({ type: DataTypes.TEXT, allowNull: true });

/** Defines the template models on `sequelize`. */
export function defineTemplateModels(sequelize: Sequelize): { Template: ModelStatic<TemplateRow>; SmsText: ModelStatic<SmsTextRow> } {
  const options = { timestamps: false } as const;
  const Template = sequelize.define<TemplateRow>(
    'Template',
    {
      id: key(64),
      orgId: { type: DataTypes.STRING(64), allowNull: false },
      kind: { type: DataTypes.STRING(20), allowNull: false },
      title: { type: DataTypes.STRING(100), allowNull: false },
      textFa: nullableText(),
      textEn: nullableText(),
      createdAt: date(),
      updatedAt: date(),
    },
    { ...options, tableName: 'templates' },
  );
  const SmsText = sequelize.define<SmsTextRow>(
    'SmsText',
    { orgId: key(64), kind: key(30), locale: key(5), text: { type: DataTypes.TEXT, allowNull: false }, updatedAt: date() },
    { ...options, tableName: 'sms_texts' },
  );
  return { Template, SmsText };
}
