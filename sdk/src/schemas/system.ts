import { Type } from '@sinclair/typebox';
import { ListSchema, TimestampSchema } from './common.js';

/** A message the dev SMS provider kept instead of sending. */
export const DevSmsMessageSchema = Type.Object(
  {
    id: Type.String(),
    orgId: Type.String(),
    to: Type.String(),
    text: Type.String(),
    createdAt: TimestampSchema,
  },
  { $id: 'DevSmsMessage', description: 'A message the dev SMS provider kept instead of sending.' },
);

/** `GET /dev/sms` query. */
export const DevSmsQuerySchema = Type.Object(
  {
    to: Type.Optional(Type.String({ maxLength: 50, description: 'Only messages to this phone (E.164).' })),
    org: Type.Optional(Type.String({ maxLength: 40, description: 'Only messages of this org.' })),
  },
  { $id: 'DevSmsQuery' },
);

/** `GET /healthz` answer. */
export const HealthSchema = Type.Object(
  {
    status: Type.Literal('ok'),
    database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    version: Type.String(),
  },
  { $id: 'Health', description: 'Health of the service and its database.' },
);

/** `GET /readyz` answer (200); a service that is not ready answers 503 with what is missing. */
export const ReadinessSchema = Type.Object(
  {
    status: Type.Literal('ready'),
    database: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
    version: Type.String(),
  },
  { $id: 'Readiness', description: 'Ready to serve: the database answers with every migration applied, and the widget bundles are built.' },
);

/** `GET /dev/sms` answer. */
export const DevSmsListSchema = ListSchema(DevSmsMessageSchema, 'DevSmsList', 'Messages kept by the dev SMS provider, newest first, at most 100.');
