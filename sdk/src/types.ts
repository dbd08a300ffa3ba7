/**
 * The wire types of the Citizen Counter HTTP API (v1): the one source of truth shared by the
 * server (type-only imports), the SDK and the widget. Every timestamp is an ISO 8601 string in
 * UTC (`2026-11-22T10:15:00.000Z`); the widget renders it in Jalali (fa) or Gregorian (en).
 */

/** A locale the product speaks. `fa` is right-to-left with Persian digits and Jalali dates. */
export type Locale = 'fa' | 'en';

/** A text given in both product locales. */
export interface LocalizedText {
  fa: string;
  en: string;
}

/**
 * Where a request stands.
 * - `under_review` (blue): در حال بررسی
 * - `rejected` (red): رد شده, with a reason and a date
 * - `approved` (green): تایید شده, registered as an incoming letter with a number and a date
 */
export type RequestStatus = 'under_review' | 'rejected' | 'approved';

/** The human check an org asks for before sending an SMS. */
export type HumanCheckKind = 'pow' | 'image';

/** An organizational unit a request can be addressed to (واحد سازمانی مخاطب). */
export interface Unit {
  id: string;
  name: LocalizedText;
}

/** The upload and field rules of an org (قوانین ارسال اطلاعات); the server enforces the same figures. */
export interface UploadRules {
  /** Largest body file in bytes. @default 1048576 */
  maxFileBytes: number;
  /** Accepted file extensions, lower case, without the dot. @default ['pdf','doc','docx','jpg','jpeg','png','tiff','zip'] */
  allowedExtensions: string[];
  /** Longest full name in characters. @default 200 */
  maxFullNameLength: number;
  /** Longest subject in characters. @default 200 */
  maxSubjectLength: number;
}

/** OTP settings an org publishes so the widget can show lengths and countdowns. */
export interface OtpSettings {
  /** Digits in a code. @default 6 */
  length: number;
  /** How long a code stays valid, in seconds. @default 300 */
  ttlSeconds: number;
  /** Wait before another code may be sent to the same phone, in seconds. @default 60 */
  resendSeconds: number;
}

/** `GET /v1/orgs/:org` — the public profile of an org. */
export interface OrgProfile {
  id: string;
  name: LocalizedText;
  units: Unit[];
  rules: UploadRules;
  otp: OtpSettings;
  humanCheck: HumanCheckKind;
  defaultLocale: Locale;
  /** Calling codes a citizen's mobile number may have, e.g. `['98']`. */
  allowedCountryCodes: string[];
}

/**
 * `POST /v1/orgs/:org/challenges` with the default `pow` kind: an ALTCHA proof-of-work challenge.
 * Find `n` in `0..maxNumber` with `hex(SHA-256(salt + n)) === challenge`; answer with `String(n)`.
 */
export interface PowChallenge {
  kind: 'pow';
  id: string;
  algorithm: 'SHA-256';
  challenge: string;
  salt: string;
  signature: string;
  maxNumber: number;
  expiresAt: string;
}

/** A visual code image (کد امنیتی) for orgs that chose `image`; answer with the characters shown. */
export interface ImageChallenge {
  kind: 'image';
  id: string;
  /** A `data:image/svg+xml;base64,…` URL. */
  image: string;
  /** Number of characters in the code. */
  length: number;
  expiresAt: string;
}

/** A human check, single use, valid 10 minutes. */
export type HumanCheckChallenge = PowChallenge | ImageChallenge;

/** The answer to a human check: its id and the found number (pow) or the typed characters (image). */
export interface HumanCheckSolution {
  id: string;
  answer: string;
}

/** `POST /v1/orgs/:org/otp` body. `phone` may be `09…`, `+98…`, `0098…`, in Persian, Arabic-Indic or Latin digits. */
export interface OtpRequestInput {
  phone: string;
  challenge: HumanCheckSolution;
}

/** `POST /v1/orgs/:org/otp` answer (202), the same whether or not the number was seen before. */
export interface OtpRequestResult {
  /** The phone in E.164 form, e.g. `+989121234567`. */
  phone: string;
  codeLength: number;
  expiresAt: string;
  /** When another code may be asked for. */
  resendAt: string;
}

/** `POST /v1/orgs/:org/sessions` body. */
export interface SessionInput {
  phone: string;
  code: string;
}

/** `POST /v1/orgs/:org/sessions` answer (201). */
export interface Session {
  /** A bearer token, only valid at the org that issued it. */
  token: string;
  /** The absolute expiry; an idle session expires earlier. */
  expiresAt: string;
  /** The citizen's phone in E.164 form. */
  phone: string;
}

/** A stored file: the request body (فایل بدنه) or a reply file. */
export interface FileInfo {
  id: string;
  role: 'body' | 'reply';
  name: string;
  /** The MIME type decided from the file's content. */
  type: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** What happened to a request, oldest first. */
export type RequestEventType = 'submitted' | 'approved' | 'rejected' | 'replied';

/** One step of a request's timeline. */
export interface RequestEvent {
  type: RequestEventType;
  at: string;
  /** The reason (rejected), the letter number (approved) or the reply text (replied). */
  note: string | null;
}

/** The organization's answer (جوابیه). */
export interface Reply {
  text: string | null;
  file: FileInfo | null;
  at: string;
}

/** A request as its citizen sees it in a list. */
export interface CitizenRequest {
  id: string;
  /** کد رهگیری: unique within the org, digits only. */
  trackingCode: string;
  fullName: string;
  subject: string;
  unit: Unit;
  status: RequestStatus;
  /** تاریخ ارسال نامه. */
  createdAt: string;
  updatedAt: string;
  /** شماره نامه, set on approval. */
  letterNumber: string | null;
  /** تاریخ نامه, set on approval. */
  letterDate: string | null;
  rejectionReason: string | null;
  rejectedAt: string | null;
  bodyFile: FileInfo;
  reply: Reply | null;
}

/** `GET /v1/orgs/:org/requests/:id` — a request with its timeline. */
export interface RequestDetail extends CitizenRequest {
  events: RequestEvent[];
}

/** A page of a cursor-paginated list. Pass `nextCursor` back as `cursor` for the next page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `GET /v1/orgs/:org/requests` query. */
export interface ListRequestsQuery {
  cursor?: string;
  /** 1–100. @default 20 */
  limit?: number;
  /** Exact tracking code (Persian digits accepted). */
  trackingCode?: string;
}

/** A request as staff see it: everything the citizen sees plus who sent it. */
export interface StaffRequest extends RequestDetail {
  citizenPhone: string;
}

/** `GET /v1/orgs/:org/staff/requests` query. */
export interface StaffListQuery {
  cursor?: string;
  limit?: number;
  status?: RequestStatus;
  unitId?: string;
  /** Matches the subject, the full name or the tracking code. */
  q?: string;
  /** ISO date or date-time, inclusive. */
  from?: string;
  /** ISO date or date-time, exclusive. */
  to?: string;
}

/** `POST …/staff/requests/:id/approve` body. */
export interface ApproveInput {
  /** شماره نامه; numbered per org automatically when absent. */
  letterNumber?: string;
  /** تاریخ نامه; now when absent. */
  letterDate?: string;
}

/** `POST …/staff/requests/:id/reject` body. */
export interface RejectInput {
  reason: string;
}

/** Org settings staff and operators may change. Every field is optional on update. */
export interface OrgSettings {
  rules: UploadRules;
  otp: OtpSettings;
  humanCheck: HumanCheckKind;
  defaultLocale: Locale;
  allowedCountryCodes: string[];
  /** Host-site origins allowed to call the citizen API from a browser, e.g. `https://example.org`. */
  allowedOrigins: string[];
  /** SMS templates per locale; `{trackingCode}`, `{letterNumber}`, `{date}`, `{reason}`, `{code}` are filled in. */
  smsLocale: Locale;
}

/** A partial update of org settings; nested objects are merged. */
export type OrgSettingsPatch = {
  [K in keyof OrgSettings]?: OrgSettings[K] extends object ? Partial<OrgSettings[K]> : OrgSettings[K];
};

/** An org as its operator and staff see it. */
export interface Org {
  id: string;
  name: LocalizedText;
  settings: OrgSettings;
  createdAt: string;
}

/** `POST /v1/admin/orgs` body. */
export interface CreateOrgInput {
  /** Lower-case letters, digits and dashes, 2–40 characters. */
  id: string;
  name: LocalizedText;
  settings?: OrgSettingsPatch;
}

/** Body to add a unit. */
export interface CreateUnitInput {
  name: LocalizedText;
}

/** A staff API key as listed (without its secret). */
export interface ApiKeyInfo {
  id: string;
  /** The first characters of the key, to recognize it. */
  prefix: string;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** A freshly created key: `key` is shown this once and stored only hashed. */
export interface CreatedApiKey extends ApiKeyInfo {
  key: string;
}

/** Events an org's webhooks receive. */
export type WebhookEventType = 'request.submitted' | 'request.approved' | 'request.rejected' | 'request.replied';

/** A webhook endpoint; deliveries are POSTed as JSON and signed with HMAC-SHA256 of the body. */
export interface Webhook {
  id: string;
  url: string;
  events: WebhookEventType[];
  createdAt: string;
}

/** A webhook as created: `secret` is shown this once. */
export interface CreatedWebhook extends Webhook {
  secret: string;
}

/** Body to add a webhook. */
export interface CreateWebhookInput {
  url: string;
  events?: WebhookEventType[];
}

/** `GET /dev/sms` item: a message the dev SMS provider kept instead of sending. */
export interface DevSmsMessage {
  id: string;
  orgId: string;
  to: string;
  text: string;
  createdAt: string;
}

/** `GET /healthz` answer. */
export interface Health {
  status: 'ok';
  database: 'sqlite' | 'postgres';
  version: string;
}
