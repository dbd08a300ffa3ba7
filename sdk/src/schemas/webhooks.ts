import { Type } from '@sinclair/typebox';
import { ListSchema, RequestStatusSchema, TimestampSchema } from './common.js';
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
export const RequestRejectedEventSchema = event('request.rejected', RequestChangeSchema, 'RequestRejectedEvent', 'Staff rejected a request, or its citizen deleted their account while it was open (the request\'s `rejectionReason` then says so).');
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

/** `request.appealed`. */
export const RequestAppealedEventSchema = event('request.appealed', RequestChangeSchema, 'RequestAppealedEvent', 'The citizen appealed a rejection; the request is back at the secretariat under review.');

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
    RequestAppealedEventSchema,
  ],
  {
    $id: 'WebhookEvent',
    description: 'The JSON body POSTed to a webhook, signed the Standard Webhooks way in `webhook-id`, `webhook-timestamp` and `webhook-signature`.',
  },
);

/** One attempt to deliver an event to a webhook. */
export const WebhookDeliverySchema = Type.Object(
  {
    id: Type.String(),
    eventId: Type.String({ description: 'The event id, also sent as `webhook-id`; the same in every attempt of one event.' }),
    eventType: Type.String({ description: 'The event type, e.g. `request.submitted`.' }),
    attempt: Type.Integer({ minimum: 1, description: '1 for the first attempt of this event, 2 for its first retry, …' }),
    attemptedAt: TimestampSchema,
    ok: Type.Boolean({ description: '`true` when the receiver answered 2xx.' }),
    statusCode: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's HTTP status; `null` when none came (refused target, unreachable, timed out)." }),
    error: Type.Union([Type.String(), Type.Null()], { description: 'Why the attempt failed; `null` when it succeeded. A refused target starts with `Undeliverable:` and is not retried.' }),
    durationMs: Type.Integer({ minimum: 0, description: 'How long the attempt took, in milliseconds.' }),
  },
  { $id: 'WebhookDelivery', description: 'One attempt to deliver an event to a webhook.' },
);

/** `GET …/staff/webhooks/:webhookId/deliveries` answer. */
export const WebhookDeliveryListSchema = ListSchema(WebhookDeliverySchema, 'WebhookDeliveryList', "A webhook's latest delivery attempts, newest first (at most 50).");
