import type {
  CitizenRequest,
  EventActor,
  EventByRole,
  FileInfo,
  RequestDetail,
  RequestEvent,
  StaffRequest,
  StaffRequestEvent,
  Unit,
} from '@citizen-counter/sdk';
import type { InferAttributes } from 'sequelize';
import type { FileRow, RequestEventRow, RequestRow } from '../models/index.js';

/** The parts of a file row a presenter reads (content is never loaded for a list). */
export type FileMeta = Pick<FileRow, 'id' | 'role' | 'name' | 'type' | 'size' | 'sha256' | 'createdAt'> & { removedAt: Date | null };

/** A request's columns as plain data (a model's copy or a raw row read by the fast path), without its search text. */
export type RequestData = Omit<InferAttributes<RequestRow>, 'searchText'>;

/** The columns of a timeline event a presenter reads. */
export type EventData = Pick<
  RequestEventRow,
  'type' | 'note' | 'createdAt' | 'actorType' | 'actorRole' | 'actorId' | 'actorName' | 'unitId' | 'fileId'
>;

/** A timeline event with the unit and file it names resolved. */
export interface EventView {
  event: EventData;
  unit: Unit | null;
  file: FileMeta | null;
}

/** What the organization asked the citizen for, while the request awaits documents. */
export interface DocumentsRequestData {
  message: string;
  at: Date;
}

/** The columns of a request its citizen's view shows (the list reads only these). */
export type CitizenRowData = Pick<
  RequestData,
  | 'id' | 'orgId' | 'trackingCode' | 'status' | 'fullName' | 'subject' | 'unitId' | 'letterNumber' | 'letterDate'
  | 'rejectionReason' | 'rejectedAt' | 'replyText' | 'repliedAt' | 'createdAt' | 'updatedAt' | 'dueDate' | 'appealRounds' | 'appealedAt'
>;

/** Everything needed to present one request; staff views need every column, citizens' fewer. */
export interface RequestView<R extends CitizenRowData = RequestData> {
  row: R;
  unit: Unit;
  bodyFile: FileMeta;
  replyFile: FileMeta | null;
  /** The latest documents request, read only for requests in `needs_documents`. */
  documentsRequest: DocumentsRequestData | null;
}

/** What staff see besides the citizen's view. */
export interface StaffExtras {
  citizenPhone: string;
  currentUnit: Unit | null;
  assignee: { id: string; name: string } | null;
  /** Today in the org's calendar (YYYY-MM-DD), to tell overdue requests. */
  today: string;
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
    removedAt: file.removedAt ? file.removedAt.toISOString() : null,
  };
}

/** Whether a request still waits for the organization or the citizen. */
export function isOpen(status: RequestData['status']): boolean {
  return status === 'under_review' || status === 'needs_documents';
}

/** A request as everyone who may see it sees it: a citizen's answer adds the receipt's link. */
export type RequestCore = Omit<CitizenRequest, 'receiptUrl'>;

/** Makes a receipt's signed, absolute link from an org and a tracking code. */
export type ReceiptLinker = (orgId: string, trackingCode: string) => string;

/** A request as its citizen sees it, with its receipt's link. */
export function presentRequest(view: RequestView<CitizenRowData>, link: ReceiptLinker): CitizenRequest {
  return { ...presentRequestCore(view), receiptUrl: link(view.row.orgId, view.row.trackingCode) };
}

/** A request's fields every reader shares. */
export function presentRequestCore(view: RequestView<CitizenRowData>): RequestCore {
  const { row } = view;
  const hasReply = row.repliedAt !== null;
  const asked = row.status === 'needs_documents' ? view.documentsRequest : null;
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
    expectedDate: isOpen(row.status) ? row.dueDate : null,
    documentsRequest: asked ? { message: asked.message, at: asked.at.toISOString() } : null,
    appealRounds: row.appealRounds,
    appealedAt: iso(row.appealedAt),
  };
}

/** A request with its timeline, as its citizen sees it: roles, never people, and no internal notes. */
export function presentDetail(view: RequestView<CitizenRowData>, events: EventView[], link: ReceiptLinker): RequestDetail {
  return { ...presentRequest(view, link), events: events.map(presentEvent) };
}

/** A request as staff see it: where it is, who did what, and its version for the next decision. */
export function presentStaffRequest(view: RequestView, events: EventView[], extras: StaffExtras): StaffRequest {
  const { row } = view;
  return {
    ...presentRequestCore(view),
    events: events.map(presentStaffEvent),
    citizenPhone: extras.citizenPhone,
    currentUnit: extras.currentUnit,
    assignee: extras.assignee,
    version: row.version,
    dueDate: row.dueDate,
    overdue: row.status === 'under_review' && row.dueDate !== null && row.dueDate < extras.today,
    supplementRounds: row.supplementRounds,
    replyLetterNumber: row.replyLetterNumber,
  };
}

/** The role a citizen is told did a step. */
function byRole(event: EventData): EventByRole {
  // Steps recorded before events had actors: only a citizen submits or supplements.
  if (event.actorType === 'citizen' || event.type === 'submitted' || event.type === 'supplemented' || event.type === 'appealed') return 'citizen';
  if (event.actorType !== 'staff') return 'organization';
  return event.actorRole === 'handler' ? 'unit' : 'secretariat';
}

function presentEvent(view: EventView): RequestEvent {
  const { event } = view;
  return {
    type: event.type,
    at: event.createdAt.toISOString(),
    note: event.note,
    by: byRole(event),
    unit: view.unit,
    file: view.file ? presentFile(view.file) : null,
  };
}

/** Who did a step, as staff see it. */
export function presentActor(actor: { actorType?: string | null; actorId?: string | null; actorName?: string | null; actorRole?: string | null }): EventActor {
  const type = actor.actorType === 'citizen' || actor.actorType === 'staff' || actor.actorType === 'api_key' ? actor.actorType : 'system';
  return { type, id: actor.actorId ?? null, name: actor.actorName ?? null, role: actor.actorRole ?? null };
}

function presentStaffEvent(view: EventView): StaffRequestEvent {
  return { ...presentEvent(view), actor: presentActor(view.event) };
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
