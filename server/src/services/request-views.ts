import type { Page } from '@citizen-counter/sdk';
import { Op, type WhereOptions } from 'sequelize';
import type { Database } from '../db/database.js';
import { invalidInput } from '../errors/app-error.js';
import type { RequestEventRow, RequestRow } from '../models/index.js';
import type { FileMeta, RequestData, RequestView } from '../presenters/request.js';
import { toDate, toDateOrNull } from '../db/reader.js';

/** A column value as the drivers return it: dates are strings on SQLite and `Date`s on PostgreSQL. */
type RawValue = string | number | bigint | boolean | Date | Buffer | null;

interface RawFile {
  id: string;
  requestId: string;
  role: 'body' | 'reply';
  name: string;
  type: string;
  size: number | string;
  sha256: string;
  createdAt: string | Date;
}

const requestColumns = [
  'id', 'orgId', 'trackingCode', 'status', 'fullName', 'subject', 'unitId', 'citizenId', 'letterNumber',
  'letterDate', 'rejectionReason', 'rejectedAt', 'replyText', 'repliedAt', 'createdAt', 'updatedAt',
].map((column) => `"${column}"`).join(', ');

/** Loads units and file descriptions (never contents) for a batch of requests, in two raw queries. */
export async function loadViews(db: Database, orgId: string, rows: RequestData[]): Promise<RequestView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const unitIds = [...new Set(rows.map((row) => row.unitId))];
  const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');
  const [units, files] = await Promise.all([
    db.reader.all<{ id: string; nameFa: string; nameEn: string }>(
      `SELECT "id", "nameFa", "nameEn" FROM "units" WHERE "orgId" = ? AND "id" IN (${marks(unitIds.length)})`,
      [orgId, ...unitIds],
    ),
    db.reader.all<RawFile>(
      `SELECT "id", "requestId", "role", "name", "type", "size", "sha256", "createdAt" FROM "files"
       WHERE "orgId" = ? AND "requestId" IN (${marks(ids.length)}) ORDER BY "createdAt" ASC, "id" ASC`,
      [orgId, ...ids],
    ),
  ]);
  const unitById = new Map(units.map((unit) => [unit.id, { id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn } }]));
  const filesByRequest = new Map<string, FileMeta[]>();
  for (const file of files) {
    const meta: FileMeta = { id: file.id, role: file.role, name: file.name, type: file.type, size: Number(file.size), sha256: file.sha256, createdAt: toDate(file.createdAt) };
    const list = filesByRequest.get(file.requestId) ?? [];
    list.push(meta);
    filesByRequest.set(file.requestId, list);
  }
  return rows.map((row) => {
    const own = filesByRequest.get(row.id) ?? [];
    const replies = own.filter((file) => file.role === 'reply');
    return {
      row,
      unit: unitById.get(row.unitId) ?? { id: row.unitId, name: { fa: '', en: '' } },
      bodyFile: own.find((file) => file.role === 'body') as FileMeta,
      replyFile: replies[replies.length - 1] ?? null,
    };
  });
}

/**
 * A citizen's requests newest first, as views: one raw keyset query over (orgId, citizenId,
 * createdAt, id) joined to the unit and the body file, plus one for reply files when a row has a reply.
 */
export async function citizenPage(
  db: Database,
  params: { orgId: string; citizenId: string; trackingCode: string | null; cursor: string | undefined; limit: number },
): Promise<Page<RequestView>> {
  const conditions = ['r."orgId" = ?', 'r."citizenId" = ?'];
  const values: (string | Date)[] = [params.orgId, params.citizenId];
  if (params.trackingCode) {
    conditions.push('r."trackingCode" = ?');
    values.push(params.trackingCode);
  }
  const cursor = readCursor(params.cursor);
  if (cursor) {
    const at = db.reader.dateParam(cursor.createdAt);
    conditions.push('r."createdAt" <= ?', '(r."createdAt" < ? OR r."id" < ?)');
    values.push(at, at, cursor.id);
  }
  const raw = await db.reader.all<Record<string, RawValue>>(
    `SELECT ${requestColumns.replace(/"(\w+)"/g, 'r."$1"')},
       u."nameFa" AS "unitNameFa", u."nameEn" AS "unitNameEn",
       f."id" AS "fileId", f."name" AS "fileName", f."type" AS "fileType", f."size" AS "fileSize",
       f."sha256" AS "fileSha256", f."createdAt" AS "fileCreatedAt"
     FROM "requests" r
     LEFT JOIN "units" u ON u."orgId" = r."orgId" AND u."id" = r."unitId"
     LEFT JOIN "files" f ON f."orgId" = r."orgId" AND f."requestId" = r."id" AND f."role" = 'body'
     WHERE ${conditions.join(' AND ')} ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ?`,
    [...values, params.limit + 1],
  );
  const views: RequestView[] = raw.map((item) => ({
    row: toRequestData(item),
    unit: { id: String(item['unitId']), name: { fa: String(item['unitNameFa'] ?? ''), en: String(item['unitNameEn'] ?? '') } },
    bodyFile: {
      id: String(item['fileId']),
      role: 'body',
      name: String(item['fileName']),
      type: String(item['fileType']),
      size: Number(item['fileSize']),
      sha256: String(item['fileSha256']),
      createdAt: toDate(item['fileCreatedAt']),
    },
    replyFile: null,
  }));
  const replied = views.filter((view) => view.row.repliedAt !== null);
  if (replied.length > 0) {
    const withReplies = await loadViews(db, params.orgId, replied.map((view) => view.row));
    for (const [index, view] of replied.entries()) view.replyFile = withReplies[index]?.replyFile ?? null;
  }
  const items = views.slice(0, params.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: views.length > params.limit && last ? encodeCursor(last.row) : null };
}

function toRequestData(raw: Record<string, RawValue>): RequestData {
  return {
    id: String(raw['id']),
    orgId: String(raw['orgId']),
    trackingCode: String(raw['trackingCode']),
    status: raw['status'] as RequestData['status'],
    fullName: String(raw['fullName']),
    subject: String(raw['subject']),
    unitId: String(raw['unitId']),
    citizenId: String(raw['citizenId']),
    letterNumber: (raw['letterNumber'] as string | null) ?? null,
    letterDate: toDateOrNull(raw['letterDate']),
    rejectionReason: (raw['rejectionReason'] as string | null) ?? null,
    rejectedAt: toDateOrNull(raw['rejectedAt']),
    replyText: (raw['replyText'] as string | null) ?? null,
    repliedAt: toDateOrNull(raw['repliedAt']),
    createdAt: toDate(raw['createdAt']),
    updatedAt: toDate(raw['updatedAt']),
  };
}

/** A request's timeline, oldest first. */
export function loadEvents(db: Database, orgId: string, requestId: string): Promise<RequestEventRow[]> {
  return db.models.RequestEvent.findAll({ where: { orgId, requestId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
}

/** Items per page when the query gives no `limit` (the schema bounds it to 1–100). */
export const defaultLimit = 20;

/** Decodes an opaque cursor; one that was not made by {@link encodeCursor} is `invalid_input`. */
function readCursor(cursor: string | undefined): { createdAt: Date; id: string } | null {
  if (cursor === undefined || cursor === '') return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    const createdAt = new Date(at);
    if (Number.isNaN(createdAt.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { createdAt, id };
  } catch {
    throw invalidInput('The cursor is not valid.', { field: 'cursor' });
  }
}

/** The keyset condition of an opaque cursor over (createdAt desc, id desc), for Sequelize queries. */
export function cursorWhere(cursor: string | undefined): WhereOptions<RequestRow> {
  const parsed = readCursor(cursor);
  if (!parsed) return {};
  // The `<=` bound lets the database walk its (…, createdAt, id) index from the cursor on.
  const { createdAt, id } = parsed;
  return { createdAt: { [Op.lte]: createdAt }, [Op.or]: [{ createdAt: { [Op.lt]: createdAt } }, { id: { [Op.lt]: id } }] };
}

/** Fetches one page of requests newest first; `limit + 1` rows tell whether there is more. */
export async function pageOf(db: Database, where: WhereOptions<RequestRow>, limit: number): Promise<Page<RequestRow>> {
  const rows = await db.models.Request.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: limit + 1 });
  return pageFrom(rows, limit);
}

function pageFrom<T extends RequestData>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

function encodeCursor(row: RequestData): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}
