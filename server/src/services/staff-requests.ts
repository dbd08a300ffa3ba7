import type { Note, Page, RequestStatus, StaffRequest, Unit, WebhookEventType } from '@citizen-counter/sdk';
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import { takeNextNumber } from '../db/letter-register.js';
import { searchCondition } from '../db/search-index.js';
import {
  assigneeNotInUnit,
  documentsAlreadyRequested,
  letterNumberTaken,
  requestAlreadyDecided,
  requestAtSecretariat,
  requestChanged,
  requestNotFound,
  supplementRoundsExceeded,
  unitNotFound,
} from '../errors/catalogue.js';
import { newId } from '../lib/crypto.js';
import { jalaliYear } from '../lib/jalali.js';
import { searchTextOf } from '../lib/search-text.js';
import type { RequestRow } from '../models/index.js';
import { enqueueSms, enqueueWebhooks } from '../outbox/enqueue.js';
import { presentActor, presentStaffRequest, type RequestData } from '../presenters/request.js';
import type { SmsTemplate } from '../sms/templates.js';
import type { Deps, FileDeps, StaffPrincipal, StoreDeps } from '../types.js';
import { recordAudit } from './audit.js';
import { citizenSms, notifies } from './sms-texts.js';
import { composeText } from './templates.js';
import { readFile, storeFile, type StoredFile } from './citizen-requests.js';
import type { CheckedFile } from './file-rules.js';
import { formatLetterNumber } from './letter-register.js';
import type { LoadedOrg } from './orgs.js';
import { cursorWhere, defaultLimit, loadEventsOf, loadViews, pageOf, plainRequest } from './request-views.js';
import { staffNames, worksAtUnit } from './staff-people.js';

/** The filters of the staff list, read from its query. */
export interface StaffListFilter {
  cursor?: string | undefined;
  limit?: number | undefined;
  status?: RequestStatus | undefined;
  /** Requests currently at this unit. */
  unitId?: string | undefined;
  queue?: 'open' | 'secretariat' | 'overdue' | 'due_today' | undefined;
  /** Matches the subject, the full name, the tracking code, the letter number or the phone, folded (see `searchCondition`). */
  q?: string | undefined;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
}

/** Who acts and on which request; `version` is the one the caller read, when they sent it. */
export interface ActionTarget {
  who: StaffPrincipal;
  org: LoadedOrg;
  requestId: string;
  version?: number | undefined;
}

const tehranDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tehran', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in the org's calendar, `YYYY-MM-DD` (Tehran). */
export function orgDay(now: Date): string {
  return tehranDay.format(now);
}

/**
 * What a caller may see: a handler only the requests currently at their units (anything else is
 * answered as not found, never as forbidden); other roles the whole org.
 */
function scopeOf(who: StaffPrincipal): WhereOptions<RequestRow> {
  return who.role === 'handler' ? { currentUnitId: who.unitIds } : {};
}

/** The org's requests the caller may see, newest first, filtered by status, unit, queue, text and date. */
export async function listStaffRequests(deps: StoreDeps, params: { who: StaffPrincipal; filter: StaffListFilter }): Promise<Page<StaffRequest>> {
  const { who, filter } = params;
  const { orgId } = who;
  const { from, to, q } = filter;
  // A search brings the org's condition along, written so that the matches drive the query.
  const search = q ? await searchCondition(deps.db, { orgId, q }) : null;
  const where: WhereOptions<RequestRow>[] = [search ?? { orgId }, scopeOf(who), cursorWhere(filter.cursor)];
  if (filter.status) where.push({ status: filter.status });
  if (filter.unitId) where.push({ currentUnitId: filter.unitId });
  const today = orgDay(deps.config.now());
  if (filter.queue === 'open') where.push({ status: ['under_review', 'needs_documents'] });
  if (filter.queue === 'secretariat') where.push({ status: ['under_review', 'needs_documents'], currentUnitId: null });
  if (filter.queue === 'overdue') where.push({ status: 'under_review', dueDate: { [Op.lt]: today } });
  if (filter.queue === 'due_today') where.push({ status: 'under_review', dueDate: today });
  const limit = filter.limit ?? defaultLimit;
  if (from) where.push({ createdAt: { [Op.gte]: from } });
  if (to) where.push({ createdAt: { [Op.lt]: to } });
  const page = await pageOf(deps, { [Op.and]: where }, limit);
  return { items: await presentAll(deps, orgId, page.items), nextCursor: page.nextCursor };
}

/** One request the caller may see, with its timeline, actors and the citizen's phone. */
export async function getStaffRequest(deps: StoreDeps, params: { who: StaffPrincipal; requestId: string }): Promise<StaffRequest> {
  const row = await findVisible(deps, params.who, params.requestId);
  const [presented] = await presentAll(deps, params.who.orgId, [plainRequest(row)]);
  return presented!;
}

/** A file of a request the caller may see. */
export async function getStaffFile(deps: FileDeps, params: { who: StaffPrincipal; requestId: string; fileId: string }): Promise<StoredFile> {
  await findVisible(deps, params.who, params.requestId);
  return readFile(deps, { orgId: params.who.orgId, requestId: params.requestId, fileId: params.fileId });
}

/**
 * Approves an open request and registers it as an incoming letter: the number is the registrar's
 * (unique per org and Jalali year) or the next of the register's sequence, written in the org's
 * pattern. The citizen gets an SMS; webhooks follow.
 */
export async function approveRequest(
  deps: Deps,
  params: ActionTarget & { letterNumber: string | null; letterDate: Date | null },
): Promise<StaffRequest> {
  const { org } = params;
  const orgId = org.row.id;
  try {
    return await act(deps, params, { action: 'approved', from: ['under_review', 'needs_documents'] }, async (row, now, transaction) => {
      const letterDate = params.letterDate ?? now;
      const year = jalaliYear(now);
      let letterNumber = params.letterNumber;
      if (letterNumber) {
        const taken = await deps.db.models.Request.count({ where: { orgId, letterYear: year, letterNumber }, transaction });
        if (taken > 0) throw letterNumberTaken(letterNumber);
      } else {
        const seq = await takeNextNumber(deps.db, { orgId, year, direction: 'incoming' }, transaction);
        letterNumber = await letterNumberFor(deps, { org, row, seq, year, transaction });
      }
      // Read in the transaction: a second connection per approval would exhaust PostgreSQL's pool
      // when many approvals wait on the register at once. The letter number joins the search text.
      const citizen = await deps.db.models.Citizen.findOne({ where: { orgId, id: row.citizenId }, attributes: ['phone'], transaction });
      const searchText = searchTextOf({ ...row.get({ plain: true }), letterNumber, phone: citizen?.phone ?? null });
      await row.update({ status: 'approved', letterNumber, letterYear: year, letterDate, pausedAt: null, searchText, closedAt: now }, { transaction });
      return { note: letterNumber, details: { letterNumber }, webhook: 'request.approved', sms: 'approved' };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw letterNumberTaken();
    throw error;
  }
}

/** Rejects an open request with a reason the citizen reads: the staff member's words, a rejection template filled in for the request, or both. */
export async function rejectRequest(deps: Deps, params: ActionTarget & { reason: string | null; templateId?: string | null }): Promise<StaffRequest> {
  return act(deps, params, { action: 'rejected', from: ['under_review', 'needs_documents'] }, async (row, now, transaction) => {
    const target = { org: params.org, row, now, transaction };
    const reason = (await composeText(deps, { ...target, kind: 'rejection', templateId: params.templateId ?? null, text: params.reason })) ?? '';
    await row.update({ status: 'rejected', rejectionReason: reason, rejectedAt: now, pausedAt: null, closedAt: now }, { transaction });
    return { note: reason, details: { reason }, webhook: 'request.rejected', sms: 'rejected' };
  });
}

/**
 * Refers (ارجاع) an open request to a unit, optionally to one of its handlers, with an internal
 * note. The citizen's timeline shows "referred to <unit>", never the note.
 */
export async function referRequest(
  deps: Deps,
  params: ActionTarget & { unitId: string; assigneeId: string | null; note: string | null },
): Promise<StaffRequest> {
  const { org, unitId, assigneeId } = params;
  if (!org.units.some((unit) => unit.id === unitId)) throw unitNotFound('unitId');
  return act(deps, params, { action: 'referred', from: ['under_review', 'needs_documents'] }, async (row, now, transaction) => {
    if (assigneeId && !(await worksAtUnit(deps, { orgId: org.row.id, staffId: assigneeId, unitId, transaction }))) throw assigneeNotInUnit();
    const fromUnitId = row.currentUnitId;
    await row.update({ currentUnitId: unitId, assigneeId }, { transaction });
    if (params.note) await addNoteRow(deps, { who: params.who, requestId: row.id, text: params.note, now, transaction });
    return { note: null, unitId, details: { unitId, assigneeId, fromUnitId }, webhook: 'request.referred', sms: null };
  });
}

/** Sends a request at a unit back to the secretariat (a handler's way to say "not ours"). */
export async function returnRequest(deps: Deps, params: ActionTarget & { note: string | null }): Promise<StaffRequest> {
  return act(deps, params, { action: 'returned', from: ['under_review', 'needs_documents'] }, async (row, now, transaction) => {
    if (row.currentUnitId === null) throw requestAtSecretariat();
    const fromUnitId = row.currentUnitId;
    await row.update({ currentUnitId: null, assigneeId: null }, { transaction });
    if (params.note) await addNoteRow(deps, { who: params.who, requestId: row.id, text: params.note, now, transaction });
    return { note: null, details: { fromUnitId }, webhook: null, sms: null };
  });
}

/**
 * Asks the citizen for more documents (نقص مدارک): the request waits in `needs_documents`, its
 * clock stopped, the citizen gets an SMS, up to the org's number of rounds.
 */
export async function requestDocuments(deps: Deps, params: ActionTarget & { message: string }): Promise<StaffRequest> {
  const { message } = params;
  const maxRounds = params.org.settings.supplementRounds;
  return act(deps, params, { action: 'documents_requested', from: ['under_review', 'needs_documents'] }, async (row, now, transaction) => {
    if (row.status === 'needs_documents') throw documentsAlreadyRequested();
    if (row.supplementRounds >= maxRounds) throw supplementRoundsExceeded(maxRounds);
    await row.update({ status: 'needs_documents', pausedAt: now, supplementRounds: row.supplementRounds + 1 }, { transaction });
    return { note: message, details: { message, round: row.supplementRounds }, webhook: 'request.documents_requested', sms: 'documents_requested', smsValues: { message } };
  });
}

/**
 * Attaches the org's reply (جوابیه): a text, a reply template filled in for the request, a file, or
 * several; numbered as an outgoing letter when the org registers replies.
 */
export async function replyToRequest(
  deps: Deps,
  params: ActionTarget & { text: string | null; file: CheckedFile | null; templateId?: string | null },
): Promise<StaffRequest> {
  const { org, file } = params;
  const orgId = org.row.id;
  return act(deps, params, { action: 'replied', from: null }, async (row, now, transaction) => {
    const text = await composeText(deps, { org, row, now, transaction, kind: 'reply', templateId: params.templateId ?? null, text: params.text });
    if (file) await storeFile(deps, { orgId, requestId: row.id, role: 'reply', file, now, transaction });
    const { register } = org.settings;
    let replyLetterNumber = row.replyLetterNumber;
    if (register.outgoing && !replyLetterNumber) {
      const year = jalaliYear(now);
      const seq = await takeNextNumber(deps.db, { orgId, year, direction: 'outgoing' }, transaction);
      replyLetterNumber = await letterNumberFor(deps, { org, row, seq, year, transaction });
    }
    await row.update({ replyText: text || null, repliedAt: now, replyLetterNumber }, { transaction });
    return { note: text || null, details: { replyLetterNumber, file: file ? file.name : null }, webhook: 'request.replied', sms: 'replied' };
  });
}

/** Adds an internal note (staff only) to a request the caller may see. */
export async function addNote(deps: StoreDeps, params: { who: StaffPrincipal; requestId: string; text: string }): Promise<Note> {
  const { who, requestId, text } = params;
  await findVisible(deps, who, requestId);
  const now = deps.config.now();
  const id = await deps.db.write(async (transaction) => {
    const noteId = await addNoteRow(deps, { who, requestId, text, now, transaction });
    await recordAudit(deps, { orgId: who.orgId, actor: who, action: 'note.added', requestId, details: { noteId }, now, transaction });
    return noteId;
  });
  return { id, text, author: presentActor({ actorType: who.actorType, actorId: who.actorId, actorName: who.name, actorRole: who.role }), createdAt: now.toISOString() };
}

/** The internal notes of a request the caller may see, oldest first. */
export async function listNotes(deps: StoreDeps, params: { who: StaffPrincipal; requestId: string }): Promise<Note[]> {
  const { who, requestId } = params;
  await findVisible(deps, who, requestId);
  const rows = await deps.db.models.RequestNote.findAll({ where: { orgId: who.orgId, requestId }, order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  const staff = await staffNames(deps, who.orgId, rows.filter((row) => row.authorType === 'staff').map((row) => row.authorId));
  const keys = await deps.db.models.ApiKey.findAll({ where: { orgId: who.orgId, id: rows.filter((row) => row.authorType === 'api_key').map((row) => row.authorId) } });
  const keyNames = new Map(keys.map((key) => [key.id, key.label || key.prefix]));
  return rows.map((row) => ({
    id: row.id,
    text: row.text,
    author: presentActor({
      actorType: row.authorType,
      actorId: row.authorId,
      actorName: (row.authorType === 'staff' ? staff.get(row.authorId) : keyNames.get(row.authorId)) ?? null,
      actorRole: null,
    }),
    createdAt: row.createdAt.toISOString(),
  }));
}

/** Makes sure the caller may see a request (404 otherwise) and answers its row. */
export async function findVisible(deps: StoreDeps, who: StaffPrincipal, requestId: string): Promise<RequestRow> {
  const row = await deps.db.models.Request.findOne({ where: { [Op.and]: [{ orgId: who.orgId, id: requestId }, scopeOf(who)] } });
  if (!row) throw requestNotFound();
  return row;
}

/** A number of the register written in the org's pattern for a request: its `{unit}` is where the request is. */
export async function letterNumberFor(
  deps: StoreDeps,
  params: { org: LoadedOrg; row: RequestRow; seq: number; year: number; transaction?: Transaction | undefined },
): Promise<string> {
  const { register } = params.org.settings;
  const unit = await unitCode(deps, params.row, params.transaction);
  return formatLetterNumber(register.pattern, { seq: params.seq, year: params.year, prefix: register.prefix, unit }, register.digits);
}

/** The short code (`{unit}`) of the unit a request is at, or was addressed to when at the secretariat. */
async function unitCode(deps: StoreDeps, row: RequestRow, transaction: Transaction | undefined): Promise<string> {
  const unit = await deps.db.models.Unit.findOne({ where: { orgId: row.orgId, id: row.currentUnitId ?? row.unitId }, transaction: transaction ?? null });
  return unit?.code ?? '';
}

async function addNoteRow(
  deps: StoreDeps,
  params: { who: StaffPrincipal; requestId: string; text: string; now: Date; transaction: Transaction },
): Promise<string> {
  const id = newId();
  const { who } = params;
  await deps.db.models.RequestNote.create(
    { id, orgId: who.orgId, requestId: params.requestId, authorType: who.actorType, authorId: who.actorId, text: params.text, createdAt: params.now },
    { transaction: params.transaction },
  );
  return id;
}

/** What one action did, for the timeline, the audit trail, the SMS and the webhooks. */
interface Outcome {
  /** What the citizen's timeline says (never an internal note). */
  note: string | null;
  unitId?: string;
  details: Record<string, unknown>;
  webhook: WebhookEventType | null;
  sms: SmsTemplate | null;
  /** Values the SMS needs besides the request's own. */
  smsValues?: Record<string, string>;
}

/**
 * Runs one staff action on a request in a write transaction: the row locked, the caller's scope,
 * version and the request's status checked, then the change, the version bump, a timeline event
 * with its actor, an audit entry, the SMS and the webhooks, all committed together.
 */
async function act(
  deps: Deps,
  target: ActionTarget,
  spec: { action: 'approved' | 'rejected' | 'referred' | 'returned' | 'documents_requested' | 'replied'; from: RequestStatus[] | null },
  change: (row: RequestRow, now: Date, transaction: Transaction) => Promise<Outcome>,
): Promise<StaffRequest> {
  const { who, org, requestId } = target;
  const orgId = org.row.id;
  const outbox = await deps.db.write(async (transaction) => {
    const row = await deps.db.models.Request.findOne({ where: { [Op.and]: [{ orgId, id: requestId }, scopeOf(who)] }, transaction, lock: true });
    if (!row) throw requestNotFound();
    if (target.version !== undefined && target.version !== row.version) throw requestChanged(await changeSummary(deps, row, transaction));
    if (spec.from && !spec.from.includes(row.status)) throw requestAlreadyDecided(row.status);
    const fromStatus = row.status;
    const now = deps.config.now();
    const outcome = await change(row, now, transaction);
    await row.update({ version: row.version + 1, updatedAt: now }, { transaction });
    await deps.db.models.RequestEvent.create(
      {
        id: newId(), orgId, requestId, type: spec.action, note: outcome.note, createdAt: now,
        actorType: who.actorType, actorRole: who.role, actorId: who.actorId, actorName: who.name, unitId: outcome.unitId ?? null, fileId: null,
      },
      { transaction },
    );
    await recordAudit(deps, { orgId, actor: who, action: `request.${spec.action}`, requestId, fromStatus, toStatus: row.status, details: outcome.details, now, transaction });
    const ids = outcome.webhook
      ? await enqueueWebhooks(deps.db, { orgId, type: outcome.webhook, subjectId: `${requestId}:${spec.action}:${row.version}`, data: { requestId, trackingCode: row.trackingCode, status: row.status }, now, transaction })
      : [];
    if (outcome.sms && notifies(org, outcome.sms)) {
      const citizen = await deps.db.models.Citizen.findOne({ where: { orgId, id: row.citizenId }, transaction });
      if (citizen) {
        const text = await citizenSms(deps, { org, kind: outcome.sms, row, now, extra: outcome.smsValues ?? {}, transaction });
        ids.push(await enqueueSms(deps.db, { orgId, to: citizen.phone, text, dedupeKey: `${outcome.sms}:${requestId}:${row.version}`, now, transaction }));
      }
    }
    return ids;
  });
  await deps.outbox.deliverNow(outbox);
  // Presented without the caller's scope: a handler who sent a request back still gets the answer.
  const row = await deps.db.models.Request.findOne({ where: { orgId, id: requestId } });
  if (!row) throw requestNotFound();
  const [presented] = await presentAll(deps, orgId, [plainRequest(row)]);
  return presented!;
}

/** Who changed a request last and how, for a 409 `request_changed`. */
async function changeSummary(deps: StoreDeps, row: RequestRow, transaction: Transaction): Promise<{ version: number; status: string; last: Record<string, unknown> | null }> {
  const last = await deps.db.models.RequestEvent.findOne({
    where: { orgId: row.orgId, requestId: row.id },
    order: [['createdAt', 'DESC'], ['id', 'DESC']],
    transaction,
  });
  return {
    version: row.version,
    status: row.status,
    last: last ? { type: last.type, at: last.createdAt.toISOString(), by: last.actorName ?? null, role: last.actorRole ?? null } : null,
  };
}

async function presentAll(deps: StoreDeps, orgId: string, rows: RequestData[]): Promise<StaffRequest[]> {
  const views = await loadViews(deps, orgId, rows);
  // By id alone, the org checked here: with `orgId = ?` beside a list of ids SQLite walks the org's
  // (orgId, phone) index, every citizen of the org, instead of the ids' own (40 ms at 100,000).
  const citizens = await deps.db.models.Citizen.findAll({ where: { id: [...new Set(rows.map((row) => row.citizenId))] }, attributes: ['id', 'orgId', 'phone'] });
  const phones = new Map(citizens.filter((citizen) => citizen.orgId === orgId).map((citizen) => [citizen.id, citizen.phone]));
  const events = await loadEventsOf(deps, orgId, rows.map((row) => row.id));
  const assignees = await staffNames(deps, orgId, rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : [])));
  const unitIds = [...new Set(rows.flatMap((row) => (row.currentUnitId ? [row.currentUnitId] : [])))];
  const units = unitIds.length > 0 ? await deps.db.models.Unit.findAll({ where: { orgId, id: unitIds } }) : [];
  const unitById = new Map<string, Unit>(units.map((unit) => [unit.id, { id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn } }]));
  const today = orgDay(deps.config.now());
  return Promise.all(
    views.map((view) => {
      const { row } = view;
      return presentStaffRequest(view, events.get(row.id) ?? [], {
        citizenPhone: phones.get(row.citizenId) ?? '',
        currentUnit: row.currentUnitId ? (unitById.get(row.currentUnitId) ?? null) : null,
        assignee: row.assigneeId ? { id: row.assigneeId, name: assignees.get(row.assigneeId) ?? '' } : null,
        today,
      });
    }),
  );
}
