import { DataTypes, type QueryInterface } from 'sequelize';

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const orgId = () => ({ type: DataTypes.STRING(64), allowNull: false });
const ref = () => ({ type: DataTypes.STRING(64), allowNull: false });
const date = () => ({ type: DataTypes.DATE, allowNull: false });
const nullableDate = () => ({ type: DataTypes.DATE, allowNull: true });
const text = (length: number) => ({ type: DataTypes.STRING(length), allowNull: false });

/** The first schema: every table carries `orgId` and every unique index starts with it. */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('orgs', {
    id: id(),
    orgId: orgId(),
    nameFa: text(200),
    nameEn: text(200),
    settings: { type: DataTypes.TEXT, allowNull: false },
    nextLetterNumber: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
    createdAt: date(),
  });
  await qi.createTable('units', { id: id(), orgId: orgId(), nameFa: text(200), nameEn: text(200), position: { type: DataTypes.INTEGER, allowNull: false }, createdAt: date() });
  await qi.addIndex('units', ['orgId', 'position']);
  await qi.createTable('api_keys', { id: id(), orgId: orgId(), hash: text(64), prefix: text(20), label: text(200), createdAt: date(), revokedAt: nullableDate() });
  await qi.addIndex('api_keys', ['hash']);
  await qi.createTable('webhooks', { id: id(), orgId: orgId(), url: text(2000), events: { type: DataTypes.TEXT, allowNull: false }, secret: text(100), createdAt: date() });
  await qi.addIndex('webhooks', ['orgId']);

  await qi.createTable('citizens', { id: id(), orgId: orgId(), phone: text(20), createdAt: date() });
  await qi.addIndex('citizens', ['orgId', 'phone'], { unique: true });
  await qi.createTable('human_checks', {
    id: id(),
    orgId: orgId(),
    kind: text(10),
    salt: { type: DataTypes.STRING(200), allowNull: true },
    secret: text(128),
    signature: { type: DataTypes.STRING(128), allowNull: true },
    expiresAt: date(),
    usedAt: nullableDate(),
    createdAt: date(),
  });
  await qi.addIndex('human_checks', ['orgId', 'expiresAt']);
  await qi.createTable('otp_codes', {
    id: id(),
    orgId: orgId(),
    phone: text(20),
    ip: text(64),
    codeHmac: text(64),
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    expiresAt: date(),
    consumedAt: nullableDate(),
    createdAt: date(),
  });
  await qi.addIndex('otp_codes', ['orgId', 'phone', 'createdAt']);
  await qi.addIndex('otp_codes', ['orgId', 'ip', 'createdAt']);
  await qi.addIndex('otp_codes', ['orgId', 'createdAt']);
  await qi.createTable('sessions', { id: id(), orgId: orgId(), tokenHash: text(64), citizenId: ref(), expiresAt: date(), lastSeenAt: date(), createdAt: date() });
  await qi.addIndex('sessions', ['orgId', 'tokenHash'], { unique: true });

  await qi.createTable('requests', {
    id: id(),
    orgId: orgId(),
    trackingCode: text(20),
    status: text(20),
    fullName: text(1000),
    subject: text(1000),
    unitId: ref(),
    citizenId: ref(),
    letterNumber: { type: DataTypes.STRING(100), allowNull: true },
    letterDate: nullableDate(),
    rejectionReason: { type: DataTypes.TEXT, allowNull: true },
    rejectedAt: nullableDate(),
    replyText: { type: DataTypes.TEXT, allowNull: true },
    repliedAt: nullableDate(),
    createdAt: date(),
    updatedAt: date(),
  });
  await qi.addIndex('requests', ['orgId', 'trackingCode'], { unique: true });
  // Unique only when set: both SQLite and PostgreSQL let several NULLs through a unique index.
  await qi.addIndex('requests', ['orgId', 'letterNumber'], { unique: true });
  await qi.addIndex('requests', ['orgId', 'citizenId', 'createdAt', 'id']);
  await qi.addIndex('requests', ['orgId', 'createdAt', 'id']);
  await qi.addIndex('requests', ['orgId', 'unitId']);
  await qi.createTable('files', {
    id: id(),
    orgId: orgId(),
    requestId: ref(),
    role: text(10),
    name: text(500),
    storageName: text(100),
    type: text(200),
    size: { type: DataTypes.INTEGER, allowNull: false },
    sha256: text(64),
    content: { type: DataTypes.BLOB, allowNull: false },
    createdAt: date(),
  });
  await qi.addIndex('files', ['orgId', 'requestId']);
  await qi.createTable('request_events', { id: id(), orgId: orgId(), requestId: ref(), type: text(20), note: { type: DataTypes.TEXT, allowNull: true }, createdAt: date() });
  await qi.addIndex('request_events', ['orgId', 'requestId', 'createdAt']);
  await qi.createTable('idempotency_keys', {
    id: id(),
    orgId: orgId(),
    citizenId: ref(),
    key: text(255),
    requestHash: text(64),
    status: text(20),
    responseStatus: { type: DataTypes.INTEGER, allowNull: true },
    responseBody: { type: DataTypes.TEXT, allowNull: true },
    createdAt: date(),
  });
  await qi.addIndex('idempotency_keys', ['orgId', 'citizenId', 'key'], { unique: true });

  await qi.createTable('outbox', {
    id: id(),
    orgId: orgId(),
    kind: text(10),
    payload: { type: DataTypes.TEXT, allowNull: false },
    dedupeKey: text(200),
    attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
    nextAttemptAt: date(),
    deliveredAt: nullableDate(),
    lastError: { type: DataTypes.TEXT, allowNull: true },
    claimedAt: nullableDate(),
    createdAt: date(),
  });
  await qi.addIndex('outbox', ['orgId', 'dedupeKey'], { unique: true });
  await qi.addIndex('outbox', ['deliveredAt', 'nextAttemptAt']);
  await qi.createTable('dev_sms', { id: id(), orgId: orgId(), to: text(20), text: { type: DataTypes.TEXT, allowNull: false }, createdAt: date() });
  await qi.addIndex('dev_sms', ['orgId', 'to', 'createdAt']);
}

/** Drops everything the migration made. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  for (const table of ['dev_sms', 'outbox', 'idempotency_keys', 'request_events', 'files', 'requests', 'sessions', 'otp_codes', 'human_checks', 'citizens', 'webhooks', 'api_keys', 'units', 'orgs']) {
    await qi.dropTable(table);
  }
}
