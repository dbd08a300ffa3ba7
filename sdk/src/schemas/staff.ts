import { Type } from '@sinclair/typebox';
import { ListSchema, PageSchema, RequestStatusSchema, TimestampSchema, UnitSchema, pageQueryProperties } from './common.js';
import { EventActorSchema, staffRequestProperties } from './requests.js';

const version = Type.Optional(
  Type.Integer({ minimum: 1, description: "The request's `version` the decision was made on; a stale one is refused with 409 `request_changed` (or send `If-Match`)." }),
);

/** A request as staff see it. */
export const StaffRequestSchema = Type.Object(
  {
    ...staffRequestProperties,
    citizenPhone: Type.String({ description: "The sender's phone in E.164 form." }),
    currentUnit: Type.Union([UnitSchema, Type.Null()], { description: 'The unit the request is at now; `null` at the secretariat.' }),
    assignee: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()], { description: 'The person it was referred to.' }),
    version: Type.Integer({ minimum: 1, description: 'Goes up with every change; send it back with a decision.' }),
    dueDate: Type.Union([Type.String(), Type.Null()], { description: 'The day an answer is due (YYYY-MM-DD), the org calendar.' }),
    overdue: Type.Boolean({ description: 'Open and past its due date.' }),
    supplementRounds: Type.Integer({ minimum: 0, description: 'How many times documents were asked for.' }),
    replyLetterNumber: Type.Union([Type.String(), Type.Null()], { description: 'The outgoing letter number (صادره) of the reply, when the org numbers replies.' }),
  },
  { $id: 'StaffRequest', description: 'A request as staff see it: everything the citizen sees plus who sent it, where it is and who did what.' },
);

/** `GET /v1/orgs/:org/staff/requests` answer. */
export const StaffRequestPageSchema = PageSchema(StaffRequestSchema, 'StaffRequestPage');

/** `GET /v1/orgs/:org/staff/requests` query. */
export const StaffListQuerySchema = Type.Object(
  {
    ...pageQueryProperties,
    status: Type.Optional(RequestStatusSchema),
    unitId: Type.Optional(Type.String({ maxLength: 100, description: 'Requests currently at this unit.' })),
    queue: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('secretariat'), Type.Literal('overdue'), Type.Literal('due_today')], {
        description: '`open` (under review or awaiting documents), `secretariat` (open and at the secretariat), `overdue` and `due_today` (under review, by due date).',
      }),
    ),
    q: Type.Optional(
      Type.String({ maxLength: 200, description: 'Matches the subject, the name, the tracking code, the letter number or the phone; Persian and Arabic letters and digits alike.' }),
    ),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date or date-time, inclusive.' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date or date-time, exclusive.' })),
  },
  { $id: 'StaffListQuery' },
);

/** `GET /v1/orgs/:org/staff/requests/counts` answer. */
export const StaffQueueCountsSchema = Type.Object(
  {
    byStatus: Type.Object(
      {
        under_review: Type.Integer({ minimum: 0 }),
        needs_documents: Type.Integer({ minimum: 0 }),
        approved: Type.Integer({ minimum: 0 }),
        rejected: Type.Integer({ minimum: 0 }),
      },
      { description: 'Every request the caller may see, by status.' },
    ),
    byUnit: Type.Array(
      Type.Object({
        unitId: Type.Union([Type.String(), Type.Null()], { description: 'The unit the requests are at now; `null` is the secretariat.' }),
        open: Type.Integer({ minimum: 0, description: 'Open requests (under review or awaiting documents) at that unit.' }),
      }),
      { description: 'Open requests per current unit, only units that hold some.' },
    ),
    queues: Type.Object(
      {
        open: Type.Integer({ minimum: 0, description: 'Under review or awaiting documents.' }),
        secretariat: Type.Integer({ minimum: 0, description: 'Open and at the secretariat.' }),
        overdue: Type.Integer({ minimum: 0, description: "Under review and past its due date (the org's calendar)." }),
        due_today: Type.Integer({ minimum: 0, description: 'Under review and due today.' }),
        needs_documents: Type.Integer({ minimum: 0, description: "Waiting for the citizen's documents." }),
      },
      { description: 'The sizes of the queues, keyed like the list\'s `queue` filter.' },
    ),
  },
  { $id: 'StaffQueueCounts', description: 'How many requests wait where, scoped like the list (a handler counts only their units).' },
);

/** `POST …/staff/requests/:id/approve` body. */
export const ApproveInputSchema = Type.Object(
  {
    letterNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'شماره نامه; numbered per org automatically when absent.' })),
    letterDate: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'تاریخ نامه (ISO date or date-time); now when absent.' })),
    version,
  },
  { $id: 'ApproveInput', description: 'Body to approve a request.' },
);

/** `POST …/staff/requests/:id/reject` body. */
export const RejectInputSchema = Type.Object(
  {
    reason: Type.Optional(Type.String({ maxLength: 1000, description: 'Why, in words the citizen reads; required without `templateId`, added below the template with one.' })),
    templateId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A `rejection` template, filled in for the request in the locale the citizen reads.' })),
    version,
  },
  { $id: 'RejectInput', description: 'Body to reject a request.' },
);

/** The text field of the multipart `POST …/staff/requests/:id/reply` body. */
export const ReplyFieldsSchema = Type.Object(
  {
    text: Type.Optional(Type.String({ maxLength: 10_000, description: 'The reply text; a text, a template, a file or any of them together.' })),
    templateId: Type.Optional(Type.String({ maxLength: 100, description: 'A `reply` template, filled in for the request; `text` is added below it.' })),
    version: Type.Optional(Type.String({ pattern: '^[0-9]{1,9}$', description: "The request's version, as in the JSON bodies." })),
  },
  { $id: 'ReplyFields' },
);

/** `POST …/staff/requests/:id/refer` body. */
export const ReferInputSchema = Type.Object(
  {
    unitId: Type.String({ minLength: 1, maxLength: 100, description: 'The unit to send the request to.' }),
    assigneeId: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'A handler of that unit to give it to.' })),
    note: Type.Optional(Type.String({ maxLength: 2000, description: 'An internal note for the unit; the citizen never sees it.' })),
    version,
  },
  { $id: 'ReferInput', description: 'Body to refer (ارجاع) a request to a unit.' },
);

/** `POST …/staff/requests/:id/return` body. */
export const ReturnInputSchema = Type.Object(
  { note: Type.Optional(Type.String({ maxLength: 2000, description: 'An internal note for the secretariat.' })), version },
  { $id: 'ReturnInput', description: 'Body to send a request back to the secretariat.' },
);

/** `POST …/staff/requests/:id/documents-request` body. */
export const DocumentsRequestInputSchema = Type.Object(
  { message: Type.String({ minLength: 1, maxLength: 1000, description: 'What the citizen must send; they read it and get it by SMS.' }), version },
  { $id: 'DocumentsRequestInput', description: 'Body to ask the citizen for more documents (نقص مدارک).' },
);

/** `POST …/staff/requests/:id/notes` body. */
export const NoteInputSchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 5000, description: 'Seen by staff only.' }) },
  { $id: 'NoteInput', description: 'Body to add an internal note.' },
);

/** An internal note on a request. */
export const NoteSchema = Type.Object(
  { id: Type.String(), text: Type.String(), author: EventActorSchema, createdAt: TimestampSchema },
  { $id: 'Note', description: 'An internal note on a request: staff only, never shown or sent to the citizen.' },
);

/** `GET …/staff/requests/:id/notes` answer. */
export const NoteListSchema = ListSchema(NoteSchema, 'NoteList', "A request's internal notes, oldest first.");

/** One entry of the audit trail. */
export const AuditEntrySchema = Type.Object(
  {
    id: Type.String(),
    at: TimestampSchema,
    actor: EventActorSchema,
    action: Type.String({ description: 'What was done, e.g. `request.approved`, `request.referred`, `note.added`, `staff.added`.' }),
    requestId: Type.Union([Type.String(), Type.Null()]),
    fromStatus: Type.Union([RequestStatusSchema, Type.Null()]),
    toStatus: Type.Union([RequestStatusSchema, Type.Null()]),
    details: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], { description: 'What changed, e.g. `{unitId}` or `{letterNumber}`.' }),
  },
  { $id: 'AuditEntry', description: 'One staff action: who, when, what, from which status to which.' },
);

/** `GET …/staff/requests/:id/audit` answer. */
export const AuditListSchema = ListSchema(AuditEntrySchema, 'AuditList', 'The audit trail, oldest first.');

/** Events an org's webhooks receive. */
export const WebhookEventTypeSchema = Type.Union(
  [
    Type.Literal('request.submitted'),
    Type.Literal('request.referred'),
    Type.Literal('request.documents_requested'),
    Type.Literal('request.supplemented'),
    Type.Literal('request.approved'),
    Type.Literal('request.rejected'),
    Type.Literal('request.replied'),
    Type.Literal('request.appealed'),
  ],
  { $id: 'WebhookEventType', description: "Events an org's webhooks receive." },
);

const webhookProperties = {
  id: Type.String(),
  url: Type.String(),
  events: Type.Array(WebhookEventTypeSchema),
  createdAt: Type.String({ description: 'ISO 8601 date-time in UTC.' }),
};

/** A webhook endpoint. */
export const WebhookSchema = Type.Object(webhookProperties, {
  $id: 'Webhook',
  description: 'A webhook endpoint; deliveries are POSTed as JSON and signed the Standard Webhooks way.',
});

/** A webhook as created. */
export const CreatedWebhookSchema = Type.Object(
  { ...webhookProperties, secret: Type.String({ description: 'The signing secret (`whsec_` and base64), shown this once.' }) },
  { $id: 'CreatedWebhook', description: 'A webhook as created: `secret` is shown this once.' },
);

/** Body to add a webhook. */
export const CreateWebhookInputSchema = Type.Object(
  {
    url: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: '^https?://\\S+$',
      description: 'An https URL on a public address (http and private hosts only when the operator allows them), else 400 `webhook_url_not_allowed`.',
    }),
    events: Type.Optional(Type.Array(WebhookEventTypeSchema, { minItems: 1, maxItems: 7, uniqueItems: true, description: 'Every event when absent.' })),
  },
  { $id: 'CreateWebhookInput', description: 'Body to add a webhook.' },
);

/** `GET …/staff/webhooks` answer. */
export const WebhookListSchema = ListSchema(WebhookSchema, 'WebhookList', "The org's webhooks.");

/** `POST …/staff/requests/:id/preview` body. */
export const ActionPreviewInputSchema = Type.Object(
  {
    action: Type.Union([Type.Literal('approve'), Type.Literal('reject'), Type.Literal('documents'), Type.Literal('reply')], {
      description: 'The step about to be taken.',
    }),
    text: Type.Optional(Type.String({ maxLength: 2000, description: 'The reason, the message asking for documents, or the reply text, as the clerk wrote it.' })),
    templateId: Type.Optional(Type.String({ maxLength: 100, description: 'A rejection or reply template to fill in (its text comes first).' })),
    letterNumber: Type.Optional(Type.String({ maxLength: 100, description: 'A number the registrar typed for the approval.' })),
  },
  { $id: 'ActionPreviewInput', description: 'Body to see what an action would tell the citizen, before taking it.' },
);

/** `POST …/staff/requests/:id/preview` answer. */
export const ActionPreviewSchema = Type.Object(
  {
    letterNumber: Type.Union([Type.String(), Type.Null()], {
      description: "An approval's letter number: the one typed, or the register's next in the org's pattern (proposed, not reserved).",
    }),
    text: Type.Union([Type.String(), Type.Null()], { description: 'What the citizen will read in their request: the reason, the message or the reply.' }),
    sms: Type.Object(
      {
        text: Type.String(),
        encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')]),
        parts: Type.Integer({ minimum: 1, description: 'How many SMS it takes.' }),
      },
      { description: 'The SMS the citizen will get.' },
    ),
  },
  { $id: 'ActionPreview', description: 'What an action would tell the citizen; nothing is changed or sent.' },
);
