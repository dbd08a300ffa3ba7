import { DataTypes, type QueryInterface } from 'sequelize';

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const orgId = () => ({ type: DataTypes.STRING(64), allowNull: false });
const ref = () => ({ type: DataTypes.STRING(64), allowNull: false });
const nullableRef = () => ({ type: DataTypes.STRING(64), allowNull: true });
const date = () => ({ type: DataTypes.DATE, allowNull: false });
const text = (length: number) => ({ type: DataTypes.STRING(length), allowNull: false });
const nullableText = (length: number) => ({ type: DataTypes.STRING(length), allowNull: true });

/**
 * The organization's desk: staff people with roles and units, their sessions, internal notes, the
 * audit trail and per-org templates; on existing tables, a role per API key, a code and a
 * response time per unit, an audience per login code (citizen or staff), and per request the unit
 * it is at now, a version for optimistic locking, a due date and the folded search text.
 */
export async function up({ context: qi }: { context: QueryInterface }): Promise<void> {
  await qi.createTable('staff', {
    id: id(),
    orgId: orgId(),
    phone: text(20),
    name: text(200),
    role: text(20),
    active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
    createdAt: date(),
    updatedAt: date(),
  });
  await qi.addIndex('staff', ['orgId', 'phone'], { unique: true });
  await qi.createTable('staff_units', {
    orgId: { ...orgId(), primaryKey: true },
    staffId: { ...ref(), primaryKey: true },
    unitId: { ...ref(), primaryKey: true },
  });
  await qi.addIndex('staff_units', ['orgId', 'unitId']);
  await qi.createTable('staff_sessions', {
    id: id(),
    orgId: orgId(),
    tokenHash: text(64),
    staffId: ref(),
    expiresAt: date(),
    lastSeenAt: date(),
    createdAt: date(),
  });
  await qi.addIndex('staff_sessions', ['orgId', 'tokenHash'], { unique: true });
  await qi.addIndex('staff_sessions', ['orgId', 'staffId']);

  await qi.createTable('request_notes', {
    id: id(),
    orgId: orgId(),
    requestId: ref(),
    authorType: text(20),
    authorId: ref(),
    text: { type: DataTypes.TEXT, allowNull: false },
    createdAt: date(),
  });
  await qi.addIndex('request_notes', ['orgId', 'requestId', 'createdAt']);
  await qi.createTable('audit_log', {
    id: id(),
    orgId: orgId(),
    requestId: nullableRef(),
    actorType: text(20),
    actorId: ref(),
    actorName: nullableText(200),
    action: text(40),
    fromStatus: nullableText(20),
    toStatus: nullableText(20),
    details: { type: DataTypes.TEXT, allowNull: true },
    createdAt: date(),
  });
  await qi.addIndex('audit_log', ['orgId', 'requestId', 'createdAt']);
  await qi.addIndex('audit_log', ['orgId', 'createdAt']);
  await qi.createTable('templates', {
    id: id(),
    orgId: orgId(),
    kind: text(20),
    name: text(100),
    locale: text(5),
    body: { type: DataTypes.TEXT, allowNull: false },
    createdAt: date(),
    updatedAt: date(),
  });
  await qi.addIndex('templates', ['orgId', 'kind', 'name', 'locale'], { unique: true });

  const timestamp = qi.sequelize.getDialect() === 'postgres' ? 'TIMESTAMP WITH TIME ZONE' : 'DATETIME';
  await addColumn(qi, 'api_keys', 'role', "VARCHAR(20) NOT NULL DEFAULT 'admin'");
  await addColumn(qi, 'units', 'code', 'VARCHAR(20)');
  await addColumn(qi, 'units', 'responseDays', 'INTEGER');
  await addColumn(qi, 'otp_codes', 'audience', "VARCHAR(10) NOT NULL DEFAULT 'citizen'");
  await addColumn(qi, 'requests', 'currentUnitId', 'VARCHAR(64)');
  await addColumn(qi, 'requests', 'version', 'INTEGER NOT NULL DEFAULT 1');
  await addColumn(qi, 'requests', 'dueDate', 'VARCHAR(10)');
  await addColumn(qi, 'requests', 'pausedAt', timestamp);
  await addColumn(qi, 'requests', 'supplementRounds', 'INTEGER NOT NULL DEFAULT 0');
  await addColumn(qi, 'requests', 'searchText', 'TEXT');
  await qi.sequelize.query('UPDATE "requests" SET "currentUnitId" = "unitId" WHERE "currentUnitId" IS NULL');
  await qi.addIndex('requests', ['orgId', 'currentUnitId', 'status']);
  await qi.addIndex('requests', ['orgId', 'status', 'createdAt', 'id']);
  await qi.addIndex('requests', ['orgId', 'dueDate']);
  await addColumn(qi, 'request_events', 'actorType', 'VARCHAR(20)');
  await addColumn(qi, 'request_events', 'actorRole', 'VARCHAR(20)');
  await addColumn(qi, 'request_events', 'unitId', 'VARCHAR(64)');
}

/**
 * Plain `ALTER TABLE … ADD COLUMN`, valid in both dialects. QueryInterface's own `addColumn`
 * qualifies the table with `public` on PostgreSQL, which misses a database kept in another schema.
 */
async function addColumn(qi: QueryInterface, table: string, column: string, definition: string): Promise<void> {
  await qi.sequelize.query(`ALTER TABLE "${table}" ADD COLUMN "${column}" ${definition}`);
}

/** Drops what {@link up} added. */
export async function down({ context: qi }: { context: QueryInterface }): Promise<void> {
  // SQLite refuses to drop a column an index still names.
  for (const fields of [['orgId', 'currentUnitId', 'status'], ['orgId', 'status', 'createdAt', 'id'], ['orgId', 'dueDate']]) {
    await qi.removeIndex('requests', fields);
  }
  for (const [table, column] of [
    ['request_events', 'unitId'], ['request_events', 'actorRole'], ['request_events', 'actorType'],
    ['requests', 'searchText'], ['requests', 'supplementRounds'], ['requests', 'pausedAt'], ['requests', 'dueDate'],
    ['requests', 'version'], ['requests', 'currentUnitId'], ['otp_codes', 'audience'], ['units', 'responseDays'],
    ['units', 'code'], ['api_keys', 'role'],
  ] as const) {
    await qi.sequelize.query(`ALTER TABLE "${table}" DROP COLUMN "${column}"`);
  }
  for (const table of ['templates', 'audit_log', 'request_notes', 'staff_sessions', 'staff_units', 'staff']) await qi.dropTable(table);
}
