import type { CitizenDataExport, ExportedFile } from '@citizen-counter/sdk';
import { unauthorized } from '../errors/app-error.js';
import { presentDetail, presentFile, type ReceiptLinker } from '../presenters/request.js';
import type { FileLocation } from '../storage/stores.js';
import type { CitizenState, StoreDeps } from '../types.js';
import { loadOrg } from './orgs.js';
import { loadEventsOf, loadViews, plainRequest } from './request-views.js';

/** A file to put into the archive: its path there and where its content is. */
export interface ExportEntry {
  path: string;
  file: FileLocation;
}

/** What an export holds: `data.json`'s content and the files to add, in order. */
export interface CitizenExport {
  data: CitizenDataExport;
  entries: ExportEntry[];
}

/**
 * Collects everything the org holds about a citizen, as the citizen sees it: the phone and the
 * account's date, and every request with its timeline (roles, never staff names; no internal
 * notes), reply, documents asked for and appeals, with each file's place in the archive. Only
 * descriptions are read here; the contents stream from their stores as the archive is written.
 */
export async function collectCitizenData(deps: StoreDeps, params: { citizen: CitizenState; link: ReceiptLinker }): Promise<CitizenExport> {
  const { orgId, citizenId } = params.citizen;
  const { db } = deps;
  const account = await db.models.Citizen.findOne({ where: { orgId, id: citizenId } });
  // A session outliving its account (deleted meanwhile) has nothing to export.
  if (!account) throw unauthorized();
  const org = await loadOrg(deps, orgId);
  const rows = await db.models.Request.findAll({ where: { orgId, citizenId }, order: [['createdAt', 'DESC'], ['id', 'DESC']] });
  const views = await loadViews(deps, orgId, rows.map(plainRequest));
  const files = rows.length === 0 ? [] : await db.models.File.findAll({
    where: { orgId, requestId: rows.map((row) => row.id) },
    attributes: ['id', 'orgId', 'requestId', 'role', 'name', 'type', 'size', 'sha256', 'createdAt', 'store', 'storageName', 'removedAt'],
    order: [['createdAt', 'ASC'], ['id', 'ASC']],
  });
  const timelines = await loadEventsOf(deps, orgId, rows.map((row) => row.id));
  const entries: ExportEntry[] = [];
  const requests: CitizenDataExport['requests'] = [];
  for (const [index, view] of views.entries()) {
    const row = rows[index]!;
    const taken = new Set<string>();
    const exported: ExportedFile[] = files
      .filter((file) => file.requestId === row.id)
      .map((file) => {
        const removedAt = file.removedAt ?? null;
        const path = removedAt ? null : `files/${row.trackingCode}/${uniqueName(safeName(file.name), taken)}`;
        if (path) entries.push({ path, file: { id: file.id, orgId: file.orgId, store: file.store, storageName: file.storageName } });
        return { ...presentFile({ ...file.get(), removedAt }), path };
      });
    const detail = presentDetail(view, timelines.get(row.id) ?? [], params.link);
    requests.push({ ...detail, files: exported });
  }
  return {
    data: {
      exportedAt: deps.config.now().toISOString(),
      org: { id: orgId, name: { fa: org.row.nameFa, en: org.row.nameEn } },
      citizen: { phone: account.phone, createdAt: account.createdAt.toISOString() },
      requests,
    },
    entries,
  };
}

/** A citizen's file name as one path segment: no separators, no control characters, never `.` or `..`. */
export function safeName(name: string): string {
  const cleaned = name.replace(/[/\\\u0000-\u001f\u007f]/g, '_').trim();
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'file' : cleaned;
}

/** `name`, or `name (2).ext`, `name (3).ext`… when a file of the same request already took it. */
function uniqueName(name: string, taken: Set<string>): string {
  const dot = name.lastIndexOf('.');
  const [stem, extension] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
  let candidate = name;
  for (let count = 2; taken.has(candidate.toLowerCase()); count++) candidate = `${stem} (${count})${extension}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}
