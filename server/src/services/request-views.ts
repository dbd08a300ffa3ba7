import type { Page } from '@citizen-counter/sdk';
import { Op, type WhereOptions } from 'sequelize';
import type { StoreDeps } from '../types.js';
import type { RequestRow } from '../models/index.js';
import type { CitizenRowData, DocumentsRequestData, EventView, FileMeta, RequestData, RequestView } from '../presenters/request.js';
import { citizenRequestRows, requestFiles, unitNames } from '../db/request-queries.js';
import { cursorInvalid } from '../errors/catalogue.js';

/** Loads units and file descriptions (never contents) for a batch of requests, in two raw queries. */
export async function loadViews<R extends CitizenRowData>(deps: StoreDeps, orgId: string, rows: R[]): Promise<RequestView<R>[]> {
  const { db } = deps;
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const unitIds = [...new Set(rows.map((row) => row.unitId))];
  const [units, files] = await Promise.all([unitNames(db, orgId, unitIds), requestFiles(db, orgId, ids)]);
  const unitById = new Map(units.map((unit) => [unit.id, { id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn } }]));
  const filesByRequest = new Map<string, FileMeta[]>();
  for (const file of files) {
    const meta: FileMeta = { id: file.id, role: file.role, name: file.name, type: file.type, size: file.size, sha256: file.sha256, createdAt: file.createdAt, removedAt: file.removedAt };
    const list = filesByRequest.get(file.requestId) ?? [];
    list.push(meta);
    filesByRequest.set(file.requestId, list);
  }
  const asked = await documentsRequests(deps, orgId, rows);
  return rows.map((row) => {
    const own = filesByRequest.get(row.id) ?? [];
    const replies = own.filter((file) => file.role === 'reply');
    return {
      row,
      unit: unitById.get(row.unitId) ?? { id: row.unitId, name: { fa: '', en: '' } },
      bodyFile: own.find((file) => file.role === 'body') as FileMeta,
      replyFile: replies[replies.length - 1] ?? null,
      documentsRequest: asked.get(row.id) ?? null,
    };
  });
}

/** The latest documents request of each given request that awaits documents (one query, only when there is one). */
async function documentsRequests(deps: StoreDeps, orgId: string, rows: CitizenRowData[]): Promise<Map<string, DocumentsRequestData>> {
  const waiting = rows.filter((row) => row.status === 'needs_documents').map((row) => row.id);
  const found = new Map<string, DocumentsRequestData>();
  if (waiting.length === 0) return found;
  const events = await deps.db.models.RequestEvent.findAll({
    where: { orgId, requestId: waiting, type: 'documents_requested' },
    order: [['createdAt', 'ASC'], ['id', 'ASC']],
  });
  for (const event of events) found.set(event.requestId, { message: event.note ?? '', at: event.createdAt });
  return found;
}

/**
 * A citizen's requests newest first, as views: one raw keyset query over (orgId, citizenId,
 * createdAt, id) joined to the unit and the body file, plus one for reply files when a row has a reply.
 */
export async function citizenPage(
  deps: StoreDeps,
  params: { orgId: string; citizenId: string; trackingCode: string | null; cursor: string | undefined; limit: number },
): Promise<Page<RequestView<CitizenRowData>>> {
  const { db } = deps;
  const records = await citizenRequestRows(db, {
    orgId: params.orgId,
    citizenId: params.citizenId,
    trackingCode: params.trackingCode,
    after: readCursor(params.cursor),
    limit: params.limit + 1,
  });
  const views: RequestView<CitizenRowData>[] = records.map((record) => ({
    row: record.request,
    unit: { id: record.request.unitId, name: { fa: record.unitNameFa, en: record.unitNameEn } },
    bodyFile: record.bodyFile,
    replyFile: null,
    documentsRequest: null,
  }));
  const replied = views.filter((view) => view.row.repliedAt !== null || view.row.status === 'needs_documents');
  if (replied.length > 0) {
    const withReplies = await loadViews(deps, params.orgId, replied.map((view) => view.row));
    for (const [index, view] of replied.entries()) {
      view.replyFile = withReplies[index]?.replyFile ?? null;
      view.documentsRequest = withReplies[index]?.documentsRequest ?? null;
    }
  }
  const items = views.slice(0, params.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: views.length > params.limit && last ? encodeCursor(last.row) : null };
}

/** The timeline of one request, oldest first, with the units and files its steps name. */
export async function loadEvents(deps: StoreDeps, orgId: string, requestId: string): Promise<EventView[]> {
  return (await loadEventsOf(deps, orgId, [requestId])).get(requestId) ?? [];
}

/**
 * The timelines of several requests of an org in three queries whatever their number (the steps,
 * the units they name, the files they name), by request id, each oldest first.
 */
export async function loadEventsOf(deps: StoreDeps, orgId: string, requestIds: string[]): Promise<Map<string, EventView[]>> {
  const byRequest = new Map<string, EventView[]>();
  if (requestIds.length === 0) return byRequest;
  const { db } = deps;
  const rows = await db.models.RequestEvent.findAll({ where: { orgId, requestId: [...new Set(requestIds)] }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  const unitIds = [...new Set(rows.flatMap((row) => (row.unitId ? [row.unitId] : [])))];
  const fileIds = rows.flatMap((row) => (row.fileId ? [row.fileId] : []));
  const [units, files] = await Promise.all([
    unitIds.length > 0 ? unitNames(db, orgId, unitIds) : [],
    fileIds.length > 0
      ? db.models.File.findAll({ where: { id: fileIds }, attributes: ['id', 'orgId', 'requestId', 'role', 'name', 'type', 'size', 'sha256', 'createdAt', 'removedAt'] })
      : [],
  ]);
  const unitById = new Map(units.map((unit) => [unit.id, { id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn } }]));
  // A step names a file of its own request only.
  const fileById = new Map(files.filter((file) => file.orgId === orgId).map((file) => [`${file.requestId}/${file.id}`, file]));
  for (const row of rows) {
    const file = row.fileId ? fileById.get(`${row.requestId}/${row.fileId}`) : undefined;
    let events = byRequest.get(row.requestId);
    if (!events) byRequest.set(row.requestId, (events = []));
    events.push({
      event: {
        type: row.type, note: row.note, createdAt: row.createdAt, actorType: row.actorType ?? null, actorRole: row.actorRole ?? null,
        actorId: row.actorId ?? null, actorName: row.actorName ?? null, unitId: row.unitId ?? null, fileId: row.fileId ?? null,
      },
      unit: row.unitId ? (unitById.get(row.unitId) ?? null) : null,
      file: file ? { id: file.id, role: file.role, name: file.name, type: file.type, size: file.size, sha256: file.sha256, createdAt: file.createdAt, removedAt: file.removedAt ?? null } : null,
    });
  }
  return byRequest;
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
    throw cursorInvalid();
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
export async function pageOf(deps: StoreDeps, where: WhereOptions<RequestRow>, limit: number): Promise<Page<RequestData>> {
  const { db } = deps;
  const rows = await db.models.Request.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: limit + 1 });
  return pageFrom(rows.map(plainRequest), limit);
}

/** A request model's columns copied out, so no Sequelize instance leaves the service layer. */
export function plainRequest(row: RequestData): RequestData {
  return {
    id: row.id, orgId: row.orgId, trackingCode: row.trackingCode, status: row.status, fullName: row.fullName,
    subject: row.subject, unitId: row.unitId, citizenId: row.citizenId, letterNumber: row.letterNumber,
    letterDate: row.letterDate, rejectionReason: row.rejectionReason, rejectedAt: row.rejectedAt,
    replyText: row.replyText, repliedAt: row.repliedAt, createdAt: row.createdAt, updatedAt: row.updatedAt,
    currentUnitId: row.currentUnitId, assigneeId: row.assigneeId, version: row.version, dueDate: row.dueDate,
    pausedAt: row.pausedAt, supplementRounds: row.supplementRounds, replyLetterNumber: row.replyLetterNumber,
    letterYear: row.letterYear, appealRounds: row.appealRounds, appealedAt: row.appealedAt,
  };
}

function pageFrom<T extends RequestData>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

function encodeCursor(row: Pick<RequestData, 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([row.createdAt.toISOString(), row.id])).toString('base64url');
}
