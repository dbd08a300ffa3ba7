import type { Page, RequestStatus, StaffRequest, WebhookEventType } from '@citizen-counter/sdk';
import { Op, UniqueConstraintError, type Transaction, type WhereOptions } from 'sequelize';
import type { RequestRow } from '../models/index.js';
import { presentStaffRequest, type RequestData } from '../presenters/request.js';
import { renderSms, smsDate } from '../sms/templates.js';
import type { Deps } from '../types.js';
import { newId } from '../lib/crypto.js';
import type { CheckedFile } from './file-rules.js';
import type { LoadedOrg } from './orgs.js';
import { enqueueSms, enqueueWebhooks } from '../outbox/enqueue.js';
import { readFile, storeFile, type StoredFile } from './citizen-requests.js';
import { cursorWhere, defaultLimit, loadEvents, loadViews, pageOf, plainRequest } from './request-views.js';
import { letterNumberTaken, requestAlreadyDecided, requestNotFound } from '../errors/catalogue.js';

/** The filters of the staff list, read from its query. */
export interface StaffListFilter {
  cursor?: string | undefined;
  limit?: number | undefined;
  status?: RequestStatus | undefined;
  unitId?: string | undefined;
  /** Matches the subject, the full name or the tracking code. */
  q?: string | undefined;
  /** Inclusive. */
  from: Date | null;
  /** Exclusive. */
  to: Date | null;
}

/** The org's requests, newest first, filtered by status, unit, text and date. */
export async function listStaffRequests(deps: Deps, params: { orgId: string; filter: StaffListFilter }): Promise<Page<StaffRequest>> {
  const { orgId, filter } = params;
  const { from, to, q } = filter;
  const where: WhereOptions<RequestRow>[] = [{ orgId }, cursorWhere(filter.cursor)];
  if (filter.status) where.push({ status: filter.status });
  if (filter.unitId) where.push({ unitId: filter.unitId });
  if (q) {
    // Wildcards and the escape character are dropped: SQLite and PostgreSQL escape LIKE differently.
    const like = `%${q.replace(/[\\%_]/g, '')}%`;
    const op = deps.db.dialect === 'postgres' ? Op.iLike : Op.like;
    where.push({ [Op.or]: [{ subject: { [op]: like } }, { fullName: { [op]: like } }, { trackingCode: q }] });
  }
  const limit = filter.limit ?? defaultLimit;
  if (from) where.push({ createdAt: { [Op.gte]: from } });
  if (to) where.push({ createdAt: { [Op.lt]: to } });
  const page = await pageOf(deps, { [Op.and]: where }, limit);
  return { items: await presentAll(deps, orgId, page.items), nextCursor: page.nextCursor };
}

/** One request of the org with its timeline and the citizen's phone. */
export async function getStaffRequest(deps: Deps, params: { orgId: string; requestId: string }): Promise<StaffRequest> {
  const row = await findRequest(deps, params.orgId, params.requestId);
  const [presented] = await presentAll(deps, params.orgId, [plainRequest(row)]);
  return presented!;
}

/** A file of one of the org's requests. */
export async function getStaffFile(deps: Deps, params: { orgId: string; requestId: string; fileId: string }): Promise<StoredFile> {
  await findRequest(deps, params.orgId, params.requestId);
  return readFile(deps, params);
}

/** Approves a request under review: a letter number (given or the org's next) and date; SMS and webhooks follow. */
export async function approveRequest(
  deps: Deps,
  params: { org: LoadedOrg; requestId: string; letterNumber: string | null; letterDate: Date | null },
): Promise<StaffRequest> {
  const orgId = params.org.row.id;
  const { letterDate } = params;
  try {
    return await decide(deps, params.org, params.requestId, async (row, now, transaction) => {
      let letterNumber = params.letterNumber;
      if (!letterNumber) {
        const org = await deps.db.models.Org.findOne({ where: { orgId, id: orgId }, transaction, lock: true });
        letterNumber = String(org!.nextLetterNumber);
        await org!.update({ nextLetterNumber: org!.nextLetterNumber + 1 }, { transaction });
      }
      const taken = await deps.db.models.Request.count({ where: { orgId, letterNumber }, transaction });
      if (taken > 0) throw letterNumberTaken(letterNumber);
      await row.update({ status: 'approved', letterNumber, letterDate: letterDate ?? now, updatedAt: now }, { transaction });
      return { event: 'approved', note: letterNumber, webhook: 'request.approved', sms: 'approved' };
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw letterNumberTaken();
    throw error;
  }
}

/** Rejects a request under review with a reason the citizen reads. */
export async function rejectRequest(deps: Deps, params: { org: LoadedOrg; requestId: string; reason: string }): Promise<StaffRequest> {
  const { reason } = params;
  return decide(deps, params.org, params.requestId, async (row, now, transaction) => {
    await row.update({ status: 'rejected', rejectionReason: reason, rejectedAt: now, updatedAt: now }, { transaction });
    return { event: 'rejected', note: reason, webhook: 'request.rejected', sms: 'rejected' };
  });
}

/** Attaches the org's reply (جوابیه): a text, a file, or both. */
export async function replyToRequest(
  deps: Deps,
  params: { org: LoadedOrg; requestId: string; text: string | null; file: CheckedFile | null },
): Promise<StaffRequest> {
  const { org, text, file } = params;
  return decide(deps, org, params.requestId, async (row, now, transaction) => {
    if (file) await storeFile(deps, { orgId: org.row.id, requestId: row.id, role: 'reply', file, now, transaction });
    await row.update({ replyText: text || null, repliedAt: now, updatedAt: now }, { transaction });
    return { event: 'replied', note: text || null, webhook: 'request.replied', sms: null };
  }, true);
}

interface Decision {
  event: 'approved' | 'rejected' | 'replied';
  note: string | null;
  webhook: WebhookEventType;
  sms: 'approved' | 'rejected' | null;
}

/** Runs one staff change in a transaction with its event, SMS and webhooks. */
async function decide(
  deps: Deps,
  org: LoadedOrg,
  requestId: string,
  change: (row: RequestRow, now: Date, transaction: Transaction) => Promise<Decision>,
  anyStatus = false,
): Promise<StaffRequest> {
  const orgId = org.row.id;
  const outbox = await deps.db.write(async (transaction) => {
    const row = await deps.db.models.Request.findOne({ where: { orgId, id: requestId }, transaction, lock: true });
    if (!row) throw requestNotFound();
    if (!anyStatus && row.status !== 'under_review') {
      throw requestAlreadyDecided(row.status);
    }
    const now = deps.config.now();
    const decision = await change(row, now, transaction);
    await deps.db.models.RequestEvent.create({ id: newId(), orgId, requestId, type: decision.event, note: decision.note, createdAt: now }, { transaction });
    const ids = await enqueueWebhooks(deps.db, { orgId, type: decision.webhook, subjectId: `${requestId}:${decision.event}`, data: { requestId, trackingCode: row.trackingCode, status: row.status }, now, transaction });
    if (decision.sms) {
      const citizen = await deps.db.models.Citizen.findOne({ where: { orgId, id: row.citizenId }, transaction });
      const locale = org.settings.smsLocale;
      const text = renderSms(decision.sms, locale, {
        trackingCode: row.trackingCode,
        letterNumber: row.letterNumber ?? '',
        reason: row.rejectionReason ?? '',
        date: smsDate(decision.sms === 'approved' ? (row.letterDate ?? now) : now, locale),
        org: locale === 'fa' ? org.row.nameFa : org.row.nameEn,
      });
      if (citizen) ids.push(await enqueueSms(deps.db, { orgId, to: citizen.phone, text, dedupeKey: `${decision.sms}:${requestId}`, now, transaction }));
    }
    return ids;
  });
  await deps.outbox.deliverNow(outbox);
  return getStaffRequest(deps, { orgId, requestId });
}

async function findRequest(deps: Deps, orgId: string, requestId: string): Promise<RequestRow> {
  const row = await deps.db.models.Request.findOne({ where: { orgId, id: requestId } });
  if (!row) throw requestNotFound();
  return row;
}

async function presentAll(deps: Deps, orgId: string, rows: RequestData[]): Promise<StaffRequest[]> {
  const views = await loadViews(deps, orgId, rows);
  const citizens = await deps.db.models.Citizen.findAll({ where: { orgId, id: [...new Set(rows.map((row) => row.citizenId))] } });
  const phones = new Map(citizens.map((citizen) => [citizen.id, citizen.phone]));
  return Promise.all(
    views.map(async (view) => presentStaffRequest(view, await loadEvents(deps, orgId, view.row.id), phones.get(view.row.citizenId) ?? '')),
  );
}
