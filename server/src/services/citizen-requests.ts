import type { Readable } from 'node:stream';
import type { CitizenRequest, ListRequestsQuery, Page, RequestDetail } from '@citizen-counter/sdk';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { presentUnit } from '../presenters/org.js';
import { presentDetail, presentRequest, type FileMeta, type ReceiptLinker, type RequestData } from '../presenters/request.js';
import { insertRows, rowFor, type InsertRow } from '../db/insert.js';
import { submissionContext } from '../db/org-queries.js';
import { searchTextOf } from '../lib/search-text.js';
import type { CitizenState, Deps, FileDeps } from '../types.js';
import { newId } from '../lib/crypto.js';
import { FileStores } from '../storage/stores.js';
import type { CheckedFile } from './file-rules.js';
import { findReplay, idempotencyScope, responseRow, type IdempotencyKeyInput } from './idempotency.js';
import type { LoadedOrg } from './orgs.js';
import { smsRow, webhookRows } from '../outbox/enqueue.js';
import { citizenSms, notifies } from './sms-texts.js';
import { newTrackingCode, normalizeTrackingCode } from './tracking-codes.js';
import { initialDueDate } from './request-deadlines.js';
import { citizenPage, defaultLimit, loadEvents, loadViews, plainRequest } from './request-views.js';
import { fileNotFound, fileRemoved, requestNotFound, unitNotFound } from '../errors/catalogue.js';

/** The text fields of a submission, already checked against the schema and the org's limits. */
export interface SubmitFields {
  fullName: string;
  subject: string;
  unitId: string;
}

/** Input of {@link submitRequest}. */
export interface SubmitParams {
  org: LoadedOrg;
  citizen: CitizenState;
  fields: SubmitFields;
  file: CheckedFile;
  /** The `Idempotency-Key` with the hash of the body it came with, or `null`. */
  idempotency: IdempotencyKeyInput | null;
  /** Makes the receipt's link the answer carries. */
  link: ReceiptLinker;
}

/** What {@link submitRequest} did: filed the request, or found the first answer to the same key. */
export interface SubmitResult {
  request: CitizenRequest;
  replayed: boolean;
}

/**
 * Files a citizen's request: the row, its body file, the `submitted` event, webhook deliveries, the
 * SMS with the tracking code (unless the org turned it off) and the idempotency record commit in
 * one transaction or not at all.
 */
export async function submitRequest(deps: Deps, params: SubmitParams): Promise<SubmitResult> {
  const { org, citizen } = params;
  const { fullName, subject, unitId } = params.fields;
  const orgId = org.row.id;
  const scope = idempotencyScope(orgId, citizen.citizenId, params.idempotency);
  // A repeated key is found by its unique index when the write below fails on it, not by a read
  // before every submission: repeats are rare, and the read was a round trip each time.
  const replayOf = async () => (scope ? findReplay(deps, scope) : null);
  const unit = org.units.find((candidate) => candidate.id === unitId);
  if (!unit) {
    // The unit may have gone since the first answer to this key: that answer still stands.
    const replay = await replayOf();
    if (replay) return { request: replay, replayed: true };
    throw unitNotFound('unitId');
  }

  // Read before the transaction so that it only writes: a webhook added meanwhile starts with the next event.
  const { hooks, phone, smsText } = await submissionContext(deps.db, { orgId, citizenId: citizen.citizenId, kind: 'submitted', locale: org.settings.smsLocale });
  for (let attempt = 0; ; attempt++) {
    try {
      const now = deps.config.now();
      // The unique index catches the rare collision and the loop draws again.
      const trackingCode = newTrackingCode();
      const id = newId();
      const row: RequestData = {
        id, orgId, trackingCode, status: 'under_review', fullName, subject, unitId, citizenId: citizen.citizenId,
        letterNumber: null, letterDate: null, rejectionReason: null, rejectedAt: null, replyText: null, repliedAt: null,
        createdAt: now, updatedAt: now, currentUnitId: unitId, assigneeId: null, version: 1, dueDate: initialDueDate(org, unit.responseDays, now), pausedAt: null,
        supplementRounds: 0, replyLetterNumber: null, letterYear: null, appealRounds: 0, appealedAt: null,
      };
      const searchText = searchTextOf({ subject, fullName, trackingCode, letterNumber: null, phone });
      const file = fileRow(deps, { orgId, requestId: id, role: 'body', file: params.file, now });
      const request = presentRequest({ row, unit: presentUnit(unit), bodyFile: file.meta, replyFile: null, documentsRequest: null }, params.link);
      const hooked = webhookRows(deps.db, { orgId, type: 'request.submitted', subjectId: id, data: request, now, hooks });
      // Every row is known before the write, which then only inserts: the writer's fast path.
      const rows: InsertRow[] = [
        rowFor(deps.db.models.Request, { ...row, searchText }),
        file.row,
        rowFor(deps.db.models.RequestEvent, { id: newId(), orgId, requestId: id, type: 'submitted', note: null, createdAt: now, actorType: 'citizen', actorRole: 'citizen', actorId: citizen.citizenId }),
        ...hooked.rows,
      ];
      const outbox = [...hooked.ids];
      if (phone && notifies(org, 'submitted')) {
        const text = await citizenSms(deps, { org, kind: 'submitted', row, now, extra: {}, ownText: smsText });
        const sms = smsRow(deps.db, { orgId, to: phone, text, dedupeKey: `submitted:${id}`, now });
        rows.push(sms.row);
        outbox.push(sms.id);
      }
      // A key stored meanwhile by the same citizen fails this insert on its unique index.
      if (scope) rows.push(responseRow(deps, scope, request, now));
      await deps.db.insert(rows);
      if (outbox.length > 0) deps.outbox.kick();
      return { request, replayed: false };
    } catch (error) {
      if (!(error instanceof UniqueConstraintError) || attempt >= 3) throw error;
      // Either the key was used by a concurrent first attempt (replay it) or the tracking code was taken (draw again).
      const replay = await replayOf();
      if (replay) return { request: replay, replayed: true };
    }
  }
}

/**
 * Records a checked file, whose content is already in its store (durably: before this transaction
 * commits), in the caller's transaction. The row holds its description and where the content is.
 */
export async function storeFile(
  deps: Deps,
  params: { orgId: string; requestId: string; role: FileMeta['role']; file: CheckedFile; now: Date; transaction: Transaction },
): Promise<FileMeta> {
  const { meta, row } = fileRow(deps, params);
  await insertRows(deps.db, [row], params.transaction);
  return meta;
}

/** The row of a checked file whose content is already in its store, with its description. */
export function fileRow(
  deps: Deps,
  params: { orgId: string; requestId: string; role: FileMeta['role']; file: CheckedFile; now: Date },
): { meta: FileMeta; row: InsertRow } {
  const { file } = params;
  const id = newId();
  const meta: FileMeta = { id, role: params.role, name: file.name, type: file.type, size: file.size, sha256: file.sha256, createdAt: params.now, removedAt: null };
  const row = rowFor(deps.db.models.File, { ...meta, orgId: params.orgId, requestId: params.requestId, ...FileStores.columnsFor(file.stored, id) });
  return { meta, row };
}

/** The citizen's requests, newest first, optionally one exact tracking code. */
export async function listCitizenRequests(
  deps: Deps,
  params: { citizen: CitizenState; query: ListRequestsQuery; link: ReceiptLinker },
): Promise<Page<CitizenRequest>> {
  const { orgId, citizenId } = params.citizen;
  const { query } = params;
  const trackingCode = query.trackingCode ? normalizeTrackingCode(query.trackingCode) : null;
  const page = await citizenPage(deps, { orgId, citizenId, trackingCode, cursor: query.cursor, limit: query.limit ?? defaultLimit });
  return { items: page.items.map((view) => presentRequest(view, params.link)), nextCursor: page.nextCursor };
}

/** One of the citizen's requests with its timeline; someone else's is a 404. */
export async function getCitizenRequest(deps: Deps, params: { citizen: CitizenState; requestId: string; link: ReceiptLinker }): Promise<RequestDetail> {
  const { orgId, citizenId } = params.citizen;
  const row = await deps.db.models.Request.findOne({ where: { orgId, citizenId, id: params.requestId } });
  if (!row) throw requestNotFound();
  const [view] = await loadViews(deps, orgId, [plainRequest(row)]);
  return presentDetail(view!, await loadEvents(deps, orgId, row.id), params.link);
}

/** A file of one of the citizen's requests, with its content. */
export async function getCitizenFile(deps: Deps, params: { citizen: CitizenState; requestId: string; fileId: string }): Promise<StoredFile> {
  const { orgId, citizenId } = params.citizen;
  const owned = await deps.db.models.Request.count({ where: { orgId, citizenId, id: params.requestId } });
  if (owned === 0) throw requestNotFound();
  return readFile(deps, { orgId, requestId: params.requestId, fileId: params.fileId });
}

/** A stored file's name, type and size, with its content as a stream, ready to send. */
export interface StoredFile {
  name: string;
  type: string;
  size: number;
  content: Readable;
}

/**
 * Opens a file of a request of the org, or 404 `file_not_found`, or 410 `file_removed` once its
 * content was removed (retention policy, deleted account); the content streams from its store.
 */
export async function readFile(deps: FileDeps, params: { orgId: string; requestId: string; fileId: string }): Promise<StoredFile> {
  const file = await deps.db.models.File.findOne({
    where: { orgId: params.orgId, requestId: params.requestId, id: params.fileId },
    // Never the content column: the database store reads it on its own, as a stream's one chunk.
    attributes: ['id', 'orgId', 'name', 'type', 'size', 'store', 'storageName', 'removedAt', 'removedReason'],
  });
  if (!file) throw fileNotFound();
  // The row outlives its content so that the reader learns why, not just that it is missing.
  if (file.removedAt) throw fileRemoved(file.removedReason ?? 'retention', file.removedAt);
  return { name: file.name, type: file.type, size: file.size, content: await deps.files.open(file) };
}
