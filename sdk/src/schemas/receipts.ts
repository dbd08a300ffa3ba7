import { Type } from '@sinclair/typebox';
import { LocalizedTextSchema, RequestStatusSchema, TimestampSchema, UnitSchema } from './common.js';

/** `GET /v1/orgs/:org/receipts/:trackingCode` query. */
export const ReceiptQuerySchema = Type.Object(
  {
    sig: Type.Optional(Type.String({ maxLength: 200, description: "The receipt's signature, as the receipt's link carries it." })),
    lang: Type.Optional(Type.Union([Type.Literal('fa'), Type.Literal('en')], { description: 'The language of the HTML page; `Accept-Language` otherwise.' })),
  },
  { $id: 'ReceiptQuery' },
);

/** What a receipt's link shows anyone who opens it: that it is genuine, its date, unit and status — never a name, subject or file. */
export const ReceiptVerificationSchema = Type.Union(
  [
    Type.Object(
      {
        genuine: Type.Literal(true),
        trackingCode: Type.String(),
        org: Type.Object({ id: Type.String(), name: LocalizedTextSchema }),
        submittedAt: TimestampSchema,
        unit: UnitSchema,
        status: RequestStatusSchema,
        updatedAt: TimestampSchema,
      },
      { description: 'A receipt the service issued, with what may be shown to anyone.' },
    ),
    Type.Object(
      { genuine: Type.Literal(false) },
      { description: 'Not a receipt the service issued: a changed link, a wrong signature or an unknown tracking code, told apart by nothing.' },
    ),
  ],
  { $id: 'ReceiptVerification', description: "What a receipt's link answers (200 either way)." },
);
