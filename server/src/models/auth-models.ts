import { DataTypes, type CreationOptional, type InferAttributes, type InferCreationAttributes, type Model, type ModelStatic, type Sequelize } from 'sequelize';

/** A citizen of one org, known by an E.164 phone. */
export interface CitizenRow extends Model<InferAttributes<CitizenRow>, InferCreationAttributes<CitizenRow>> {
  id: string;
  orgId: string;
  phone: string;
  createdAt: Date;
}

/** A single-use human check; `secret` is the PoW challenge hash or the HMAC of the image text. */
export interface HumanCheckRow extends Model<InferAttributes<HumanCheckRow>, InferCreationAttributes<HumanCheckRow>> {
  id: string;
  orgId: string;
  kind: 'pow' | 'image';
  salt: string | null;
  secret: string;
  signature: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  /** The address it was made for: challenges are capped per address. */
  ip: string | null;
  createdAt: Date;
}

/** A sent one-time code, stored as an HMAC; rows also count sends for the caps. */
export interface OtpCodeRow extends Model<InferAttributes<OtpCodeRow>, InferCreationAttributes<OtpCodeRow>> {
  id: string;
  orgId: string;
  phone: string;
  ip: string;
  /** The address's /24 (IPv4) or /56 (IPv6), counted by the per-block cap. */
  ipBlock: string | null;
  /** The number without its last four digits, counted by the per-prefix cap. */
  phonePrefix: string | null;
  codeHmac: string;
  /** Who the code logs in: a citizen or a staff member. */
  audience: CreationOptional<'citizen' | 'staff'>;
  attempts: CreationOptional<number>;
  expiresAt: Date;
  consumedAt: Date | null;
  createdAt: Date;
}

/** A citizen session; the bearer token is stored as its SHA-256. */
export interface SessionRow extends Model<InferAttributes<SessionRow>, InferCreationAttributes<SessionRow>> {
  id: string;
  orgId: string;
  tokenHash: string;
  citizenId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  createdAt: Date;
}

/** A wrong operator or staff key presented from an address; the rows bound further tries. */
export interface KeyFailureRow extends Model<InferAttributes<KeyFailureRow>, InferCreationAttributes<KeyFailureRow>> {
  id: string;
  ip: string;
  createdAt: Date;
}

const id = () => ({ type: DataTypes.STRING(64), primaryKey: true, allowNull: false });
const orgId = () => ({ type: DataTypes.STRING(64), allowNull: false });
const date = () => ({ type: DataTypes.DATE, allowNull: false });
const nullableDate = () => ({ type: DataTypes.DATE, allowNull: true });

/** Defines the login models on `sequelize`. */
export function defineAuthModels(sequelize: Sequelize): {
  Citizen: ModelStatic<CitizenRow>;
  HumanCheck: ModelStatic<HumanCheckRow>;
  OtpCode: ModelStatic<OtpCodeRow>;
  Session: ModelStatic<SessionRow>;
  KeyFailure: ModelStatic<KeyFailureRow>;
} {
  const options = { timestamps: false } as const;
  const Citizen = sequelize.define<CitizenRow>(
    'Citizen',
    { id: id(), orgId: orgId(), phone: { type: DataTypes.STRING(20), allowNull: false }, createdAt: date() },
    { ...options, tableName: 'citizens' },
  );
  const HumanCheck = sequelize.define<HumanCheckRow>(
    'HumanCheck',
    {
      id: id(),
      orgId: orgId(),
      kind: { type: DataTypes.STRING(10), allowNull: false },
      salt: { type: DataTypes.STRING(200), allowNull: true },
      secret: { type: DataTypes.STRING(128), allowNull: false },
      signature: { type: DataTypes.STRING(128), allowNull: true },
      expiresAt: date(),
      usedAt: nullableDate(),
      ip: { type: DataTypes.STRING(64), allowNull: true },
      createdAt: date(),
    },
    { ...options, tableName: 'human_checks' },
  );
  const OtpCode = sequelize.define<OtpCodeRow>(
    'OtpCode',
    {
      id: id(),
      orgId: orgId(),
      phone: { type: DataTypes.STRING(20), allowNull: false },
      ip: { type: DataTypes.STRING(64), allowNull: false },
      ipBlock: { type: DataTypes.STRING(64), allowNull: true },
      phonePrefix: { type: DataTypes.STRING(64), allowNull: true },
      codeHmac: { type: DataTypes.STRING(64), allowNull: false },
      audience: { type: DataTypes.STRING(10), allowNull: false, defaultValue: 'citizen' },
      attempts: { type: DataTypes.INTEGER, allowNull: false, defaultValue: 0 },
      expiresAt: date(),
      consumedAt: nullableDate(),
      createdAt: date(),
    },
    { ...options, tableName: 'otp_codes' },
  );
  const Session = sequelize.define<SessionRow>(
    'Session',
    {
      id: id(),
      orgId: orgId(),
      tokenHash: { type: DataTypes.STRING(64), allowNull: false },
      citizenId: { type: DataTypes.STRING(64), allowNull: false },
      expiresAt: date(),
      lastSeenAt: date(),
      createdAt: date(),
    },
    { ...options, tableName: 'sessions' },
  );
  const KeyFailure = sequelize.define<KeyFailureRow>(
    'KeyFailure',
    { id: id(), ip: { type: DataTypes.STRING(64), allowNull: false }, createdAt: date() },
    { ...options, tableName: 'key_failures' },
  );
  return { Citizen, HumanCheck, OtpCode, Session, KeyFailure };
}
