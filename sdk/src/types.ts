/**
 * The wire types of the Citizen Counter HTTP API (v1): the one place to read the contract, shared by
 * the server, the SDK and the widget. Each type is derived from its runtime schema in `./schemas/`
 * (TypeBox, JSON Schema), which the server validates input with and builds its OpenAPI document from;
 * the imports here are type-only, so no schema code reaches a bundle that uses these types. Every
 * timestamp is an ISO 8601 string in UTC (`2026-11-22T10:15:00.000Z`); the widget renders it in
 * Jalali (fa) or Gregorian (en).
 */
import type { Static } from '@sinclair/typebox';
import type {
  ActionPreviewInputSchema,
  ActionPreviewSchema,
  ApiKeyInfoSchema,
  ApproveInputSchema,
  CitizenRequestSchema,
  CreateApiKeyInputSchema,
  CreatedApiKeySchema,
  CreatedWebhookSchema,
  CreateOrgInputSchema,
  CreateUnitInputSchema,
  CreateWebhookInputSchema,
  DeadLetterSchema,
  DevSmsMessageSchema,
  FileInfoSchema,
  HealthSchema,
  HumanCheckChallengeSchema,
  HumanCheckKindSchema,
  HumanCheckSolutionSchema,
  ChallengeQuerySchema,
  ImageChallengeSchema,
  LetterRegisterSettingsSchema,
  ListRequestsQuerySchema,
  LocaleSchema,
  LocalizedTextSchema,
  OrgProfileSchema,
  OrgSchema,
  OrgSettingsPatchSchema,
  OrgSettingsSchema,
  OtpRequestInputSchema,
  OtpRequestResultSchema,
  ReceiptLinkSchema,
  OtpSettingsSchema,
  PowChallengeSchema,
  ReadinessSchema,
  RejectInputSchema,
  ReplySchema,
  RequestChangeSchema,
  RequestDetailSchema,
  RequestEventSchema,
  RequestEventTypeSchema,
  RequestStatusSchema,
  SessionInputSchema,
  SessionSchema,
  StaffListQuerySchema,
  StaffQueueCountsSchema,
  StaffRequestSchema,
  StaffUnitSchema,
  UnitSchema,
  UpdateOrgInputSchema,
  UpdateUnitInputSchema,
  UploadRulesSchema,
  WebhookDeliverySchema,
  WebhookEventSchema,
  WebhookEventTypeSchema,
  WebhookSchema,
  WorkingCalendarSettingsSchema,
  ReceiptQuerySchema,
  ReceiptVerificationSchema,
  NotificationSettingsSchema,
  AppealSettingsSchema,
  AppealFieldsSchema,
  RetentionSettingsSchema,
  DeleteAccountInputSchema,
  ExportedFileSchema,
  CitizenDataExportSchema,
} from './schemas/index.js';

/** A locale the product speaks. `fa` is right-to-left with Persian digits and Jalali dates. */
export type Locale = Static<typeof LocaleSchema>;

/** A text given in both product locales. */
export type LocalizedText = Static<typeof LocalizedTextSchema>;

/**
 * Where a request stands.
 * - `under_review` (blue): در حال بررسی
 * - `rejected` (red): رد شده, with a reason and a date
 * - `approved` (green): تایید شده, registered as an incoming letter with a number and a date
 */
export type RequestStatus = Static<typeof RequestStatusSchema>;

/** The human check an org asks for before sending an SMS. */
export type HumanCheckKind = Static<typeof HumanCheckKindSchema>;

/** An organizational unit a request can be addressed to (واحد سازمانی مخاطب). */
export type Unit = Static<typeof UnitSchema>;

/**
 * The upload and field rules of an org (قوانین ارسال اطلاعات); the server enforces the same figures.
 * `maxFileBytes` (default 1048576), `allowedExtensions` (lower case, no dot; default pdf, doc, docx,
 * jpg, jpeg, png, tiff, zip), `maxFullNameLength` and `maxSubjectLength` (characters, default 200).
 */
export type UploadRules = Static<typeof UploadRulesSchema>;

/**
 * OTP settings an org publishes so the widget can show lengths and countdowns: `length` (digits,
 * default 6), `ttlSeconds` (default 300), `resendSeconds` (wait before another code, default 60).
 */
export type OtpSettings = Static<typeof OtpSettingsSchema>;

/**
 * How an org numbers its letters (دفتر اندیکاتور): `pattern` with `{seq}` (required), `{year}`
 * (Jalali), `{unit}` (the unit's code) and `{prefix}`; `digits` `latin` or `persian`; `outgoing`
 * numbers replies from a second sequence. E.g. `{prefix}/{unit}/{seq}/{year}` → `نمونه/د/۱۲۷/۱۴۰۵`.
 */
export type LetterRegisterSettings = Static<typeof LetterRegisterSettingsSchema>;

/** The working calendar of an org: weekly `daysOff` (0 = Sunday … 6 = Saturday) and `holidays` (`YYYY-MM-DD`). */
export type WorkingCalendarSettings = Static<typeof WorkingCalendarSettingsSchema>;

/** `GET /v1/orgs/:org` — the public profile of an org; `allowedCountryCodes` e.g. `['98']`. */
export type OrgProfile = Static<typeof OrgProfileSchema>;

/**
 * `POST /v1/orgs/:org/challenges` with the default `pow` kind: an ALTCHA proof-of-work challenge.
 * Find `n` in `0..maxNumber` with `hex(SHA-256(salt + n)) === challenge`; answer with `String(n)`.
 */
export type PowChallenge = Static<typeof PowChallengeSchema>;

/** A visual code image (کد امنیتی) for orgs that chose `image`; answer with the characters shown. */
export type ImageChallenge = Static<typeof ImageChallengeSchema>;

/** A human check, single use, valid 10 minutes. */
export type HumanCheckChallenge = Static<typeof HumanCheckChallengeSchema>;

/** `POST /v1/orgs/:org/challenges` query: `{kind: 'image'}` asks for the image check whatever the org's kind. */
export type ChallengeQuery = Static<typeof ChallengeQuerySchema>;

/** The answer to a human check: its id and the found number (pow) or the typed characters (image). */
export type HumanCheckSolution = Static<typeof HumanCheckSolutionSchema>;

/** `POST /v1/orgs/:org/otp` body. `phone` may be `09…`, `+98…`, `0098…`, in Persian, Arabic-Indic or Latin digits. */
export type OtpRequestInput = Static<typeof OtpRequestInputSchema>;

/**
 * `POST /v1/orgs/:org/otp` answer (202), the same whether or not the number was seen before:
 * `phone` in E.164 form, and `resendAt`, when another code may be asked for.
 */
export type OtpRequestResult = Static<typeof OtpRequestResultSchema>;

/** `POST /v1/orgs/:org/sessions` body. */
export type SessionInput = Static<typeof SessionInputSchema>;

/**
 * `POST /v1/orgs/:org/sessions` answer (201): a bearer `token` only valid at the org that issued it,
 * its absolute expiry (an idle session expires earlier) and the citizen's phone in E.164 form.
 */
export type Session = Static<typeof SessionSchema>;

/** A stored file: the request body (فایل بدنه) or a reply file; `type` is decided from its content. */
export type FileInfo = Static<typeof FileInfoSchema>;

/** What happened to a request, oldest first. */
export type RequestEventType = Static<typeof RequestEventTypeSchema>;

/** One step of a request's timeline; `note` is the reason, the letter number or the reply text. */
export type RequestEvent = Static<typeof RequestEventSchema>;

/** The organization's answer (جوابیه). */
export type Reply = Static<typeof ReplySchema>;

/**
 * A request as its citizen sees it in a list: `trackingCode` (کد رهگیری, unique within the org,
 * digits only), `createdAt` (تاریخ ارسال نامه), and on approval `letterNumber` (شماره نامه) and
 * `letterDate` (تاریخ نامه).
 */
export type CitizenRequest = Static<typeof CitizenRequestSchema>;

/** `GET /v1/orgs/:org/requests/:id` — a request with its timeline. */
export type RequestDetail = Static<typeof RequestDetailSchema>;

/**
 * A page of a cursor-paginated list. Pass `nextCursor` back as `cursor` for the next page. (Generic,
 * so written out; its schema is `PageSchema(item)` in `./schemas/common.ts`.)
 */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `GET /v1/orgs/:org/requests` query: `limit` 1–100 (default 20), `trackingCode` exact (Persian digits accepted). */
export type ListRequestsQuery = Static<typeof ListRequestsQuerySchema>;

/** A request as staff see it: everything the citizen sees plus who sent it. */
export type StaffRequest = Static<typeof StaffRequestSchema>;

/**
 * `GET /v1/orgs/:org/staff/requests` query: `q` matches the subject, the full name, the tracking
 * code, the letter number or the phone, Persian and Arabic spellings and digits alike; `from`
 * (inclusive) and `to` (exclusive) are ISO dates or date-times.
 */
export type StaffListQuery = Static<typeof StaffListQuerySchema>;

/** `POST …/staff/requests/:id/preview` body: the action about to be taken and what the clerk wrote. */
export type ActionPreviewInput = Static<typeof ActionPreviewInputSchema>;

/** `POST …/staff/requests/:id/preview` answer: the letter number, text and SMS the action would give the citizen. */
export type ActionPreview = Static<typeof ActionPreviewSchema>;

/** The sizes of the staff queues (`GET …/staff/requests/counts`). */
export type StaffQueueCounts = Static<typeof StaffQueueCountsSchema>;

/** `POST …/staff/requests/:id/approve` body: `letterNumber` numbered per org when absent, `letterDate` now when absent. */
export type ApproveInput = Static<typeof ApproveInputSchema>;

/** `POST …/staff/requests/:id/reject` body. */
export type RejectInput = Static<typeof RejectInputSchema>;

/**
 * Org settings staff and operators may change. `allowedOrigins`: host-site origins allowed to call
 * the citizen API from a browser, e.g. `https://example.org`; `smsLocale`: the locale of the SMS
 * templates, in which `{trackingCode}`, `{letterNumber}`, `{date}`, `{reason}`, `{code}` are filled in.
 * The desk: `register` (the letter numbering), `supplementRounds` (requests for documents per
 * request, default 2), `calendar` (days off and holidays due dates skip) and `responseDays` (the
 * response time of units that set none, default 10).
 */
export type OrgSettings = Static<typeof OrgSettingsSchema>;

/** A partial update of org settings; nested objects are merged. */
export type OrgSettingsPatch = Static<typeof OrgSettingsPatchSchema>;

/** An org as its operator and staff see it. */
export type Org = Static<typeof OrgSchema>;

/** `POST /v1/admin/orgs` body; `id` is 2–40 lower-case letters, digits and dashes. */
export type CreateOrgInput = Static<typeof CreateOrgInputSchema>;

/** `PATCH /v1/admin/orgs/:org` body: a new name, a settings patch, or both. */
export type UpdateOrgInput = Static<typeof UpdateOrgInputSchema>;

/** Body to add a unit: its names, and optionally its `code` for letter numbers and its `responseDays`. */
export type CreateUnitInput = Static<typeof CreateUnitInputSchema>;

/** Body to change a unit; `null` clears the code or the response time, absent fields stay. */
export type UpdateUnitInput = Static<typeof UpdateUnitInputSchema>;

/** A unit as staff see it: `code` (letter numbers' `{unit}`) and `responseDays` (`null`: the org's default). */
export type StaffUnit = Static<typeof StaffUnitSchema>;

/** A staff API key as listed (without its secret); `prefix` is the first characters of the key. */
export type ApiKeyInfo = Static<typeof ApiKeyInfoSchema>;

/** A freshly created key: `key` is shown this once and stored only hashed. */
export type CreatedApiKey = Static<typeof CreatedApiKeySchema>;

/** `POST /v1/admin/orgs/:org/keys` body. */
export type CreateApiKeyInput = Static<typeof CreateApiKeyInputSchema>;

/** Events an org's webhooks receive. */
export type WebhookEventType = Static<typeof WebhookEventTypeSchema>;

/** A webhook endpoint; deliveries are POSTed as JSON and signed the Standard Webhooks way. */
export type Webhook = Static<typeof WebhookSchema>;

/** A webhook as created: `secret` is shown this once. */
export type CreatedWebhook = Static<typeof CreatedWebhookSchema>;

/** Body to add a webhook (every event when `events` is absent). */
export type CreateWebhookInput = Static<typeof CreateWebhookInputSchema>;

/** The data of a decision or reply webhook event: the request and its status after the change. */
export type RequestChange = Static<typeof RequestChangeSchema>;

/** The JSON body POSTed to a webhook. */
export type WebhookEvent = Static<typeof WebhookEventSchema>;

/** One attempt to deliver an event to a webhook: when, the receiver's status or the error, how long. */
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;

/** `GET /dev/sms` item: a message the dev SMS provider kept instead of sending. */
export type DevSmsMessage = Static<typeof DevSmsMessageSchema>;

/** `GET /healthz` answer. */
export type Health = Static<typeof HealthSchema>;

/**
 * A message the outbox gave up on (a dead letter): an SMS after its last attempt, a webhook delivery
 * after its last attempt or at once when its address is refused. Staff and operators see and replay them.
 */
export type DeadLetter = Static<typeof DeadLetterSchema>;

/** `GET /readyz` answer: the database answers with every migration applied and the widget is built. */
export type Readiness = Static<typeof ReadinessSchema>;

// The desk: staff people and who is calling.

import type {
  ApiKeyRoleSchema,
  CreateStaffInputSchema,
  StaffIdentitySchema,
  StaffMemberSchema,
  StaffRoleSchema,
  StaffSessionSchema,
  UnitPersonSchema,
  UpdateStaffInputSchema,
} from './schemas/index.js';

/** What a staff member may do: `admin`, `registrar` (the secretariat) or `handler` (their units). */
export type StaffRole = Static<typeof StaffRoleSchema>;

/** What a back-office system with an API key may do. */
export type ApiKeyRole = Static<typeof ApiKeyRoleSchema>;

/** A staff member of an org. */
export type StaffMember = Static<typeof StaffMemberSchema>;

/** Body to add a staff member. */
export type CreateStaffInput = Static<typeof CreateStaffInputSchema>;

/** Body to change a staff member. */
export type UpdateStaffInput = Static<typeof UpdateStaffInputSchema>;

/** Who is calling a staff route. */
export type StaffIdentity = Static<typeof StaffIdentitySchema>;

/** A staff session. */
export type StaffSession = Static<typeof StaffSessionSchema>;

/** An active handler of a unit, as the refer form offers them: id and name only. */
export type UnitPerson = Static<typeof UnitPersonSchema>;

// The desk: the request workflow.

import type {
  AuditEntrySchema,
  DocumentsRequestInputSchema,
  EventActorSchema,
  EventByRoleSchema,
  NoteInputSchema,
  NoteSchema,
  ReferInputSchema,
  ReturnInputSchema,
  StaffRequestEventSchema,
} from './schemas/index.js';

/** Who did a step as the citizen is told: a role, never a person. */
export type EventByRole = Static<typeof EventByRoleSchema>;

/** Who did a step, as staff see it. */
export type EventActor = Static<typeof EventActorSchema>;

/** One step of a request's timeline as staff see it. */
export type StaffRequestEvent = Static<typeof StaffRequestEventSchema>;

/** Body to refer a request to a unit. */
export type ReferInput = Static<typeof ReferInputSchema>;

/** Body to send a request back to the secretariat. */
export type ReturnInput = Static<typeof ReturnInputSchema>;

/** Body to ask the citizen for more documents. */
export type DocumentsRequestInput = Static<typeof DocumentsRequestInputSchema>;

/** Body to add an internal note. */
export type NoteInput = Static<typeof NoteInputSchema>;

/** An internal note on a request (staff only). */
export type Note = Static<typeof NoteSchema>;

/** One staff action of the audit trail. */
export type AuditEntry = Static<typeof AuditEntrySchema>;

// The desk: answer and rejection templates, and the org's SMS texts.

import type {
  CreateTemplateInputSchema,
  RenderedTemplateSchema,
  SmsKindSchema,
  SmsTextSchema,
  TemplateKindSchema,
  TemplateSchema,
  TemplateTextSchema,
  UpdateTemplateInputSchema,
} from './schemas/index.js';

/** What a template is for: a `reply` text or a `rejection` reason. */
export type TemplateKind = Static<typeof TemplateKindSchema>;

/** A template's text in Persian and English (`null` where the org wrote none). */
export type TemplateText = Static<typeof TemplateTextSchema>;

/**
 * An answer or rejection template of an org. Its text may use `{fullName}`, `{trackingCode}`,
 * `{letterNumber}`, `{unit}` (the unit's name) and `{date}` (the day, Jalali in `fa`).
 */
export type Template = Static<typeof TemplateSchema>;

/** Body to add a template: a kind, a title unique per org and kind, and a text in at least one locale. */
export type CreateTemplateInput = Static<typeof CreateTemplateInputSchema>;

/** Body to change a template; an empty text removes that locale. */
export type UpdateTemplateInput = Static<typeof UpdateTemplateInputSchema>;

/** A template filled in for a request. */
export type RenderedTemplate = Static<typeof RenderedTemplateSchema>;

/** An SMS the service sends: `otp`, `staff_otp`, `submitted`, `approved`, `rejected`, `documents_requested`, `replied`. */
export type SmsKind = Static<typeof SmsKindSchema>;

/** An SMS text of the org in one locale, with its variables, an example and its part count. */
export type SmsText = Static<typeof SmsTextSchema>;

/**
 * `GET /v1/orgs/:org/receipts/:trackingCode?sig=…` with `Accept: application/json` — what a receipt's
 * QR code link tells anyone: `genuine: true` with the org, the date, the unit and the current status
 * (never a name, subject or file), or only `genuine: false` for a changed link or an unknown code.
 */
export type ReceiptVerification = Static<typeof ReceiptVerificationSchema>;

/** The query of a receipt's link: its signature and, for the HTML page, a language. */
export type ReceiptQuery = Static<typeof ReceiptQuerySchema>;

/**
 * `POST /v1/orgs/:org/requests/:id/receipt-link` — a link, good for 15 minutes and openable without a
 * session, to the request's printable receipt: the org's name and logo, the tracking code, date,
 * unit, subject and name, and the QR code of the receipt's public check ({@link ReceiptVerification}).
 */
export type ReceiptLink = Static<typeof ReceiptLinkSchema>;

/**
 * Which SMS an org sends citizens (each `true` by default): `submitted` (with the tracking code),
 * `replied`, `documentsRequested`, `approved`, `rejected` (with how to appeal). Login codes always go.
 */
export type NotificationSettings = Static<typeof NotificationSettingsSchema>;

/** Appeals of a rejection: `rounds` a request may have (default 1, `0` turns them off), within `days` of the rejection (default 30). */
export type AppealSettings = Static<typeof AppealSettingsSchema>;

/** The fields of an appeal besides its optional file: the citizen's `text` (1–2000 characters). */
export type AppealFields = Static<typeof AppealFieldsSchema>;

/**
 * How long an org keeps the files of closed requests: `days` after approval or rejection (`null`,
 * the default, keeps them for ever). A removed file's download answers 410 `file_removed`.
 */
export type RetentionSettings = Static<typeof RetentionSettingsSchema>;

/** `DELETE /v1/orgs/:org/me` body: `{ confirm: 'DELETE' }`. */
export type DeleteAccountInput = Static<typeof DeleteAccountInputSchema>;

/** A file listed in a data export: its description, its `path` in the archive (`null` once removed) and `removedAt`. */
export type ExportedFile = Static<typeof ExportedFileSchema>;

/**
 * `data.json` of a citizen's data export: the phone and account date, and every request as the
 * citizen sees it (timeline, reply, documents asked for, appeals) with all its files.
 */
export type CitizenDataExport = Static<typeof CitizenDataExportSchema>;
