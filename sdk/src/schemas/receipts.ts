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

const lang = Type.Union([Type.Literal('fa'), Type.Literal('en')], { description: 'The language of the page; `Accept-Language` otherwise.' });

/** `POST /v1/orgs/:org/requests/:id/receipt-link` query. */
export const ReceiptLinkQuerySchema = Type.Object({ lang: Type.Optional(lang) }, { $id: 'ReceiptLinkQuery' });

/** A short-lived link to the printable receipt of one of the citizen's requests. */
export const ReceiptLinkSchema = Type.Object(
  {
    url: Type.String({ description: 'The printable receipt page (`GET …/requests/:id/receipt?…`), openable without a session until `expiresAt`.' }),
    expiresAt: TimestampSchema,
  },
  { $id: 'ReceiptLink' },
);

/** `GET /v1/orgs/:org/requests/:id/receipt` query: what a receipt link carries. */
export const PrintedReceiptQuerySchema = Type.Object(
  {
    c: Type.String({ maxLength: 64, description: 'The citizen the link was made for.' }),
    exp: Type.Integer({ minimum: 0, description: 'When the link stops working, in seconds since 1970.' }),
    sig: Type.String({ maxLength: 200, description: "The link's signature." }),
    lang: Type.Optional(lang),
  },
  { $id: 'PrintedReceiptQuery' },
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
