import { DataTypes, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';
import type { StoreKind } from '../storage/file-store.js';
import type { RequestEventType, RequestStatus } from '@citizen-counter/sdk';

/** A citizen's request (درخواست). */
export interface RequestRow extends Model<InferAttributes<RequestRow>, InferCreationAttributes<RequestRow>> {
  id: string;
  orgId: string;
  trackingCode: string;
  status: RequestStatus;
  fullName: string;
  subject: string;
  unitId: string;
  citizenId: string;
  letterNumber: string | null;
  letterDate: Date | null;
  rejectionReason: string | null;
  rejectedAt: Date | null;
  replyText: string | null;
  repliedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The unit the request is at now; `null` when it is back at the secretariat. */
  currentUnitId: string | null;
  /** The person it was referred to, if any. */
  assigneeId: string | null;
  /** Goes up by one with every change; a stale one is refused (409 `request_changed`). */
  version: number;
  /** The day a response is due (`YYYY-MM-DD`, the org's calendar). */
  dueDate: string | null;
  /** Since when the clock is stopped (`needs_documents`). */
  pausedAt: Date | null;
  /** How many times documents were asked for. */
  supplementRounds: number;
  /** Subject, name, tracking code, letter number and phone, folded for search. */
  searchText: string | null;
  /** The outgoing letter number (صادره) of the registered reply. */
  replyLetterNumber: string | null;
  /** The Jalali year of the register the letter number belongs to (numbers are unique per org and year). */
  letterYear: number | null;
  /** How many times the citizen appealed a rejection. */
  appealRounds: number;
  /** When the latest appeal came; `null` for a request never appealed. */
  appealedAt: Date | null;
  /** When it was last approved or rejected, from which the org's `retention.days` count; `null` while open. */
  closedAt?: Date | null;
}

/**
 * A stored file's description; `name` is the citizen's. `store` says where its content is:
 * `content` itself for the database store, else the store's key in `storageName` (server-made).
 */
export interface FileRow extends Model<InferAttributes<FileRow>, InferCreationAttributes<FileRow>> {
  id: string;
  orgId: string;
  requestId: string;
  role: 'body' | 'reply' | 'supplement' | 'appeal';
  name: string;
  storageName: string;
  store: StoreKind;
  type: string;
  size: number;
  sha256: string;
  content: Buffer | null;
  createdAt: Date;
  /** When the content was removed (retention policy, deleted account); the row stays to say so. */
  removedAt?: Date | null;
  /** Why: `retention` or `account_deleted`. */
  removedReason?: 'retention' | 'account_deleted' | null;
}

/** One step of a request's timeline. */
export interface RequestEventRow extends Model<InferAttributes<RequestEventRow>, InferCreationAttributes<RequestEventRow>> {
  id: string;
  orgId: string;
  requestId: string;
  type: RequestEventType;
  note: string | null;
  createdAt: Date;
  /** `citizen`, `staff`, `api_key` or `system`. */
  actorType?: string | null;
  /** The role the citizen sees: `citizen`, `registrar` (the secretariat), `handler` (a unit), `admin`. */
  actorRole?: string | null;
  actorId?: string | null;
  actorName?: string | null;
  /** The unit a referral sent the request to. */
  unitId?: string | null;
  /** A file the step brought (a supplement). */
  fileId?: string | null;
}

/** A remembered `Idempotency-Key` with the first answer given to it. */
export interface IdempotencyKeyRow extends Model<InferAttributes<IdempotencyKeyRow>, InferCreationAttributes<IdempotencyKeyRow>> {
  id: string;
  orgId: string;
  citizenId: string;
  key: string;
  requestHash: string;
  status: 'in_progress' | 'done';
  responseStatus: number | null;
  responseBody: string | null;
  createdAt: Date;
}

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const orgId = () => ({ type: DataTypes.STRING(64), allowNull: false });
const ref = () => ({ type: DataTypes.STRING(64), allowNull: false });
const date = () => ({ type: DataTypes.DATE, allowNull: false });
const nullableDate = () => ({ type: DataTypes.DATE, allowNull: true });
const nullableRef = () => ({ type: DataTypes.STRING(64), allowNull: true });

/** Defines the request models on `sequelize`. */
export function defineRequestModels(sequelize: Sequelize): {
  Request: ModelStatic<RequestRow>;
  File: ModelStatic<FileRow>;
  RequestEvent: ModelStatic<RequestEventRow>;
  IdempotencyKey: ModelStatic<IdempotencyKeyRow>;
} {
  const options = { timestamps: false } as const;
  const Request = sequelize.define<RequestRow>(
    'Request',
    {
      id: id(),
      orgId: orgId(),
      trackingCode: { type: DataTypes.STRING(20), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      fullName: { type: DataTypes.STRING(1000), allowNull: false },
      subject: { type: DataTypes.STRING(1000), allowNull: false },
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
      currentUnitId: nullableRef(),
      assigneeId: nullableRef(),
      version: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 1 },
      dueDate: { type: DataTypes.STRING(10), allowNull: true },
      pausedAt: nullableDate(),
      supplementRounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      searchText: { type: DataTypes.TEXT, allowNull: true },
      replyLetterNumber: { type: DataTypes.STRING(100), allowNull: true },
      letterYear: { type: DataTypes.INTEGER, allowNull: true },
      appealRounds: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      appealedAt: nullableDate(),
      closedAt: nullableDate(),
    },
    { ...options, tableName: 'requests' },
  );
  const File = sequelize.define<FileRow>(
    'File',
    {
      id: id(),
      orgId: orgId(),
      requestId: ref(),
      role: { type: DataTypes.STRING(10), allowNull: false },
      name: { type: DataTypes.STRING(500), allowNull: false },
      storageName: { type: DataTypes.STRING(200), allowNull: false },
      store: { type: DataTypes.STRING(20), allowNull: false, defaultValue: 'database' },
      type: { type: DataTypes.STRING(200), allowNull: false },
      size: { type: DataTypes.INTEGER, allowNull: false },
      sha256: { type: DataTypes.STRING(64), allowNull: false },
      content: { type: DataTypes.BLOB, allowNull: true },
      createdAt: date(),
      removedAt: nullableDate(),
      removedReason: { type: DataTypes.STRING(20), allowNull: true },
    },
    { ...options, tableName: 'files' },
  );
  const RequestEvent = sequelize.define<RequestEventRow>(
    'RequestEvent',
    {
      id: id(),
      orgId: orgId(),
      requestId: ref(),
      type: { type: DataTypes.STRING(20), allowNull: false },
      note: { type: DataTypes.TEXT, allowNull: true },
      createdAt: date(),
      actorType: { type: DataTypes.STRING(20), allowNull: true },
      actorRole: { type: DataTypes.STRING(20), allowNull: true },
      actorId: nullableRef(),
      actorName: { type: DataTypes.STRING(200), allowNull: true },
      unitId: nullableRef(),
      fileId: nullableRef(),
    },
    { ...options, tableName: 'request_events' },
  );
  const IdempotencyKey = sequelize.define<IdempotencyKeyRow>(
    'IdempotencyKey',
    {
      id: id(),
      orgId: orgId(),
      citizenId: ref(),
      key: { type: DataTypes.STRING(255), allowNull: false },
      requestHash: { type: DataTypes.STRING(64), allowNull: false },
      status: { type: DataTypes.STRING(20), allowNull: false },
      responseStatus: { type: DataTypes.INTEGER, allowNull: true },
      responseBody: { type: DataTypes.TEXT, allowNull: true },
      createdAt: date(),
    },
    { ...options, tableName: 'idempotency_keys' },
  );
  return { Request, File, RequestEvent, IdempotencyKey };
}
