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
  /** When the outbox gave up on the row (a target no retry could reach); `null` while it tries. */
  failedAt: CreationOptional<Date | null>;
  createdAt: Date;
}

/** One attempt to deliver a webhook event, as staff see it in the webhook's delivery log. */
export interface WebhookDeliveryRow extends Model<InferAttributes<WebhookDeliveryRow>, InferCreationAttributes<WebhookDeliveryRow>> {
  id: string;
  orgId: string;
  webhookId: string;
  eventId: string;
  eventType: string;
  /** 1 for the first attempt of this event to this webhook. */
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  attemptedAt: Date;
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
export function defineDeliveryModels(sequelize: Sequelize): {
  Outbox: ModelStatic<OutboxRow>;
  DevSms: ModelStatic<DevSmsRow>;
  WebhookDelivery: ModelStatic<WebhookDeliveryRow>;
} {
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
      failedAt: { type: DataTypes.DATE, allowNull: true },
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
  const WebhookDelivery = sequelize.define<WebhookDeliveryRow>(
    'WebhookDelivery',
    {
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
    },
    { timestamps: false, tableName: 'webhook_deliveries' },
  );
  return { Outbox, DevSms, WebhookDelivery };
}
