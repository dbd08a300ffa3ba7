import type { CitizenRequest, FileInfo, RequestDetail, RequestEvent, StaffRequest, Unit } from '@citizen-counter/sdk';
import type { InferAttributes } from 'sequelize';
import type { FileRow, RequestEventRow, RequestRow } from '../models/index.js';

/** The parts of a file row a presenter reads (content is never loaded for a list). */
export type FileMeta = Pick<FileRow, 'id' | 'role' | 'name' | 'type' | 'size' | 'sha256' | 'createdAt'>;

/** A request's columns as plain data (a model's copy or a raw row read by the fast path), without its search text. */
export type RequestData = Omit<InferAttributes<RequestRow>, 'searchText'>;

/** The columns of a timeline event a presenter reads. */
export type EventData = Pick<RequestEventRow, 'type' | 'note' | 'createdAt'>;

/** Everything needed to present one request. */
export interface RequestView {
  row: RequestData;
  unit: Unit;
  bodyFile: FileMeta;
  replyFile: FileMeta | null;
}

/** A file's description on the wire. */
export function presentFile(file: FileMeta): FileInfo {
  return {
    id: file.id,
    role: file.role,
    name: file.name,
    type: file.type,
    size: file.size,
    sha256: file.sha256,
    createdAt: file.createdAt.toISOString(),
  };
}

/** A request as its citizen sees it. */
export function presentRequest(view: RequestView): CitizenRequest {
  const { row } = view;
  const hasReply = row.repliedAt !== null;
  return {
    id: row.id,
    trackingCode: row.trackingCode,
    fullName: row.fullName,
    subject: row.subject,
    unit: view.unit,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    letterNumber: row.letterNumber,
    letterDate: iso(row.letterDate),
    rejectionReason: row.rejectionReason,
    rejectedAt: iso(row.rejectedAt),
    bodyFile: presentFile(view.bodyFile),
    reply: hasReply && row.repliedAt
      ? { text: row.replyText, file: view.replyFile ? presentFile(view.replyFile) : null, at: row.repliedAt.toISOString() }
      : null,
  };
}

/** A request with its timeline. */
export function presentDetail(view: RequestView, events: EventData[]): RequestDetail {
  return { ...presentRequest(view), events: events.map(presentEvent) };
}

/** A request as staff see it. */
export function presentStaffRequest(view: RequestView, events: EventData[], citizenPhone: string): StaffRequest {
  return { ...presentDetail(view, events), citizenPhone };
}

function presentEvent(event: EventData): RequestEvent {
  return { type: event.type, at: event.createdAt.toISOString(), note: event.note };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
