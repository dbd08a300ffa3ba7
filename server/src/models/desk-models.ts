import type { StaffRole } from '@citizen-counter/sdk';
import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** A staff member of an org, who logs in with an SMS code. */
export interface StaffRow extends Model<InferAttributes<StaffRow>, InferCreationAttributes<StaffRow>> {
  id: string;
  orgId: string;
  phone: string;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A unit a handler works. */
export interface StaffUnitRow extends Model<InferAttributes<StaffUnitRow>, InferCreationAttributes<StaffUnitRow>> {
  orgId: string;
  staffId: string;
  unitId: string;
}

/** A staff session; the bearer token is stored as its SHA-256. */
export interface StaffSessionRow extends Model<InferAttributes<StaffSessionRow>, InferCreationAttributes<StaffSessionRow>> {
  id: string;
  orgId: string;
  tokenHash: string;
  staffId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  createdAt: Date;
}

/** An internal note on a request: staff only. */
export interface RequestNoteRow extends Model<InferAttributes<RequestNoteRow>, InferCreationAttributes<RequestNoteRow>> {
  id: string;
  orgId: string;
  requestId: string;
  authorType: string;
  authorId: string;
  text: string;
  createdAt: Date;
}

/** One staff action: who, when, what, from which status to which. `details` is JSON text. */
export interface AuditRow extends Model<InferAttributes<AuditRow>, InferCreationAttributes<AuditRow>> {
  id: string;
  orgId: string;
  requestId: string | null;
  actorType: string;
  actorId: string;
  actorName: string | null;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  details: string | null;
  createdAt: Date;
}

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const key = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const ref = () => ({ type: DataTypes.STRING(64), allowNull: false });
const date = () => ({ type: DataTypes.DATE, allowNull: false });
const text = (length: number) => ({ type: DataTypes.STRING(length), allowNull: false });
const nullableText = (length: number) => ({ type: DataTypes.STRING(length), allowNull: true });

/** Defines the desk's models on `sequelize`. */
export function defineDeskModels(sequelize: Sequelize): {
  Staff: ModelStatic<StaffRow>;
  StaffUnit: ModelStatic<StaffUnitRow>;
  StaffSession: ModelStatic<StaffSessionRow>;
  RequestNote: ModelStatic<RequestNoteRow>;
  Audit: ModelStatic<AuditRow>;
} {
  const options = { timestamps: false } as const;
  const Staff = sequelize.define<StaffRow>(
    'Staff',
    {
      id: id(),
      orgId: ref(),
      phone: text(20),
      name: text(200),
      role: text(20),
      active: { type: DataTypes.BOOLEAN, allowNull: false, defaultValue: true },
      createdAt: date(),
      updatedAt: date(),
    },
    { ...options, tableName: 'staff' },
  );
  const StaffUnit = sequelize.define<StaffUnitRow>('StaffUnit', { orgId: key(), staffId: key(), unitId: key() }, { ...options, tableName: 'staff_units' });
  const StaffSession = sequelize.define<StaffSessionRow>(
    'StaffSession',
    { id: id(), orgId: ref(), tokenHash: text(64), staffId: ref(), expiresAt: date(), lastSeenAt: date(), createdAt: date() },
    { ...options, tableName: 'staff_sessions' },
  );
  const RequestNote = sequelize.define<RequestNoteRow>(
    'RequestNote',
    { id: id(), orgId: ref(), requestId: ref(), authorType: text(20), authorId: ref(), text: { type: DataTypes.TEXT, allowNull: false }, createdAt: date() },
    { ...options, tableName: 'request_notes' },
  );
  const Audit = sequelize.define<AuditRow>(
    'Audit',
    {
      id: id(),
      orgId: ref(),
      requestId: { type: DataTypes.STRING(64), allowNull: true },
      actorType: text(20),
      actorId: ref(),
      actorName: nullableText(200),
      action: text(40),
      fromStatus: nullableText(20),
      toStatus: nullableText(20),
      details: { type: DataTypes.TEXT, allowNull: true },
      createdAt: date(),
    },
    { ...options, tableName: 'audit_log' },
  );
  return { Staff, StaffUnit, StaffSession, RequestNote, Audit };
}
