import { Type } from '@sinclair/typebox';
import { HumanCheckKindSchema, ListSchema, LocaleSchema, LocalizedTextSchema, TimestampSchema, UnitSchema } from './common.js';

/** The upload and field rules of an org. */
export const UploadRulesSchema = Type.Object(
  {
    maxFileBytes: Type.Integer({ minimum: 1, maximum: 50 * 1_048_576, default: 1_048_576, description: 'Largest body file in bytes.' }),
    allowedExtensions: Type.Array(Type.String({ pattern: '^[a-z0-9]{1,10}$' }), {
      maxItems: 100,
      default: ['pdf', 'doc', 'docx', 'jpg', 'jpeg', 'png', 'tiff', 'zip'],
      description: 'Accepted file extensions, lower case, without the dot.',
    }),
    maxFullNameLength: Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Longest full name in characters.' }),
    maxSubjectLength: Type.Integer({ minimum: 1, maximum: 1000, default: 200, description: 'Longest subject in characters.' }),
  },
  { $id: 'UploadRules', description: 'The upload and field rules of an org (قوانین ارسال اطلاعات); the server enforces the same figures.' },
);

/** OTP settings an org publishes. */
export const OtpSettingsSchema = Type.Object(
  {
    length: Type.Integer({ minimum: 4, maximum: 8, default: 6, description: 'Digits in a code.' }),
    ttlSeconds: Type.Integer({ minimum: 30, maximum: 600, default: 300, description: 'How long a code stays valid, in seconds.' }),
    resendSeconds: Type.Integer({ minimum: 10, maximum: 600, default: 60, description: 'Wait before another code may be sent to the same phone, in seconds.' }),
  },
  { $id: 'OtpSettings', description: 'OTP settings an org publishes so the widget can show lengths and countdowns.' },
);

const countryCodes = Type.Array(Type.String({ pattern: '^[1-9]\\d{0,3}$' }), {
  maxItems: 100,
  description: "Calling codes a citizen's mobile number may have, e.g. `['98']`.",
});
const origins = Type.Array(Type.String({ pattern: '^https?://[^/\\s]+$' }), {
  maxItems: 100,
  description: 'Host-site origins allowed to call the citizen API from a browser, e.g. `https://example.org`.',
});

/** `GET /v1/orgs/:org` — the public profile of an org. */
export const OrgProfileSchema = Type.Object(
  {
    id: Type.String(),
    name: LocalizedTextSchema,
    units: Type.Array(UnitSchema),
    rules: UploadRulesSchema,
    otp: OtpSettingsSchema,
    humanCheck: HumanCheckKindSchema,
    defaultLocale: LocaleSchema,
    allowedCountryCodes: countryCodes,
  },
  { $id: 'OrgProfile', description: 'The public profile of an org: what the widget builds its forms from.' },
);

/** Org settings staff and operators may change. */
export const OrgSettingsSchema = Type.Object(
  {
    rules: UploadRulesSchema,
    otp: OtpSettingsSchema,
    humanCheck: HumanCheckKindSchema,
    defaultLocale: LocaleSchema,
    allowedCountryCodes: countryCodes,
    allowedOrigins: origins,
    smsLocale: Type.Union([Type.Literal('fa'), Type.Literal('en')], { description: 'The locale of the SMS the org sends.' }),
  },
  { $id: 'OrgSettings', description: 'Org settings staff and operators may change.' },
);

/** A partial update of org settings; nested objects are merged. */
export const OrgSettingsPatchSchema = Type.Object(
  {
    rules: Type.Optional(Type.Partial(Type.Omit(UploadRulesSchema, []))),
    otp: Type.Optional(Type.Partial(Type.Omit(OtpSettingsSchema, []))),
    humanCheck: Type.Optional(HumanCheckKindSchema),
    defaultLocale: Type.Optional(LocaleSchema),
    allowedCountryCodes: Type.Optional(countryCodes),
    allowedOrigins: Type.Optional(origins),
    smsLocale: Type.Optional(Type.Union([Type.Literal('fa'), Type.Literal('en')], { description: 'The locale of the SMS the org sends.' })),
  },
  { $id: 'OrgSettingsPatch', description: 'A partial update of org settings; nested objects are merged.' },
);

/** An org as its operator and staff see it. */
export const OrgSchema = Type.Object(
  {
    id: Type.String(),
    name: LocalizedTextSchema,
    settings: OrgSettingsSchema,
    createdAt: TimestampSchema,
  },
  { $id: 'Org', description: 'An org as its operator and staff see it.' },
);

/** `POST /v1/admin/orgs` body. */
export const CreateOrgInputSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{1,39}$', description: 'Lower-case letters, digits and dashes, 2–40 characters.' }),
    name: LocalizedTextSchema,
    settings: Type.Optional(OrgSettingsPatchSchema),
  },
  { $id: 'CreateOrgInput', description: 'Body to create an org.' },
);

/** `PATCH /v1/admin/orgs/:org` body. */
export const UpdateOrgInputSchema = Type.Object(
  {
    name: Type.Optional(LocalizedTextSchema),
    settings: Type.Optional(OrgSettingsPatchSchema),
  },
  { $id: 'UpdateOrgInput', description: 'Body to rename an org and/or change its settings.' },
);

/** `PATCH /v1/orgs/:org/staff/org` body. */
export const UpdateSettingsInputSchema = Type.Object(
  { settings: Type.Optional(OrgSettingsPatchSchema) },
  { $id: 'UpdateSettingsInput', description: 'Body to change the settings of the org of a staff key.' },
);

/** Body to add or rename a unit. */
export const CreateUnitInputSchema = Type.Object({ name: LocalizedTextSchema }, { $id: 'CreateUnitInput', description: 'Body to add or rename a unit.' });

/** `GET …/staff/units` answer. */
export const UnitListSchema = ListSchema(UnitSchema, 'UnitList', "The org's units in display order.");

/** `GET /v1/admin/orgs` answer. */
export const OrgListSchema = ListSchema(OrgSchema, 'OrgList', 'Every org, oldest first.');
