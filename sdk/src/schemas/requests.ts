import { Type } from '@sinclair/typebox';
import { PageSchema, RequestStatusSchema, TimestampSchema, UnitSchema, pageQueryProperties } from './common.js';

const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

/** A stored file: the request body or a reply file. */
export const FileInfoSchema = Type.Object(
  {
    id: Type.String(),
    role: Type.Union([Type.Literal('body'), Type.Literal('reply')]),
    name: Type.String(),
    type: Type.String({ description: "The MIME type decided from the file's content." }),
    size: Type.Integer({ minimum: 0 }),
    sha256: Type.String(),
    createdAt: TimestampSchema,
  },
  { $id: 'FileInfo', description: 'A stored file: the request body (فایل بدنه) or a reply file.' },
);

/** What happened to a request. */
export const RequestEventTypeSchema = Type.Union(
  [Type.Literal('submitted'), Type.Literal('approved'), Type.Literal('rejected'), Type.Literal('replied')],
  { $id: 'RequestEventType', description: 'What happened to a request.' },
);

/** One step of a request's timeline. */
export const RequestEventSchema = Type.Object(
  {
    type: RequestEventTypeSchema,
    at: TimestampSchema,
    note: nullableString('The reason (rejected), the letter number (approved) or the reply text (replied).'),
  },
  { $id: 'RequestEvent', description: "One step of a request's timeline." },
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
};

/** A request as its citizen sees it in a list. */
export const CitizenRequestSchema = Type.Object(citizenRequestProperties, {
  $id: 'CitizenRequest',
  description: 'A request as its citizen sees it in a list.',
});

/** The timeline added to a request. */
export const requestDetailProperties = {
  ...citizenRequestProperties,
  events: Type.Array(RequestEventSchema, { description: 'The timeline, oldest first.' }),
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
