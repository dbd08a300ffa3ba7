import { Type } from '@sinclair/typebox';
import { ListSchema, TimestampSchema } from './common.js';

const nullableString = (description: string) => Type.Union([Type.String(), Type.Null()], { description });

/** A message the outbox gave up on. */
export const DeadLetterSchema = Type.Object(
  {
    id: Type.String({ description: 'The message id, also its idempotency key towards the gateway or receiver.' }),
    orgId: Type.String(),
    kind: Type.Union([Type.Literal('sms'), Type.Literal('webhook')]),
    to: nullableString('The phone an SMS was for (E.164).'),
    webhookId: nullableString('The webhook a delivery was for.'),
    eventType: nullableString('The event a webhook delivery carried, e.g. `request.approved`.'),
    attempts: Type.Integer({ minimum: 0 }),
    lastError: nullableString('Why the last attempt failed.'),
    createdAt: TimestampSchema,
    failedAt: TimestampSchema,
    replayable: Type.Boolean({ description: 'False for a login code: its text was cleared and it would be too late anyway.' }),
  },
  { $id: 'DeadLetter', description: 'A message the outbox gave up on (a dead letter): after its last attempt, or at once when its target is refused.' },
);

/** Dead letters, newest first. */
export const DeadLetterListSchema = ListSchema(DeadLetterSchema, 'DeadLetterList', 'Messages the outbox gave up on, newest first, at most 100.');

/** `GET /v1/admin/outbox/dead` query. */
export const DeadLetterQuerySchema = Type.Object(
  { org: Type.Optional(Type.String({ maxLength: 40, description: 'Only the dead letters of this org.' })) },
  { $id: 'DeadLetterQuery' },
);
