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

/** How the org numbers its letters (دفتر اندیکاتور). */
export const LetterRegisterSettingsSchema = Type.Object(
  {
    pattern: Type.String({
      maxLength: 100,
      default: '{seq}/{year}',
      description:
        'The numbering pattern: `{seq}` (required, once) is the sequence of the Jalali year, `{year}` the Jalali year, `{unit}` the code of the unit the request is at, `{prefix}` the prefix below; e.g. `{prefix}/{unit}/{seq}/{year}` → `نمونه/د/۱۲۷/۱۴۰۵`. Anything else is written as is.',
      examples: ['{seq}/{year}', '{prefix}/{unit}/{seq}/{year}'],
    }),
    prefix: Type.String({ maxLength: 30, default: '', description: 'What `{prefix}` stands for, e.g. the org\'s short name.' }),
    digits: Type.Union([Type.Literal('latin'), Type.Literal('persian')], { default: 'latin', description: 'Whether numbers are written with `0-9` or `۰-۹`.' }),
    outgoing: Type.Boolean({ default: false, description: 'Number replies as outgoing letters (صادره), from a second sequence in the same pattern.' }),
  },
  { $id: 'LetterRegisterSettings', description: 'How the org numbers its letters (دفتر اندیکاتور): per org and Jalali year, gap-free.' },
);

/** The org's working calendar, which due dates count in. */
export const WorkingCalendarSettingsSchema = Type.Object(
  {
    daysOff: Type.Array(Type.Integer({ minimum: 0, maximum: 6 }), {
      maxItems: 6,
      uniqueItems: true,
      default: [5],
      description: 'Weekly days off, 0 = Sunday … 6 = Saturday (5, Friday, by default); at least one weekday stays a working day.',
    }),
    holidays: Type.Array(Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' }), {
      maxItems: 366,
      uniqueItems: true,
      default: [],
      description: 'Holidays as Gregorian days `YYYY-MM-DD` (Tehran time), e.g. `2026-03-21` for Nowruz 1405.',
    }),
  },
  { $id: 'WorkingCalendarSettings', description: 'The working calendar due dates are counted in: weekly days off and listed holidays.' },
);

const supplementRounds = Type.Integer({ minimum: 0, maximum: 10, default: 2, description: 'How many times staff may ask the citizen for documents on one request.' });
const responseDays = Type.Integer({ minimum: 1, maximum: 365, default: 10, description: 'Working days to answer a request, for units that set none.' });

const countryCodes = Type.Array(Type.String({ pattern: '^[1-9]\\d{0,3}$' }), {
  maxItems: 100,
  description: "Calling codes a citizen's mobile number may have, e.g. `['98']`.",
});
const origins = Type.Array(Type.String({ pattern: '^https?://[^/\\s*]+$' }), {
  maxItems: 100,
  description:
    'Host-site origins allowed to call the citizen API from a browser, each exactly as the browser sends it: scheme, host and port when not the default, no path, no trailing slash, no wildcard (`https://www.example.org`, `http://localhost:8080`). A change replaces the whole list.',
});

const codesPerHour = Type.Union([Type.Integer({ minimum: 1, maximum: 1_000_000 }), Type.Null()], {
  description:
    "Citizen login codes the org sends in an hour before numbers that never logged in there need the image check (`human_check_image_required`); `null` takes the service's `OTP_PER_ORG`. The operator's setting.",
});

/** The largest logo kept in the settings: a `data:` URL this long is an image of about 48 KB. */
const maxLogoChars = 65_536;

const logoUrl = Type.Union(
  [
    Type.String({
      maxLength: maxLogoChars,
      pattern: '^(https://[^\\s"<>]+|data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2})$',
      description: `An https URL or a \`data:\` URL of a PNG, JPEG, GIF or WebP image (at most ${maxLogoChars} characters).`,
    }),
    Type.Null(),
  ],
  { description: "The org's logo on the printed receipt and the counter; `null` for none." },
);

/** Which SMS the org sends citizens; each can be turned off. Login codes are always sent. */
export const NotificationSettingsSchema = Type.Object(
  {
    submitted: Type.Boolean({ default: true, description: 'On submission, with the tracking code.' }),
    replied: Type.Boolean({ default: true, description: 'When a reply is posted.' }),
    documentsRequested: Type.Boolean({ default: true, description: 'When documents are asked for.' }),
    approved: Type.Boolean({ default: true, description: 'On approval, with the letter number and date.' }),
    rejected: Type.Boolean({ default: true, description: 'On rejection, with the reason, the date and how to appeal.' }),
  },
  { $id: 'NotificationSettings', description: 'Which SMS the org sends citizens about their requests; each can be turned off.' },
);

/** Whether and how long a citizen may appeal a rejection. */
export const AppealSettingsSchema = Type.Object(
  {
    rounds: Type.Integer({ minimum: 0, maximum: 3, default: 1, description: 'Appeals a request may have; `0` turns appeals off.' }),
    days: Type.Integer({ minimum: 1, maximum: 365, default: 30, description: 'Days after the rejection an appeal is accepted.' }),
  },
  { $id: 'AppealSettings', description: 'Appeals of a rejection (اعتراض): how many a request may have and within how many days of the rejection.' },
);

/** How long an org keeps the files of closed requests. */
export const RetentionSettingsSchema = Type.Object(
  {
    days: Type.Union([Type.Integer({ minimum: 1, maximum: 36_500 }), Type.Null()], {
      default: null,
      description:
        "Days after a request is closed (approved or rejected) after which its files are removed; the request itself and the files' names stay, and a download answers 410 `file_removed`. `null` keeps files for ever.",
    }),
  },
  { $id: 'RetentionSettings', description: 'How long the files of closed requests are kept (null: for ever).' },
);

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
    logoUrl,
    appeals: AppealSettingsSchema,
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
    register: LetterRegisterSettingsSchema,
    supplementRounds,
    calendar: WorkingCalendarSettingsSchema,
    responseDays,
    codesPerHour,
    logoUrl,
    notifications: NotificationSettingsSchema,
    appeals: AppealSettingsSchema,
    retention: RetentionSettingsSchema,
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
    register: Type.Optional(Type.Partial(Type.Omit(LetterRegisterSettingsSchema, []))),
    supplementRounds: Type.Optional(supplementRounds),
    calendar: Type.Optional(Type.Partial(Type.Omit(WorkingCalendarSettingsSchema, []))),
    responseDays: Type.Optional(responseDays),
    codesPerHour: Type.Optional(codesPerHour),
    logoUrl: Type.Optional(logoUrl),
    notifications: Type.Optional(Type.Partial(Type.Omit(NotificationSettingsSchema, []))),
    appeals: Type.Optional(Type.Partial(Type.Omit(AppealSettingsSchema, []))),
    retention: Type.Optional(Type.Partial(Type.Omit(RetentionSettingsSchema, []))),
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

const unitCode = Type.String({
  minLength: 1,
  maxLength: 10,
  pattern: '^[^\\s/{}]+$',
  description: 'A short code, unique in the org, that letter numbers use for `{unit}`, e.g. `د`; no spaces, slashes or braces.',
});
const unitResponseDays = Type.Integer({ minimum: 1, maximum: 365, description: "Working days to answer a request at this unit; `null` for the org's `responseDays`." });

/** A unit as staff see it: with its code and response time. */
export const StaffUnitSchema = Type.Object(
  {
    ...UnitSchema.properties,
    code: Type.Union([unitCode, Type.Null()]),
    responseDays: Type.Union([unitResponseDays, Type.Null()]),
  },
  { $id: 'StaffUnit', description: 'A unit as staff see it: its code for letter numbers and its response time in working days.' },
);

/** Body to add a unit. */
export const CreateUnitInputSchema = Type.Object(
  { name: LocalizedTextSchema, code: Type.Optional(unitCode), responseDays: Type.Optional(Type.Union([unitResponseDays, Type.Null()])) },
  { $id: 'CreateUnitInput', description: 'Body to add a unit; without a code `{unit}` is empty, without a response time the org default applies.' },
);

/** Body to change a unit; absent fields stay. */
export const UpdateUnitInputSchema = Type.Object(
  {
    name: Type.Optional(LocalizedTextSchema),
    code: Type.Optional(Type.Union([unitCode, Type.Null()])),
    responseDays: Type.Optional(Type.Union([unitResponseDays, Type.Null()])),
  },
  { $id: 'UpdateUnitInput', description: 'Body to rename a unit or change its code or response time; `null` clears one, absent fields stay.' },
);

/** `GET …/staff/units` answer. */
export const UnitListSchema = ListSchema(StaffUnitSchema, 'UnitList', "The org's units in display order, with their codes and response times.");

/** `GET /v1/admin/orgs` answer. */
export const OrgListSchema = ListSchema(OrgSchema, 'OrgList', 'Every org, oldest first.');
