import { Type } from '@sinclair/typebox';
import { RequestStatusSchema, TimestampSchema } from './common.js';
import { CitizenRequestSchema } from './requests.js';

/** What a decision or reply event carries. */
export const RequestChangeSchema = Type.Object(
  {
    requestId: Type.String(),
    trackingCode: Type.String(),
    status: RequestStatusSchema,
  },
  { $id: 'RequestChange', description: 'The request a decision or reply was made on, and its status after it.' },
);

function event<T extends string>(type: T, data: typeof CitizenRequestSchema | typeof RequestChangeSchema, id: string, description: string) {
  return Type.Object(
    {
      id: Type.String({ description: 'The event id; the same in every retry, so receivers can drop duplicates.' }),
      type: Type.Literal(type),
      createdAt: TimestampSchema,
      data,
    },
    { $id: id, description },
  );
}

/** `request.submitted`: the request as its citizen sees it. */
export const RequestSubmittedEventSchema = event('request.submitted', CitizenRequestSchema, 'RequestSubmittedEvent', 'A citizen sent a request.');
/** `request.approved`. */
export const RequestApprovedEventSchema = event('request.approved', RequestChangeSchema, 'RequestApprovedEvent', 'Staff approved a request.');
/** `request.rejected`. */
export const RequestRejectedEventSchema = event('request.rejected', RequestChangeSchema, 'RequestRejectedEvent', 'Staff rejected a request.');
/** `request.replied`. */
export const RequestRepliedEventSchema = event('request.replied', RequestChangeSchema, 'RequestRepliedEvent', 'Staff attached a reply.');

/** `request.referred`. */
export const RequestReferredEventSchema = event('request.referred', RequestChangeSchema, 'RequestReferredEvent', 'Staff referred a request to a unit.');
/** `request.documents_requested`. */
export const RequestDocumentsRequestedEventSchema = event(
  'request.documents_requested',
  RequestChangeSchema,
  'RequestDocumentsRequestedEvent',
  'Staff asked the citizen for more documents.',
);
/** `request.supplemented`. */
export const RequestSupplementedEventSchema = event('request.supplemented', RequestChangeSchema, 'RequestSupplementedEvent', 'The citizen sent the documents asked for.');

/** The JSON body POSTed to a webhook. */
export const WebhookEventSchema = Type.Union(
  [
    RequestSubmittedEventSchema,
    RequestReferredEventSchema,
    RequestDocumentsRequestedEventSchema,
    RequestSupplementedEventSchema,
    RequestApprovedEventSchema,
    RequestRejectedEventSchema,
    RequestRepliedEventSchema,
  ],
  { $id: 'WebhookEvent', description: 'The JSON body POSTed to a webhook, signed in `X-Citizen-Counter-Signature: sha256=<hex HMAC of the body>`.' },
);
