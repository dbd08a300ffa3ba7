import { Type, type TSchema } from '@sinclair/typebox';

/** A timestamp on the wire: ISO 8601 in UTC, e.g. `2026-11-22T10:15:00.000Z`. */
export const TimestampSchema = Type.String({ description: 'ISO 8601 date-time in UTC.', examples: ['2026-11-22T10:15:00.000Z'] });

/** A locale the product speaks. */
export const LocaleSchema = Type.Union([Type.Literal('fa'), Type.Literal('en')], {
  $id: 'Locale',
  description: 'A locale the product speaks. `fa` is right-to-left with Persian digits and Jalali dates.',
});

/** A text given in both product locales. */
export const LocalizedTextSchema = Type.Object(
  {
    fa: Type.String({ minLength: 1, maxLength: 200, description: 'The Persian text.' }),
    en: Type.String({ minLength: 1, maxLength: 200, description: 'The English text.' }),
  },
  { $id: 'LocalizedText', description: 'A text given in both product locales.' },
);

/** Where a request stands. */
export const RequestStatusSchema = Type.Union(
  [Type.Literal('under_review'), Type.Literal('needs_documents'), Type.Literal('rejected'), Type.Literal('approved')],
  {
    $id: 'RequestStatus',
    description:
      'Where a request stands: `under_review` (blue), `needs_documents` (amber: the organization asked the citizen for more, نقص مدارک), `rejected` (red, with a reason and a date), `approved` (green, with a letter number and a date).',
  },
);

/** The human check an org asks for before sending an SMS. */
export const HumanCheckKindSchema = Type.Union([Type.Literal('pow'), Type.Literal('image')], {
  $id: 'HumanCheckKind',
  description: 'The human check an org asks for before sending an SMS: a proof of work the widget solves, or a code image.',
});

/** An organizational unit a request can be addressed to. */
export const UnitSchema = Type.Object(
  {
    id: Type.String(),
    name: LocalizedTextSchema,
  },
  { $id: 'Unit', description: 'An organizational unit a request can be addressed to (واحد سازمانی مخاطب).' },
);

/** A page of a cursor-paginated list of `item`. */
export function PageSchema<T extends TSchema>(item: T, id: string) {
  return Type.Object(
    {
      items: Type.Array(item),
      nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass back as `cursor` for the next page; `null` on the last page.' }),
    },
    { $id: id, description: 'A page of a cursor-paginated list, newest first.' },
  );
}

/** A plain (not paginated) list of `item`. */
export function ListSchema<T extends TSchema>(item: T, id: string, description: string) {
  return Type.Object({ items: Type.Array(item) }, { $id: id, description });
}

/** `limit` and `cursor` of a cursor-paginated list. */
export const pageQueryProperties = {
  cursor: Type.Optional(Type.String({ description: 'The `nextCursor` of the previous page.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Items per page, 1–100.' })),
};
