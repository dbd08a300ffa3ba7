import type { CitizenRequest, Page, RequestDetail } from '@citizen-counter/sdk';
import { randomInt } from 'node:crypto';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { AppError, fieldRequired, fieldTooLong, notFound } from '../errors/app-error.js';
import type { MultipartBody } from '../middleware/multipart.js';
import type { FileRow } from '../models/index.js';
import { presentUnit } from '../presenters/org.js';
import { presentDetail, presentRequest, type FileMeta, type RequestData } from '../presenters/request.js';
import { insertRow } from '../db/insert.js';
import type { CitizenState, Deps } from '../types.js';
import { newId, sha256 } from './crypto.js';
import { checkFile, type CheckedFile } from './file-rules.js';
import { findReplay, storeResponse, type IdempotencyScope, type StoredResponse } from './idempotency.js';
import type { LoadedOrg } from './orgs.js';
import { enqueueWebhooks } from './outbox.js';
import { normalizeDigits } from './phone.js';
import { citizenPage, loadEvents, loadViews, readLimit } from './request-views.js';

/** Input of {@link submitRequest}. */
export interface SubmitParams {
  org: LoadedOrg;
  citizen: CitizenState;
  form: MultipartBody;
  idempotencyKey: string | null;
}

/** Reads a text field: trimmed, required, within `max` characters. */
export function readText(fields: Record<string, string>, field: string, max: number): string {
  const value = (fields[field] ?? '').trim();
  if (!value) throw fieldRequired(field);
  if ([...value].length > max) throw fieldTooLong(field, max);
  return value;
}

/**
 * Files a citizen's request: the row, its body file, the `submitted` event, webhook deliveries and
 * the idempotency record commit in one transaction or not at all.
 */
export async function submitRequest(deps: Deps, params: SubmitParams): Promise<StoredResponse> {
  const { org, citizen, form } = params;
  const orgId = org.row.id;
  const rules = org.settings.rules;
  const scope: IdempotencyScope | null = params.idempotencyKey
    ? { orgId, citizenId: citizen.citizenId, key: params.idempotencyKey, requestHash: hashForm(form) }
    : null;
  if (scope) {
    const replay = await findReplay(deps.db, scope);
    if (replay) return replay;
  }
  const fullName = readText(form.fields, 'fullName', rules.maxFullNameLength);
  const subject = readText(form.fields, 'subject', rules.maxSubjectLength);
  const unitId = (form.fields['unitId'] ?? '').trim();
  if (!unitId) throw fieldRequired('unitId');
  const unit = org.units.find((candidate) => candidate.id === unitId);
  if (!unit) throw new AppError(400, 'unit_not_found', 'There is no such unit in this org.', { field: 'unitId' });
  const file = await checkFile(form.files, 'body', rules);

  // Read before the transaction so that it only writes: a webhook added meanwhile starts with the next event.
  const hooks = await deps.db.reader.all<{ id: string; events: string }>('SELECT "id", "events" FROM "webhooks" WHERE "orgId" = ?', [orgId]);
  for (let attempt = 0; ; attempt++) {
    try {
      const result = await deps.db.write(async (transaction) => {
        const now = deps.config.now();
        // Random, 10 digits; the unique index catches the rare collision and the loop draws again.
        const trackingCode = String(randomInt(1_000_000_000, 10_000_000_000));
        const id = newId();
        const row: RequestData = {
          id, orgId, trackingCode, status: 'under_review', fullName, subject, unitId, citizenId: citizen.citizenId,
          letterNumber: null, letterDate: null, rejectionReason: null, rejectedAt: null, replyText: null, repliedAt: null,
          createdAt: now, updatedAt: now,
        };
        await insertRow(deps.db, deps.db.models.Request, { ...row }, transaction);
        const bodyFile = await storeFile(deps, { orgId, requestId: id, role: 'body', file, now, transaction });
        await insertRow(deps.db, deps.db.models.RequestEvent, { id: newId(), orgId, requestId: id, type: 'submitted', note: null, createdAt: now }, transaction);
        const body = presentRequest({ row, unit: presentUnit(unit), bodyFile, replyFile: null });
        const outbox = await enqueueWebhooks(deps.db, { orgId, type: 'request.submitted', subjectId: id, data: body, now, transaction, hooks });
        const response = { status: 201, body };
        // A key stored meanwhile by the same citizen fails this insert on its unique index.
        if (scope) await storeResponse(deps.db, scope, response, now, transaction);
        return { response, outbox };
      });
      if (result.outbox.length > 0) deps.outbox.kick();
      return result.response;
    } catch (error) {
      if (!(error instanceof UniqueConstraintError) || attempt >= 3) throw error;
      // Either the key was used by a concurrent first attempt (replay it) or the tracking code was taken (draw again).
      const replay = scope ? await findReplay(deps.db, scope) : null;
      if (replay) return replay;
    }
  }
}

/** Stores a checked file under a server-made name, in the caller's transaction. */
export async function storeFile(
  deps: Deps,
  params: { orgId: string; requestId: string; role: 'body' | 'reply'; file: CheckedFile; now: Date; transaction: Transaction },
): Promise<FileMeta> {
  const { file } = params;
  const id = newId();
  const meta: FileMeta = { id, role: params.role, name: file.name, type: file.type, size: file.size, sha256: file.sha256, createdAt: params.now };
  await insertRow(
    deps.db,
    deps.db.models.File,
    { ...meta, orgId: params.orgId, requestId: params.requestId, storageName: `${id}.bin`, content: file.content },
    params.transaction,
  );
  return meta;
}

function hashForm(form: MultipartBody): string {
  const fields = Object.entries(form.fields).sort(([a], [b]) => a.localeCompare(b));
  const files = form.files.map((file) => [file.field, file.name, sha256(file.content)]);
  return sha256(JSON.stringify({ fields, files }));
}

/** The citizen's requests, newest first, optionally one exact tracking code. */
export async function listCitizenRequests(
  deps: Deps,
  params: { citizen: CitizenState; query: Record<string, unknown> },
): Promise<Page<CitizenRequest>> {
  const { orgId, citizenId } = params.citizen;
  const limit = readLimit(params.query['limit']);
  const trackingRaw = params.query['trackingCode'];
  const trackingCode = typeof trackingRaw === 'string' && trackingRaw.trim() ? normalizeDigits(trackingRaw).replace(/\s/g, '') : null;
  const page = await citizenPage(deps.db, { orgId, citizenId, trackingCode, cursor: params.query['cursor'], limit });
  return { items: page.items.map(presentRequest), nextCursor: page.nextCursor };
}

/** One of the citizen's requests with its timeline; someone else's is a 404. */
export async function getCitizenRequest(deps: Deps, params: { citizen: CitizenState; requestId: string }): Promise<RequestDetail> {
  const { orgId, citizenId } = params.citizen;
  const row = await deps.db.models.Request.findOne({ where: { orgId, citizenId, id: params.requestId } });
  if (!row) throw notFound('request_not_found', 'There is no such request.');
  const [view] = await loadViews(deps.db, orgId, [row]);
  return presentDetail(view!, await loadEvents(deps.db, orgId, row.id));
}

/** A file of one of the citizen's requests, with its content. */
export async function getCitizenFile(deps: Deps, params: { citizen: CitizenState; requestId: string; fileId: string }): Promise<FileRow> {
  const { orgId, citizenId } = params.citizen;
  const owned = await deps.db.models.Request.count({ where: { orgId, citizenId, id: params.requestId } });
  if (owned === 0) throw notFound('request_not_found', 'There is no such request.');
  const file = await deps.db.models.File.findOne({ where: { orgId, requestId: params.requestId, id: params.fileId } });
  if (!file) throw notFound('file_not_found', 'There is no such file.');
  return file;
}
