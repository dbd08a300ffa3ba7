import type { ApiKeyRole } from '@citizen-counter/sdk';
import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** An org (tenant). `settings` is JSON text of `OrgSettings`. */
export interface OrgRow extends Model<InferAttributes<OrgRow>, InferCreationAttributes<OrgRow>> {
  id: string;
  orgId: string;
  nameFa: string;
  nameEn: string;
  settings: string;
  nextLetterNumber: CreationOptional<number>;
  createdAt: Date;
}

/** An organizational unit requests are addressed to. */
export interface UnitRow extends Model<InferAttributes<UnitRow>, InferCreationAttributes<UnitRow>> {
  id: string;
  orgId: string;
  nameFa: string;
  nameEn: string;
  position: number;
  /** A short code letter numbers use (`{unit}`), e.g. `د`. */
  code: CreationOptional<string | null>;
  /** Working days to answer; `null` for the org's default. */
  responseDays: CreationOptional<number | null>;
  createdAt: Date;
}

/** A staff API key, stored as the SHA-256 of the key. */
export interface ApiKeyRow extends Model<InferAttributes<ApiKeyRow>, InferCreationAttributes<ApiKeyRow>> {
  id: string;
  orgId: string;
  hash: string;
  prefix: string;
  label: string;
  role: ApiKeyRole;
  createdAt: Date;
  revokedAt: Date | null;
}

/** A webhook endpoint of an org; `events` is a JSON array. */
export interface WebhookRow extends Model<InferAttributes<WebhookRow>, InferCreationAttributes<WebhookRow>> {
  id: string;
  orgId: string;
  url: string;
  events: string;
  secret: string;
  createdAt: Date;
}

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const orgId = () => ({ type: DataTypes.STRING(64), allowNull: false });
const createdAt = () => ({ type: DataTypes.DATE, allowNull: false });

/** Defines the org-level models on `sequelize`. */
export function defineOrgModels(sequelize: Sequelize): {
  Org: ModelStatic<OrgRow>;
  Unit: ModelStatic<UnitRow>;
  ApiKey: ModelStatic<ApiKeyRow>;
  Webhook: ModelStatic<WebhookRow>;
} {
  const options = { timestamps: false } as const;
  const Org = sequelize.define<OrgRow>(
    'Org',
    {
      id: id(),
      orgId: orgId(),
      nameFa: { type: DataTypes.STRING(200), allowNull: false },
      nameEn: { type: DataTypes.STRING(200), allowNull: false },
      settings: { type: DataTypes.TEXT, allowNull: false },
      nextLetterNumber: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      createdAt: createdAt(),
    },
    { ...options, tableName: 'orgs' },
  );
  const Unit = sequelize.define<UnitRow>(
    'Unit',
    {
      id: id(),
      orgId: orgId(),
      nameFa: { type: DataTypes.STRING(200), allowNull: false },
      nameEn: { type: DataTypes.STRING(200), allowNull: false },
      position: { type: DataTypes.INTEGER, allowNull: false },
      code: { type: DataTypes.STRING(20), allowNull: true },
      responseDays: { type: DataTypes.INTEGER, allowNull: true },
      createdAt: createdAt(),
    },
    { ...options, tableName: 'units' },
  );
  const ApiKey = sequelize.define<ApiKeyRow>(
    'ApiKey',
    {
      id: id(),
      orgId: orgId(),
      hash: { type: DataTypes.STRING(64), allowNull: false },
      prefix: { type: DataTypes.STRING(20), allowNull: false },
      label: { type: DataTypes.STRING(200), allowNull: false },
      role: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'admin' },
      createdAt: createdAt(),
      revokedAt: { type: DataTypes.DATE, allowNull: true },
    },
    { ...options, tableName: 'api_keys' },
  );
  const Webhook = sequelize.define<WebhookRow>(
    'Webhook',
    {
      id: id(),
      orgId: orgId(),
      url: { type: DataTypes.STRING(2000), allowNull: false },
      events: { type: DataTypes.TEXT, allowNull: false },
      secret: { type: DataTypes.STRING(100), allowNull: false },
      createdAt: createdAt(),
    },
    { ...options, tableName: 'webhooks' },
  );
  return { Org, Unit, ApiKey, Webhook };
}
