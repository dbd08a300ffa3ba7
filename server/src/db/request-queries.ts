import type { RequestStatus } from '@citizen-counter/sdk';
import type { InferAttributes } from 'sequelize';
import type { RequestRow } from '../models/index.js';
import type { Database } from './database.js';
import { toDate, toDateOrNull } from './sql-text.js';

/** A column value as the drivers return it: dates are strings on SQLite and `Date`s on PostgreSQL. */
type RawValue = string | number | bigint | boolean | Date | Buffer | null;

/** A request's columns as plain data: the model's attributes, without the model (nor its search text). */
export type RequestRecord = Omit<InferAttributes<RequestRow>, 'searchText'>;

/** A unit's names. */
export interface UnitNameRecord {
  id: string;
  nameFa: string;
  nameEn: string;
}

/** A file's description, never its content. */
export interface FileRecord {
  id: string;
  requestId: string;
  role: 'body' | 'reply' | 'supplement' | 'appeal';
  name: string;
  type: string;
  size: number;
  sha256: string;
  createdAt: Date;
  /** When the content was removed for good, or `null`. */
  removedAt: Date | null;
}

/** The columns of a request the citizen's list shows. */
export type CitizenListRequest = Pick<
  RequestRecord,
  | 'id' | 'orgId' | 'trackingCode' | 'status' | 'fullName' | 'subject' | 'unitId' | 'letterNumber' | 'letterDate'
  | 'rejectionReason' | 'rejectedAt' | 'replyText' | 'repliedAt' | 'createdAt' | 'updatedAt' | 'dueDate' | 'appealRounds' | 'appealedAt'
>;

/** A row of the citizen's list: the request, its unit's names and its body file. */
export interface CitizenListRecord {
  request: CitizenListRequest;
  unitNameFa: string;
  unitNameEn: string;
  bodyFile: FileRecord;
}

// Only what the list shows: the staff's columns (assignee, version, rounds…) stay on disk.
const listColumns = [
  'id', 'orgId', 'trackingCode', 'status', 'fullName', 'subject', 'unitId', 'letterNumber', 'letterDate', 'rejectionReason',
  'rejectedAt', 'replyText', 'repliedAt', 'createdAt', 'updatedAt', 'dueDate', 'appealRounds', 'appealedAt',
].map((column) => `r."${column}"`).join(', ');

const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/** The names of the given units of an org. */
export function unitNames(db: Database, orgId: string, unitIds: string[]): Promise<UnitNameRecord[]> {
  return db.reader.all<UnitNameRecord>(
    `SELECT "id", "nameFa", "nameEn" FROM "units" WHERE "orgId" = ? AND "id" IN (${marks(unitIds.length)})`,
    [orgId, ...unitIds],
  );
}

/** The files of the given requests of an org, oldest first. */
export async function requestFiles(db: Database, orgId: string, requestIds: string[]): Promise<FileRecord[]> {
  const raw = await db.reader.all<Omit<FileRecord, 'size' | 'createdAt' | 'removedAt'> & { size: number | string; createdAt: string | Date; removedAt: string | Date | null }>(
    `SELECT "id", "requestId", "role", "name", "type", "size", "sha256", "createdAt", "removedAt" FROM "files"
     WHERE "orgId" = ? AND "requestId" IN (${marks(requestIds.length)}) ORDER BY "createdAt" ASC, "id" ASC`,
    [orgId, ...requestIds],
  );
  return raw.map((file) => ({ ...file, size: Number(file.size), createdAt: toDate(file.createdAt), removedAt: toDateOrNull(file.removedAt) }));
}

/** Input of {@link citizenRequestRows}. */
export interface CitizenRowsParams {
  orgId: string;
  citizenId: string;
  trackingCode: string | null;
  /** The keyset position to continue after (createdAt desc, id desc), or `null` for the first page. */
  after: { createdAt: Date; id: string } | null;
  limit: number;
}

/**
 * A citizen's requests newest first: one keyset query over (orgId, citizenId, createdAt, id) joined
 * to the unit and the body file.
 */
export async function citizenRequestRows(db: Database, params: CitizenRowsParams): Promise<CitizenListRecord[]> {
  const { sql, values } = citizenListQuery(db, params);
  const raw = await db.reader.all<Record<string, RawValue>>(sql, values);
  return raw.map((item) => ({
    request: toListRequest(item),
    unitNameFa: String(item['unitNameFa'] ?? ''),
    unitNameEn: String(item['unitNameEn'] ?? ''),
    bodyFile: {
      id: String(item['fileId']),
      requestId: String(item['id']),
      role: 'body',
      name: String(item['fileName']),
      type: String(item['fileType']),
      size: Number(item['fileSize']),
      sha256: String(item['fileSha256']),
      createdAt: toDate(item['fileCreatedAt']),
      removedAt: toDateOrNull(item['fileRemovedAt']),
    },
  }));
}

/**
 * The SQL of {@link citizenRequestRows} with its parameters. The requests are walked on their
 * (orgId, citizenId, createdAt, id) index; the body file comes from the covering index of
 * migration 0014 alone, without reading the files table (whose rows may hold a file's content).
 */
export function citizenListQuery(db: Database, params: CitizenRowsParams): { sql: string; values: (string | Date | number)[] } {
  const conditions = ['r."orgId" = ?', 'r."citizenId" = ?'];
  const values: (string | Date | number)[] = [params.orgId, params.citizenId];
  if (params.trackingCode) {
    conditions.push('r."trackingCode" = ?');
    values.push(params.trackingCode);
  }
  if (params.after) {
    const at = db.reader.dateParam(params.after.createdAt);
    // The `<=` bound lets the database walk its (…, createdAt, id) index from the cursor on.
    conditions.push('r."createdAt" <= ?', '(r."createdAt" < ? OR r."id" < ?)');
    values.push(at, at, params.after.id);
  }
  const sql = `SELECT ${listColumns},
       u."nameFa" AS "unitNameFa", u."nameEn" AS "unitNameEn",
       f."id" AS "fileId", f."name" AS "fileName", f."type" AS "fileType", f."size" AS "fileSize",
       f."sha256" AS "fileSha256", f."createdAt" AS "fileCreatedAt", f."removedAt" AS "fileRemovedAt"
     FROM "requests" r
     LEFT JOIN "units" u ON u."orgId" = r."orgId" AND u."id" = r."unitId"
     LEFT JOIN "files" f ON f."orgId" = r."orgId" AND f."requestId" = r."id" AND f."role" = 'body'
     WHERE ${conditions.join(' AND ')} ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ?`;
  return { sql, values: [...values, params.limit] };
}

function toListRequest(raw: Record<string, RawValue>): CitizenListRequest {
  return {
    id: String(raw['id']),
    orgId: String(raw['orgId']),
    trackingCode: String(raw['trackingCode']),
    status: raw['status'] as RequestStatus,
    fullName: String(raw['fullName']),
    subject: String(raw['subject']),
    unitId: String(raw['unitId']),
    letterNumber: (raw['letterNumber'] as string | null) ?? null,
    letterDate: toDateOrNull(raw['letterDate']),
    rejectionReason: (raw['rejectionReason'] as string | null) ?? null,
    rejectedAt: toDateOrNull(raw['rejectedAt']),
    replyText: (raw['replyText'] as string | null) ?? null,
    repliedAt: toDateOrNull(raw['repliedAt']),
    createdAt: toDate(raw['createdAt']),
    updatedAt: toDate(raw['updatedAt']),
    dueDate: (raw['dueDate'] as string | null) ?? null,
    appealRounds: Number(raw['appealRounds'] ?? 0),
    appealedAt: toDateOrNull(raw['appealedAt']),
  };
}
