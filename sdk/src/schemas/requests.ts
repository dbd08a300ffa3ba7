import { Type } from '@sinclair/typebox';
import { PageSchema, RequestStatusSchema, TimestampSchema, UnitSchema, pageQueryProperties } from './common.js';

const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

/** A stored file: the request body or a reply file. */
export const FileInfoSchema = Type.Object(
  {
    id: Type.String(),
    role: Type.Union([Type.Literal('body'), Type.Literal('reply'), Type.Literal('supplement'), Type.Literal('appeal')], {
      description: "`body` (the request's file), `reply` (the organization's), `supplement` (a document the citizen sent when asked) or `appeal` (one sent with an appeal).",
    }),
    name: Type.String(),
    type: Type.String({ description: "The MIME type decided from the file's content." }),
    size: Type.Integer({ minimum: 0 }),
    sha256: Type.String(),
    createdAt: TimestampSchema,
    removedAt: Type.Union([TimestampSchema, Type.Null()], {
      description: "When the content was removed for good (the org's retention policy, or its citizen deleted their account); `null` while it is kept. A download of a removed file answers 410 `file_removed`.",
    }),
  },
  { $id: 'FileInfo', description: 'A stored file: the request body (فایل بدنه) or a reply file.' },
);

/** What happened to a request. */
export const RequestEventTypeSchema = Type.Union(
  [
    Type.Literal('submitted'),
    Type.Literal('referred'),
    Type.Literal('returned'),
    Type.Literal('documents_requested'),
    Type.Literal('supplemented'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('replied'),
    Type.Literal('appealed'),
  ],
  {
    $id: 'RequestEventType',
    description:
      'What happened to a request: sent by the citizen, referred (ارجاع) to a unit, returned to the secretariat, documents asked for (نقص مدارک), a supplement sent, approved, rejected, replied, or a rejection appealed (اعتراض) by the citizen.',
  },
);

/** Who did a step, as the citizen is told: a role, never a person. */
export const EventByRoleSchema = Type.Union([Type.Literal('citizen'), Type.Literal('secretariat'), Type.Literal('unit'), Type.Literal('organization')], {
  $id: 'EventByRole',
  description: 'Who did a step as the citizen is told: the citizen, the secretariat (دبیرخانه), a unit, or the organization (a back-office system).',
});

const eventProperties = {
  type: RequestEventTypeSchema,
  at: TimestampSchema,
  note: nullableString(
    'What the citizen is told: the letter number (approved), the reason (rejected), the reply text (replied), what is missing (documents_requested), the citizen\'s words (supplemented, appealed). Never an internal note.',
  ),
  by: EventByRoleSchema,
  unit: Type.Union([UnitSchema, Type.Null()], { description: 'The unit a request was referred to (referred).' }),
  file: Type.Union([FileInfoSchema, Type.Null()], { description: 'The document a supplement or an appeal brought.' }),
};

/** One step of a request's timeline. */
export const RequestEventSchema = Type.Object(eventProperties, { $id: 'RequestEvent', description: "One step of a request's timeline." });

/** Who did a step, as staff see it. */
export const EventActorSchema = Type.Object(
  {
    type: Type.Union([Type.Literal('citizen'), Type.Literal('staff'), Type.Literal('api_key'), Type.Literal('system')]),
    id: nullableString('The staff member, API key or citizen id.'),
    name: nullableString('The staff member\'s name or the key\'s label.'),
    role: nullableString('`citizen`, `admin`, `registrar` or `handler`.'),
  },
  { $id: 'EventActor', description: 'Who did a step, as staff see it.' },
);

/** One step of a request's timeline as staff see it: with its actor. */
export const StaffRequestEventSchema = Type.Object(
  { ...eventProperties, actor: EventActorSchema },
  { $id: 'StaffRequestEvent', description: "One step of a request's timeline as staff see it: with who did it." },
);

/** The organization's answer. */
export const ReplySchema = Type.Object(
  {
    text: nullableString('The reply text.'),
    file: Type.Union([FileInfoSchema, Type.Null()]),
    at: TimestampSchema,
  },
  { $id: 'Reply', description: "The organization's answer (جوابیه)." },
);

/** The properties of a request as its citizen sees it. */
const citizenRequestProperties = {
  id: Type.String(),
  trackingCode: Type.String({ description: 'کد رهگیری: unique within the org, digits only.' }),
  fullName: Type.String(),
  subject: Type.String(),
  unit: UnitSchema,
  status: RequestStatusSchema,
  createdAt: Type.String({ description: 'تاریخ ارسال نامه (ISO 8601).' }),
  updatedAt: TimestampSchema,
  letterNumber: nullableString('شماره نامه, set on approval.'),
  letterDate: nullableString('تاریخ نامه (ISO 8601), set on approval.'),
  rejectionReason: nullableString('Why the request was rejected.'),
  rejectedAt: nullableString('When the request was rejected (ISO 8601).'),
  bodyFile: FileInfoSchema,
  reply: Type.Union([ReplySchema, Type.Null()]),
  expectedDate: nullableString('The day an answer is due (YYYY-MM-DD in the organization\'s calendar), while the request is open; held while documents are awaited.'),
  documentsRequest: Type.Union(
    [
      Type.Object({
        message: Type.String({ description: 'What the organization asks for.' }),
        at: TimestampSchema,
      }),
      Type.Null(),
    ],
    { description: 'While `needs_documents`: what to send (answer with a supplement).' },
  ),
  appealRounds: Type.Integer({ minimum: 0, description: "How many times the citizen appealed a rejection; the org's `appeals.rounds` bounds it." }),
  appealedAt: nullableString('When the latest appeal came (ISO 8601); `null` for a request never appealed. An appealed request is back `under_review`, marked as an appeal.'),
};

/** What only the citizen's own answers carry: the link a receipt's QR code encodes. */
const receiptProperties = {
  receiptUrl: Type.String({
    description:
      "The receipt's verification link (`GET /v1/orgs/:org/receipts/:trackingCode?sig=…`), absolute, signed by the service: print it as the receipt's QR code. Anyone may open it and learn only that the receipt is genuine, its date, unit and current status.",
  }),
};

/** A request as its citizen sees it in a list. */
export const CitizenRequestSchema = Type.Object({ ...citizenRequestProperties, ...receiptProperties }, {
  $id: 'CitizenRequest',
  description: 'A request as its citizen sees it in a list.',
});

/** The timeline added to a request. */
const requestDetailProperties = {
  ...citizenRequestProperties,
  ...receiptProperties,
  events: Type.Array(RequestEventSchema, { description: 'The timeline, oldest first.' }),
};

/** The properties staff see of a request besides the citizen's. */
export const staffRequestProperties = {
  ...citizenRequestProperties,
  events: Type.Array(StaffRequestEventSchema, { description: 'The timeline with actors, oldest first.' }),
};

/** A request with its timeline. */
export const RequestDetailSchema = Type.Object(requestDetailProperties, {
  $id: 'RequestDetail',
  description: 'A request with its timeline.',
});

/** `GET /v1/orgs/:org/requests` answer. */
export const CitizenRequestPageSchema = PageSchema(CitizenRequestSchema, 'CitizenRequestPage');

/** `GET /v1/orgs/:org/requests` query. */
export const ListRequestsQuerySchema = Type.Object(
  {
    ...pageQueryProperties,
    trackingCode: Type.Optional(Type.String({ maxLength: 50, description: 'Exact tracking code (Persian digits accepted).' })),
  },
  { $id: 'ListRequestsQuery' },
);

/** The text fields of the multipart `POST /v1/orgs/:org/requests` body (limits are the org's). */
export const SubmitRequestFieldsSchema = Type.Object(
  {
    fullName: Type.String({ minLength: 1, description: "The sender's full name, at most the org's `rules.maxFullNameLength` characters." }),
    subject: Type.String({ minLength: 1, description: "At most the org's `rules.maxSubjectLength` characters." }),
    unitId: Type.String({ minLength: 1, description: 'The id of a unit of the org.' }),
  },
  { $id: 'SubmitRequestFields' },
);

/** The text field of the multipart `POST /v1/orgs/:org/requests/:id/supplements` body (and one `file`). */
export const SupplementFieldsSchema = Type.Object(
  { text: Type.Optional(Type.String({ maxLength: 2000, description: 'What the citizen says with the document.' })) },
  { $id: 'SupplementFields' },
);

/** The text field of the multipart `POST /v1/orgs/:org/requests/:id/appeals` body (and an optional `file`). */
export const AppealFieldsSchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 2000, description: 'Why the citizen disagrees with the rejection.' }) },
  { $id: 'AppealFields' },
);
