import { Type } from '@sinclair/typebox';
import { ListSchema, LocaleSchema, TimestampSchema } from './common.js';

/** What a template is for. */
export const TemplateKindSchema = Type.Union([Type.Literal('reply'), Type.Literal('rejection')], {
  $id: 'TemplateKind',
  description: '`reply`: a reply text (جوابیه); `rejection`: a rejection reason.',
});

const templateText = Type.String({
  maxLength: 2000,
  description: 'May use `{fullName}`, `{trackingCode}`, `{letterNumber}`, `{unit}` and `{date}`; any other `{name}` is refused with `template_invalid`.',
});

/** A template's text in each locale; at least one is given. */
export const TemplateTextSchema = Type.Object(
  { fa: Type.Union([Type.String(), Type.Null()]), en: Type.Union([Type.String(), Type.Null()]) },
  { $id: 'TemplateText', description: 'The text in Persian and in English; `null` where the org wrote none.' },
);

/** An answer or rejection template of an org. */
export const TemplateSchema = Type.Object(
  {
    id: Type.String(),
    kind: TemplateKindSchema,
    title: Type.String({ description: 'What staff pick it by; unique per org and kind.' }),
    text: TemplateTextSchema,
    createdAt: TimestampSchema,
    updatedAt: TimestampSchema,
  },
  { $id: 'Template', description: 'A reply or rejection text with variables, filled in for a request when staff use it.' },
);

/** `GET …/staff/templates` answer. */
export const TemplateListSchema = ListSchema(TemplateSchema, 'TemplateList', "The org's templates by kind and title.");

/** `POST …/staff/templates` body. */
export const CreateTemplateInputSchema = Type.Object(
  {
    kind: TemplateKindSchema,
    title: Type.String({ minLength: 1, maxLength: 100 }),
    text: Type.Object({ fa: Type.Optional(templateText), en: Type.Optional(templateText) }, { description: 'At least one locale.' }),
  },
  { $id: 'CreateTemplateInput', description: 'Body to add a template.' },
);

/** `PATCH …/staff/templates/:templateId` body. */
export const UpdateTemplateInputSchema = Type.Object(
  {
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    text: Type.Optional(
      Type.Object({ fa: Type.Optional(templateText), en: Type.Optional(templateText) }, { description: 'The locales to change; an empty text removes that locale (one must remain).' }),
    ),
  },
  { $id: 'UpdateTemplateInput', description: 'Body to change a template.' },
);

/** `POST …/staff/templates/:templateId/render` body. */
export const RenderTemplateInputSchema = Type.Object(
  { requestId: Type.String({ minLength: 1, maxLength: 100, description: 'A request the caller may see.' }) },
  { $id: 'RenderTemplateInput', description: 'Body to preview a template for a request.' },
);

/** `POST …/staff/templates/:templateId/render` answer. */
export const RenderedTemplateSchema = Type.Object(
  { text: Type.String(), locale: LocaleSchema },
  { $id: 'RenderedTemplate', description: 'The template filled in for a request, in the locale the citizen would get it in.' },
);

/** An SMS the service sends. */
export const SmsKindSchema = Type.Union(
  [
    Type.Literal('otp'),
    Type.Literal('staff_otp'),
    Type.Literal('submitted'),
    Type.Literal('approved'),
    Type.Literal('rejected'),
    Type.Literal('documents_requested'),
    Type.Literal('replied'),
  ],
  { $id: 'SmsKind', description: 'The login code of a citizen (`otp`, which ends with a WebOTP line) or of staff (`staff_otp`), or news about a request: `submitted` (with the tracking code), `approved`, `rejected` (with how to appeal, as `{appeal}`), `documents_requested`, `replied`.' },
);

/** One SMS text of an org in one locale. */
export const SmsTextSchema = Type.Object(
  {
    kind: SmsKindSchema,
    locale: LocaleSchema,
    defaultText: Type.String({ description: 'The built-in text.' }),
    text: Type.Union([Type.String(), Type.Null()], { description: "The org's own text; `null` when the built-in one is used." }),
    variables: Type.Array(Type.String(), { description: 'The `{name}`s this text may use.' }),
    required: Type.Array(Type.String(), { description: 'The `{name}`s this text must keep (the login code).' }),
    example: Type.String({ description: 'The text in use, filled in with sample values; a login code with its WebOTP line when `PUBLIC_URL` is set.' }),
    encoding: Type.Union([Type.Literal('gsm7'), Type.Literal('ucs2')], { description: '`ucs2` for any Persian text: 70 characters in one SMS, 67 per part beyond; `gsm7`: 160 and 153.' }),
    parts: Type.Integer({ minimum: 1, description: 'How many SMS the example takes, which is what the org pays for.' }),
  },
  { $id: 'SmsText', description: 'An SMS text of the org in one locale, the built-in one or its own.' },
);

/** `GET …/staff/sms-texts` answer. */
export const SmsTextListSchema = ListSchema(SmsTextSchema, 'SmsTextList', 'Every SMS the service sends, in each locale.');

/** `PUT …/staff/sms-texts/:kind/:locale` body. */
export const SmsTextInputSchema = Type.Object(
  { text: Type.String({ minLength: 1, maxLength: 1000, description: 'May use the `variables` of its kind; the login codes must keep `{code}`.' }) },
  { $id: 'SmsTextInput', description: "Body to set the org's own text for an SMS." },
);

/** The path of `…/staff/sms-texts/:kind/:locale`. */
export const SmsTextParamsSchema = Type.Object({ kind: SmsKindSchema, locale: LocaleSchema }, { $id: 'SmsTextParams' });
