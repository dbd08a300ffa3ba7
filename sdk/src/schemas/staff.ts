import { Type } from '@sinclair/typebox';
import { ListSchema, PageSchema, RequestStatusSchema, pageQueryProperties } from './common.js';
import { requestDetailProperties } from './requests.js';

/** A request as staff see it. */
export const StaffRequestSchema = Type.Object(
  { ...requestDetailProperties, citizenPhone: Type.String({ description: "The sender's phone in E.164 form." }) },
  { $id: 'StaffRequest', description: 'A request as staff see it: everything the citizen sees plus who sent it.' },
);

/** `GET /v1/orgs/:org/staff/requests` answer. */
export const StaffRequestPageSchema = PageSchema(StaffRequestSchema, 'StaffRequestPage');

/** `GET /v1/orgs/:org/staff/requests` query. */
export const StaffListQuerySchema = Type.Object(
  {
    ...pageQueryProperties,
    status: Type.Optional(RequestStatusSchema),
    unitId: Type.Optional(Type.String({ maxLength: 100 })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Matches the subject, the full name or the tracking code.' })),
    from: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date or date-time, inclusive.' })),
    to: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date or date-time, exclusive.' })),
  },
  { $id: 'StaffListQuery' },
);

/** `POST …/staff/requests/:id/approve` body. */
export const ApproveInputSchema = Type.Object(
  {
    letterNumber: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'شماره نامه; numbered per org automatically when absent.' })),
    letterDate: Type.Optional(Type.String({ minLength: 1, maxLength: 40, description: 'تاریخ نامه (ISO date or date-time); now when absent.' })),
  },
  { $id: 'ApproveInput', description: 'Body to approve a request.' },
);

/** `POST …/staff/requests/:id/reject` body. */
export const RejectInputSchema = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why, in words the citizen reads.' }) },
  { $id: 'RejectInput', description: 'Body to reject a request.' },
);

/** The text field of the multipart `POST …/staff/requests/:id/reply` body. */
export const ReplyFieldsSchema = Type.Object(
  { text: Type.Optional(Type.String({ maxLength: 10_000, description: 'The reply text; a text, a file or both.' })) },
  { $id: 'ReplyFields' },
);

/** Events an org's webhooks receive. */
export const WebhookEventTypeSchema = Type.Union(
  [Type.Literal('request.submitted'), Type.Literal('request.approved'), Type.Literal('request.rejected'), Type.Literal('request.replied')],
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
  description: 'A webhook endpoint; deliveries are POSTed as JSON and signed with HMAC-SHA256 of the body.',
});

/** A webhook as created. */
export const CreatedWebhookSchema = Type.Object(
  { ...webhookProperties, secret: Type.String({ description: 'The signing secret, shown this once.' }) },
  { $id: 'CreatedWebhook', description: 'A webhook as created: `secret` is shown this once.' },
);

/** Body to add a webhook. */
export const CreateWebhookInputSchema = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2000, pattern: '^https?://\\S+$', description: 'An http(s) URL.' }),
    events: Type.Optional(Type.Array(WebhookEventTypeSchema, { minItems: 1, maxItems: 4, description: 'Every event when absent.' })),
  },
  { $id: 'CreateWebhookInput', description: 'Body to add a webhook.' },
);

/** `GET …/staff/webhooks` answer. */
export const WebhookListSchema = ListSchema(WebhookSchema, 'WebhookList', "The org's webhooks.");
