import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** A notification to deliver at least once (transactional outbox); `payload` is JSON text. */
export interface OutboxRow extends Model<InferAttributes<OutboxRow>, InferCreationAttributes<OutboxRow>> {
  id: string;
  orgId: string;
  kind: 'sms' | 'webhook';
  payload: string;
  dedupeKey: string;
  attempts: CreationOptional<number>;
  nextAttemptAt: Date;
  deliveredAt: CreationOptional<Date | null>;
  lastError: CreationOptional<string | null>;
  claimedAt: CreationOptional<Date | null>;
  createdAt: Date;
}

/** A message the dev SMS provider kept instead of sending. */
export interface DevSmsRow extends Model<InferAttributes<DevSmsRow>, InferCreationAttributes<DevSmsRow>> {
  id: string;
  orgId: string;
  to: string;
  text: string;
  createdAt: Date;
}

/** Defines the delivery models on `sequelize`. */
export function defineDeliveryModels(sequelize: Sequelize): { Outbox: ModelStatic<OutboxRow>; DevSms: ModelStatic<DevSmsRow> } {
  const Outbox = sequelize.define<OutboxRow>(
    'Outbox',
    {
      id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      orgId: { type: DataTypes.STRING(64), allowNull: false },
      kind: { type: DataTypes.STRING(10), allowNull: false },
      payload: { type: DataTypes.TEXT, allowNull: false },
      dedupeKey: { type: DataTypes.STRING(200), allowNull: false },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      nextAttemptAt: { type: DataTypes.DATE, allowNull: false },
      deliveredAt: { type: DataTypes.DATE, allowNull: true },
      lastError: { type: DataTypes.TEXT, allowNull: true },
      claimedAt: { type: DataTypes.DATE, allowNull: true },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { timestamps: false, tableName: 'outbox' },
  );
  const DevSms = sequelize.define<DevSmsRow>(
    'DevSms',
    {
      id: { type: DataTypes.STRING(64), primaryKey: true, allowNull: false },
      orgId: { type: DataTypes.STRING(64), allowNull: false },
      to: { type: DataTypes.STRING(20), allowNull: false },
      text: { type: DataTypes.TEXT, allowNull: false },
      createdAt: { type: DataTypes.DATE, allowNull: false },
    },
    { timestamps: false, tableName: 'dev_sms' },
  );
  return { Outbox, DevSms };
}
