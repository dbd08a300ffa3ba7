import type { TSchema } from '@sinclair/typebox';
import * as schemas from '@citizen-counter/sdk/schemas';
import { Type } from '@sinclair/typebox';
import { storedMimeTypes } from './services/file-rules.js';

/** Who may call an operation: nobody in particular, a citizen session, a staff API key or the operator. */
type Auth = 'none' | 'citizenSession' | 'staff' | 'adminKey';

/** One operation of the API, the source the OpenAPI document is built from. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  operationId: string;
  tag: 'System' | 'Citizen' | 'Staff' | 'Admin';
  summary: string;
  description?: string;
  auth: Auth;
  status: number;
  /** The success body: a schema, a file download, Prometheus text (`metrics`), an HTML page only (`html`, described in `html`), or none (204). */
  response?: TSchema | 'file' | 'metrics' | 'html';
  /** A JSON body or the fields of a multipart body (its file field named in `file`). */
  body?: { json: TSchema } | { multipart: TSchema; file: string; fileRequired: boolean };
  query?: TSchema;
  /** Answers 429 with `Retry-After` when a rate limit applies. */
  rateLimited?: boolean;
  /** Honours an `Idempotency-Key` header. */
  idempotent?: boolean;
  /** The HTML page it answers: the only answer when `response` is `html`, else one besides JSON unless `Accept` prefers JSON. */
  html?: string;
}

const org = '/v1/orgs/{org}';
const staff = `${org}/staff`;
const admin = '/v1/admin/orgs';
const s = schemas;
const uploadFields = Type.Object({ ...s.SubmitRequestFieldsSchema.properties }, { required: ['fullName', 'subject', 'unitId'] });
const replyFields = Type.Object({ ...s.ReplyFieldsSchema.properties });
const supplementFields = Type.Object({ ...s.SupplementFieldsSchema.properties });
const appealFields = Type.Object({ ...s.AppealFieldsSchema.properties }, { required: ['text'] });
const openApiObject = Type.Object(
  { openapi: Type.String(), info: Type.Object({}), paths: Type.Object({}) },
  { $id: 'OpenApiDocument', description: 'An OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0).' },
);

/** Every route the service answers, also checked by a test against the routers. */
export const operations: Operation[] = [
  { method: 'get', path: '/healthz', operationId: 'getHealth', tag: 'System', summary: 'Health of the service and its database', auth: 'none', status: 200, response: s.HealthSchema },
  { method: 'get', path: '/readyz', operationId: 'getReadiness', tag: 'System', summary: 'Ready to serve', description: 'For load balancers and orchestrators: 200 when the database answers with every migration applied and the widget bundles are built; 503 with `details.problems` otherwise. `/healthz` says only that the process and its database answer.', auth: 'none', status: 200, response: s.ReadinessSchema },
  { method: 'get', path: '/metrics', operationId: 'getMetrics', tag: 'System', summary: 'Prometheus metrics', description: 'Requests by route pattern and status, their latency, the outbox backlog, its dead letters and oldest waiting message, SMS sent and failed per org, and process metrics. Behind the operator key.', auth: 'adminKey', status: 200, response: 'metrics' },
  { method: 'get', path: '/v1/openapi.json', operationId: 'getOpenApiDocument', tag: 'System', summary: 'This document', auth: 'none', status: 200, response: openApiObject },
  { method: 'get', path: org, operationId: 'getOrgProfile', tag: 'Citizen', summary: 'Public profile of an org', description: 'Names, units, upload rules, OTP settings and the human-check kind: what the widget builds its forms from.', auth: 'none', status: 200, response: s.OrgProfileSchema },
  { method: 'post', path: `${org}/challenges`, operationId: 'createChallenge', tag: 'Citizen', summary: 'A new human check', description: "Single use, valid 10 minutes; its solution goes with the OTP request. Of the org's kind, or the image check when `kind=image` asks for it. An address gets 300 in 10 minutes across every org.", auth: 'none', status: 201, response: s.HumanCheckChallengeSchema, query: s.ChallengeQuerySchema, rateLimited: true },
  { method: 'get', path: `${org}/receipts/{trackingCode}`, operationId: 'verifyReceipt', tag: 'Citizen', summary: "Check a receipt: the link its QR code holds", description: "Public. The link a citizen's answers carry as `receiptUrl`: `sig` is an HMAC-SHA256 of the org and the tracking code under a key of the org's own, derived from `SERVER_SECRET`. Answers 200 either way: `genuine: true` with the org, the date, the unit and the current status — never a name, subject or file — or only `genuine: false` when any character of the link was changed or no such receipt exists. JSON with `Accept: application/json`, otherwise an HTML page in Persian (right to left, Persian digits, Jalali date) or English, chosen by `lang` or `Accept-Language`. A wrong signature counts as a wrong key of the address: past `KEY_FAILURES_PER_IP` in 10 minutes it answers 429 `rate_limited`.", auth: 'none', status: 200, response: s.ReceiptVerificationSchema, query: s.ReceiptQuerySchema, rateLimited: true, html: 'A self-contained page saying whether the receipt is genuine, with its org, date, unit and status when it is.' },
  { method: 'post', path: `${org}/otp`, operationId: 'requestOtp', tag: 'Citizen', summary: 'Send a one-time code by SMS', description: 'After a solved human check, within the resend cooldown and the send caps. The answer is the same whether or not the number was seen before.', auth: 'none', status: 202, response: s.OtpRequestResultSchema, body: { json: s.OtpRequestInputSchema }, rateLimited: true },
  { method: 'post', path: `${org}/sessions`, operationId: 'login', tag: 'Citizen', summary: 'Log in with the SMS code', description: 'At most 5 tries per code; every failure has its own error code.', auth: 'none', status: 201, response: s.SessionSchema, body: { json: s.SessionInputSchema } },
  { method: 'delete', path: `${org}/sessions/current`, operationId: 'logout', tag: 'Citizen', summary: 'Log out', auth: 'citizenSession', status: 204 },
  { method: 'post', path: `${org}/requests`, operationId: 'submitRequest', tag: 'Citizen', summary: 'Send a request with its body file', description: "Multipart: the text fields and one file `body` within the org's rules (size, extensions; the type is decided from the content). Honours `Idempotency-Key`: the same key with the same body answers with the first answer. While the service takes in as many upload bytes as it may, a new upload gets 503 `rate_limited` with `Retry-After` before its body is read.", auth: 'citizenSession', status: 201, response: s.CitizenRequestSchema, body: { multipart: uploadFields, file: 'body', fileRequired: true }, idempotent: true },
  { method: 'get', path: `${org}/requests`, operationId: 'listRequests', tag: 'Citizen', summary: "The caller's requests, newest first", auth: 'citizenSession', status: 200, response: s.CitizenRequestPageSchema, query: s.ListRequestsQuerySchema },
  { method: 'get', path: `${org}/requests/{id}`, operationId: 'getRequest', tag: 'Citizen', summary: 'One request with its timeline', auth: 'citizenSession', status: 200, response: s.RequestDetailSchema },
  { method: 'post', path: `${org}/requests/{id}/supplements`, operationId: 'submitSupplement', tag: 'Citizen', summary: 'Send the documents asked for', description: "Multipart: an optional `text` and one `file` within the org's rules, for a request in `needs_documents`; it goes back to review. Honours `Idempotency-Key`.", auth: 'citizenSession', status: 201, response: s.CitizenRequestSchema, body: { multipart: supplementFields, file: 'file', fileRequired: true }, idempotent: true },
  { method: 'post', path: `${org}/requests/{id}/appeals`, operationId: 'submitAppeal', tag: 'Citizen', summary: 'Appeal a rejection', description: "Multipart: a `text` (why) and optionally one `file` within the org's rules, for a rejected request. The org's `appeals.rounds` bounds how many a request may have (one by default; 0 turns appeals off) and `appeals.days` how long after the rejection (30 by default): otherwise 409 `appeal_not_allowed` (`details.reason`: `not_rejected`, `appeals_off`, `rounds_used`) or `appeal_window_closed` (`details.deadline`). The request goes back to the secretariat `under_review`, marked as an appeal (`appealRounds`, `appealedAt`, an `appealed` step in the timeline and the audit trail). Honours `Idempotency-Key`.", auth: 'citizenSession', status: 201, response: s.CitizenRequestSchema, body: { multipart: appealFields, file: 'file', fileRequired: false }, idempotent: true },
  { method: 'post', path: `${org}/requests/{id}/receipt-link`, operationId: 'createReceiptLink', tag: 'Citizen', summary: 'A link to print the receipt of a request', description: "For the caller's own request, at any time after it was sent: a link to its printable receipt, valid 15 minutes and opening without the session (so a new window or a print dialog can open it). `lang` chooses the receipt's language (`fa` by default).", auth: 'citizenSession', status: 201, response: s.ReceiptLinkSchema, query: s.ReceiptLinkQuerySchema },
  { method: 'get', path: `${org}/requests/{id}/receipt`, operationId: 'getPrintedReceipt', tag: 'Citizen', summary: 'The printable receipt of a request', description: "The address `createReceiptLink` gives: `c`, `exp` and `sig` are an HMAC-SHA256 of the org, the request, the citizen and the end time under `SERVER_SECRET`. A self-contained page for A5 or A4 in black and white: the org's name and logo, the tracking code, the Jalali date and time, the name, the subject, the addressed unit and the QR code of the receipt's public check (`verifyReceipt`). A changed or ended link answers 403 with a page saying so, and counts as a wrong key of the address (429 `rate_limited` past `KEY_FAILURES_PER_IP` in 10 minutes).", auth: 'none', status: 200, response: 'html', query: s.PrintedReceiptQuerySchema, rateLimited: true, html: 'The printable receipt, with a button that prints it (or saves it as PDF).' },
  { method: 'get', path: `${org}/requests/{id}/files/{fileId}`, operationId: 'downloadRequestFile', tag: 'Citizen', summary: 'Download a body or reply file', description: 'A file whose content was removed — by the org\'s `retention.days` after the request was closed, or with a deleted account — answers 410 `file_removed` (`details.reason`: `retention` or `account_deleted`, `details.removedAt`).', auth: 'citizenSession', status: 200, response: 'file' },
  { method: 'get', path: `${org}/me/export`, operationId: 'exportMyData', tag: 'Citizen', summary: "Everything the org holds about the caller, as a zip", description: "A zip archive, streamed as it is made: `data.json` (a `CitizenDataExport`: the phone, the account's date and every request as the citizen sees it — fields, timeline, reply, documents asked for, appeals — with every file's description and its place in the archive) and each file's content under `files/<trackingCode>/<name>`. Internal staff notes and staff names are not part of it; a file removed under the retention policy is listed with `path: null` and its `removedAt`.", auth: 'citizenSession', status: 200, response: 'file' },
  { method: 'delete', path: `${org}/me`, operationId: 'deleteMyAccount', tag: 'Citizen', summary: "Delete the caller's account", description: "Needs `{\"confirm\": \"DELETE\"}` as its JSON body (else 400 `invalid_input`). In one transaction: the citizen and their phone are deleted, every session of theirs ends (their tokens answer 401), every file they sent or received is removed from the file store (a download answers 410 `file_removed`). Their requests are the org's record and stay without the person: name and subject become `[deleted]`, and their words in the timeline are dropped. A decided request (approved, with its letter number, or rejected) keeps its status for the org's register; an open one is closed as rejected with the reason `Withdrawn: the citizen deleted their account.` Each request gets a `citizen.account_deleted` step in the audit trail. Logging in again with the same phone starts a new, empty account.", auth: 'citizenSession', status: 204, body: { json: s.DeleteAccountInputSchema } },
  { method: 'post', path: `${staff}/otp`, operationId: 'staffRequestOtp', tag: 'Staff', summary: 'Send a staff login code by SMS', description: "Same human check, limits and error codes as the citizens'; the code is sent only to an active staff member's phone, and the answer is the same either way.", auth: 'none', status: 202, response: s.OtpRequestResultSchema, body: { json: s.OtpRequestInputSchema }, rateLimited: true },
  { method: 'post', path: `${staff}/sessions`, operationId: 'staffLogin', tag: 'Staff', summary: 'Log in with the staff SMS code', description: 'The token works on staff routes only.', auth: 'none', status: 201, response: s.StaffSessionSchema, body: { json: s.SessionInputSchema } },
  { method: 'delete', path: `${staff}/sessions/current`, operationId: 'staffLogout', tag: 'Staff', summary: 'Log out', auth: 'staff', status: 204 },
  { method: 'get', path: `${staff}/me`, operationId: 'staffMe', tag: 'Staff', summary: 'Who is calling, with role and units', auth: 'staff', status: 200, response: s.StaffIdentitySchema },
  { method: 'get', path: `${staff}/people`, operationId: 'listStaff', tag: 'Staff', summary: 'The staff of the org (admin)', auth: 'staff', status: 200, response: s.StaffMemberListSchema },
  { method: 'post', path: `${staff}/people`, operationId: 'addStaff', tag: 'Staff', summary: 'Add a staff member (admin)', auth: 'staff', status: 201, response: s.StaffMemberSchema, body: { json: s.CreateStaffInputSchema } },
  { method: 'get', path: `${staff}/people/{staffId}`, operationId: 'getStaff', tag: 'Staff', summary: 'One staff member (admin)', auth: 'staff', status: 200, response: s.StaffMemberSchema },
  { method: 'patch', path: `${staff}/people/{staffId}`, operationId: 'updateStaff', tag: 'Staff', summary: 'Change or deactivate a staff member (admin)', description: 'Deactivating ends their sessions at once; the org keeps at least one active admin.', auth: 'staff', status: 200, response: s.StaffMemberSchema, body: { json: s.UpdateStaffInputSchema } },
  { method: 'get', path: `${staff}/requests`, operationId: 'staffListRequests', tag: 'Staff', summary: 'Requests of the org, newest first', description: '`q` searches the subject, the name, the tracking code, the letter number and the phone (`09…` or `+98…`): every word must occur, Arabic and Persian letters and digits, ZWNJ and tatweel alike, `%` and `_` taken literally. A query with no word of three characters or more matches an exact tracking code or letter number.', auth: 'staff', status: 200, response: s.StaffRequestPageSchema, query: s.StaffListQuerySchema },
  { method: 'get', path: `${staff}/requests/counts`, operationId: 'staffQueueCounts', tag: 'Staff', summary: 'Queue sizes: per status, per unit, overdue, due today', description: 'Scoped like the list: a handler counts only the requests at their units. `byUnit` counts open requests (under review or awaiting documents); `unitId: null` is the secretariat.', auth: 'staff', status: 200, response: s.StaffQueueCountsSchema },
  { method: 'get', path: `${staff}/requests/{id}`, operationId: 'staffGetRequest', tag: 'Staff', summary: 'One request with its timeline and sender', auth: 'staff', status: 200, response: s.StaffRequestSchema },
  { method: 'post', path: `${staff}/requests/{id}/approve`, operationId: 'approveRequest', tag: 'Staff', summary: 'Approve with a letter number', description: 'The citizen gets an SMS; webhooks get `request.approved`.', auth: 'staff', status: 200, response: s.StaffRequestSchema, body: { json: s.ApproveInputSchema } },
  { method: 'post', path: `${staff}/requests/{id}/preview`, operationId: 'previewAction', tag: 'Staff', summary: 'What an action would tell the citizen', description: 'The letter number an approval would get (proposed, not reserved), the text the citizen would read and the SMS with its part count; nothing is changed or sent. Approve and reject previews need the secretariat role.', auth: 'staff', status: 200, response: s.ActionPreviewSchema, body: { json: s.ActionPreviewInputSchema } },
  { method: 'post', path: `${staff}/requests/{id}/reject`, operationId: 'rejectRequest', tag: 'Staff', summary: 'Reject with a reason', description: 'The citizen gets an SMS; webhooks get `request.rejected`.', auth: 'staff', status: 200, response: s.StaffRequestSchema, body: { json: s.RejectInputSchema } },
  { method: 'post', path: `${staff}/requests/{id}/reply`, operationId: 'replyToRequest', tag: 'Staff', summary: 'Attach the reply', description: 'Multipart: a `text`, a `file`, or both.', auth: 'staff', status: 200, response: s.StaffRequestSchema, body: { multipart: replyFields, file: 'file', fileRequired: false } },
  { method: 'post', path: `${staff}/requests/{id}/refer`, operationId: 'referRequest', tag: 'Staff', summary: 'Refer to a unit (registrar)', description: 'The citizen sees "referred to <unit>", never the note; webhooks get `request.referred`.', auth: 'staff', status: 200, response: s.StaffRequestSchema, body: { json: s.ReferInputSchema } },
  { method: 'post', path: `${staff}/requests/{id}/return`, operationId: 'returnRequest', tag: 'Staff', summary: 'Send back to the secretariat', auth: 'staff', status: 200, response: s.StaffRequestSchema, body: { json: s.ReturnInputSchema } },
  { method: 'post', path: `${staff}/requests/{id}/documents-request`, operationId: 'requestDocuments', tag: 'Staff', summary: 'Ask the citizen for more documents', description: 'The status becomes `needs_documents`, the clock stops, the citizen gets an SMS; up to the org\'s number of rounds.', auth: 'staff', status: 200, response: s.StaffRequestSchema, body: { json: s.DocumentsRequestInputSchema } },
  { method: 'get', path: `${staff}/requests/{id}/notes`, operationId: 'listNotes', tag: 'Staff', summary: 'Internal notes', auth: 'staff', status: 200, response: s.NoteListSchema },
  { method: 'post', path: `${staff}/requests/{id}/notes`, operationId: 'addNote', tag: 'Staff', summary: 'Add an internal note', description: 'Staff only: never shown or sent to the citizen.', auth: 'staff', status: 201, response: s.NoteSchema, body: { json: s.NoteInputSchema } },
  { method: 'get', path: `${staff}/requests/{id}/audit`, operationId: 'requestAudit', tag: 'Staff', summary: 'The audit trail of a request', auth: 'staff', status: 200, response: s.AuditListSchema },
  { method: 'get', path: `${staff}/audit`, operationId: 'orgAudit', tag: 'Staff', summary: 'The audit trail of the org (admin), latest 500', auth: 'staff', status: 200, response: s.AuditListSchema },
  { method: 'get', path: `${staff}/requests/{id}/files/{fileId}`, operationId: 'staffDownloadRequestFile', tag: 'Staff', summary: 'Download a file of a request', description: 'A file whose content was removed (retention policy, deleted account) answers 410 `file_removed`.', auth: 'staff', status: 200, response: 'file' },
  { method: 'get', path: `${staff}/org`, operationId: 'staffGetOrg', tag: 'Staff', summary: 'The org and its settings', auth: 'staff', status: 200, response: s.OrgSchema },
  { method: 'patch', path: `${staff}/org`, operationId: 'staffUpdateSettings', tag: 'Staff', summary: 'Change settings', description: 'A settings patch; nested objects are merged. A numbering pattern without `{seq}` or with an unknown placeholder is 400 `letter_pattern_invalid` and changes nothing.', auth: 'staff', status: 200, response: s.OrgSchema, body: { json: s.UpdateSettingsInputSchema } },
  { method: 'get', path: `${staff}/units`, operationId: 'staffListUnits', tag: 'Staff', summary: 'Units', auth: 'staff', status: 200, response: s.UnitListSchema },
  { method: 'post', path: `${staff}/units`, operationId: 'staffAddUnit', tag: 'Staff', summary: 'Add a unit (admin)', description: 'With an optional `code` for letter numbers (unique in the org, else 409 `unit_code_taken`) and `responseDays`.', auth: 'staff', status: 201, response: s.StaffUnitSchema, body: { json: s.CreateUnitInputSchema } },
  { method: 'patch', path: `${staff}/units/{unitId}`, operationId: 'staffUpdateUnit', tag: 'Staff', summary: 'Rename a unit or change its code or response time (admin)', description: '`null` clears the code or the response time; a code another unit has is 409 `unit_code_taken`.', auth: 'staff', status: 200, response: s.StaffUnitSchema, body: { json: s.UpdateUnitInputSchema } },
  { method: 'get', path: `${staff}/units/{unitId}/people`, operationId: 'staffListUnitPeople', tag: 'Staff', summary: 'The people of a unit, to refer a request to (registrar)', description: 'The active handlers of the unit, by name, with their id and name only: the `assigneeId` choices of a referral to that unit. Admins and registrars work at no unit and are not listed. Admins and registrars may ask; a handler gets 403 `forbidden`; a unit the org lacks is 404 `unit_not_found`.', auth: 'staff', status: 200, response: s.UnitPersonListSchema },
  { method: 'delete', path: `${staff}/units/{unitId}`, operationId: 'staffRemoveUnit', tag: 'Staff', summary: 'Remove an unused unit', auth: 'staff', status: 204 },
  { method: 'get', path: `${staff}/outbox/dead`, operationId: 'staffListDeadLetters', tag: 'Staff', summary: "The org's messages the outbox gave up on (admins)", description: 'SMS and webhook deliveries after their last attempt (or refused targets), newest first, at most 100. SMS texts are never shown.', auth: 'staff', status: 200, response: s.DeadLetterListSchema },
  { method: 'post', path: `${staff}/outbox/{id}/replay`, operationId: 'staffReplayDeadLetter', tag: 'Staff', summary: 'Send a dead letter again (admins)', description: 'Due now, attempts counted afresh, the same idempotency key. 404 for a message that is not a dead letter of the org, and for a login code (never sent late).', auth: 'staff', status: 204 },
  { method: 'get', path: `${staff}/webhooks`, operationId: 'staffListWebhooks', tag: 'Staff', summary: 'Webhooks', auth: 'staff', status: 200, response: s.WebhookListSchema },
  { method: 'post', path: `${staff}/webhooks`, operationId: 'staffCreateWebhook', tag: 'Staff', summary: 'Add a webhook', description: 'The signing secret is in this answer only. An https URL on a public address (http and private hosts only when the operator allows them); anything else is 400 `webhook_url_not_allowed` with `details.reason`.', auth: 'staff', status: 201, response: s.CreatedWebhookSchema, body: { json: s.CreateWebhookInputSchema } },
  { method: 'get', path: `${staff}/webhooks/{webhookId}/deliveries`, operationId: 'staffListWebhookDeliveries', tag: 'Staff', summary: "A webhook's latest delivery attempts (admins)", description: 'Newest first, at most 50: when, the status code or the error, how long.', auth: 'staff', status: 200, response: s.WebhookDeliveryListSchema },
  { method: 'delete', path: `${staff}/webhooks/{webhookId}`, operationId: 'staffRemoveWebhook', tag: 'Staff', summary: 'Remove a webhook', auth: 'staff', status: 204 },
  { method: 'get', path: `${staff}/keys`, operationId: 'staffListApiKeys', tag: 'Staff', summary: "The org's API keys (admins)", auth: 'staff', status: 200, response: s.ApiKeyListSchema },
  { method: 'post', path: `${staff}/keys`, operationId: 'staffCreateApiKey', tag: 'Staff', summary: 'Create an API key for a back-office system (admins; shown once)', auth: 'staff', status: 201, response: s.CreatedApiKeySchema, body: { json: s.CreateApiKeyInputSchema } },
  { method: 'delete', path: `${staff}/keys/{keyId}`, operationId: 'staffRevokeApiKey', tag: 'Staff', summary: 'Revoke an API key (admins)', auth: 'staff', status: 204 },
  { method: 'get', path: `${staff}/templates`, operationId: 'listTemplates', tag: 'Staff', summary: 'Answer and rejection templates', auth: 'staff', status: 200, response: s.TemplateListSchema },
  { method: 'post', path: `${staff}/templates`, operationId: 'addTemplate', tag: 'Staff', summary: 'Add a template (admin)', description: 'Variables: `{fullName}`, `{trackingCode}`, `{letterNumber}`, `{unit}`, `{date}`; any other is 400 `template_invalid`. A title is unique per kind (409 `template_exists`).', auth: 'staff', status: 201, response: s.TemplateSchema, body: { json: s.CreateTemplateInputSchema } },
  { method: 'patch', path: `${staff}/templates/{templateId}`, operationId: 'updateTemplate', tag: 'Staff', summary: 'Change a template (admin)', auth: 'staff', status: 200, response: s.TemplateSchema, body: { json: s.UpdateTemplateInputSchema } },
  { method: 'delete', path: `${staff}/templates/{templateId}`, operationId: 'deleteTemplate', tag: 'Staff', summary: 'Remove a template (admin)', auth: 'staff', status: 204 },
  { method: 'post', path: `${staff}/templates/{templateId}/render`, operationId: 'renderTemplate', tag: 'Staff', summary: 'Preview a template for a request', description: 'The text a reply or a rejection with this template would carry now, in the locale the citizen reads.', auth: 'staff', status: 200, response: s.RenderedTemplateSchema, body: { json: s.RenderTemplateInputSchema } },
  { method: 'get', path: `${staff}/sms-texts`, operationId: 'listSmsTexts', tag: 'Staff', summary: 'The SMS texts of the org', description: 'Every kind in each locale: the built-in text, the org\'s own, the variables, an example and how many SMS parts it takes (Persian: 70 characters in one, 67 per part beyond; Latin: 160 and 153).', auth: 'staff', status: 200, response: s.SmsTextListSchema },
  { method: 'put', path: `${staff}/sms-texts/{kind}/{locale}`, operationId: 'setSmsText', tag: 'Staff', summary: "Set the org's own text for an SMS (admin)", description: 'Only the variables of its kind (400 `template_invalid`); the login code texts must keep `{code}`.', auth: 'staff', status: 200, response: s.SmsTextSchema, body: { json: s.SmsTextInputSchema } },
  { method: 'delete', path: `${staff}/sms-texts/{kind}/{locale}`, operationId: 'resetSmsText', tag: 'Staff', summary: 'Go back to the built-in SMS text (admin)', auth: 'staff', status: 200, response: s.SmsTextSchema },
  { method: 'get', path: '/v1/admin/outbox/dead', operationId: 'adminListDeadLetters', tag: 'Admin', summary: 'Messages the outbox gave up on', description: 'SMS and webhook deliveries after their last attempt (or refused targets), newest first, at most 100; `org` narrows to one org. SMS texts are never shown.', auth: 'adminKey', status: 200, response: s.DeadLetterListSchema, query: s.DeadLetterQuerySchema },
  { method: 'post', path: '/v1/admin/outbox/{id}/replay', operationId: 'adminReplayDeadLetter', tag: 'Admin', summary: 'Send a dead letter again', description: 'Due now, attempts counted afresh, the same idempotency key. 404 for a message that is not a dead letter, and for a login code (never sent late).', auth: 'adminKey', status: 204 },
  { method: 'post', path: admin, operationId: 'adminCreateOrg', tag: 'Admin', summary: 'Create an org', auth: 'adminKey', status: 201, response: s.OrgSchema, body: { json: s.CreateOrgInputSchema } },
  { method: 'get', path: admin, operationId: 'adminListOrgs', tag: 'Admin', summary: 'Every org', auth: 'adminKey', status: 200, response: s.OrgListSchema },
  { method: 'get', path: `${admin}/{org}`, operationId: 'adminGetOrg', tag: 'Admin', summary: 'One org', auth: 'adminKey', status: 200, response: s.OrgSchema },
  { method: 'patch', path: `${admin}/{org}`, operationId: 'adminUpdateOrg', tag: 'Admin', summary: 'Rename an org or change settings', auth: 'adminKey', status: 200, response: s.OrgSchema, body: { json: s.UpdateOrgInputSchema } },
  { method: 'post', path: `${admin}/{org}/units`, operationId: 'adminAddUnit', tag: 'Admin', summary: 'Add a unit', auth: 'adminKey', status: 201, response: s.StaffUnitSchema, body: { json: s.CreateUnitInputSchema } },
  { method: 'patch', path: `${admin}/{org}/units/{unitId}`, operationId: 'adminUpdateUnit', tag: 'Admin', summary: 'Rename a unit or change its code or response time', auth: 'adminKey', status: 200, response: s.StaffUnitSchema, body: { json: s.UpdateUnitInputSchema } },
  { method: 'post', path: `${admin}/{org}/staff`, operationId: 'adminAddStaff', tag: 'Admin', summary: 'Add a staff member (the first admin)', auth: 'adminKey', status: 201, response: s.StaffMemberSchema, body: { json: s.CreateStaffInputSchema } },
  { method: 'get', path: `${admin}/{org}/staff`, operationId: 'adminListStaff', tag: 'Admin', summary: 'The staff of an org', auth: 'adminKey', status: 200, response: s.StaffMemberListSchema },
  { method: 'post', path: `${admin}/{org}/keys`, operationId: 'adminCreateApiKey', tag: 'Admin', summary: 'Create a staff API key (shown once)', auth: 'adminKey', status: 201, response: s.CreatedApiKeySchema, body: { json: s.CreateApiKeyInputSchema } },
  { method: 'get', path: `${admin}/{org}/keys`, operationId: 'adminListApiKeys', tag: 'Admin', summary: 'Staff API keys', auth: 'adminKey', status: 200, response: s.ApiKeyListSchema },
  { method: 'delete', path: `${admin}/{org}/keys/{keyId}`, operationId: 'adminRevokeApiKey', tag: 'Admin', summary: 'Revoke a key', auth: 'adminKey', status: 204 },
  { method: 'get', path: '/dev/sms', operationId: 'listDevSms', tag: 'System', summary: 'Messages kept by the dev SMS provider', description: 'Answers only when `SMS_PROVIDER=dev`.', auth: 'none', status: 200, response: s.DevSmsListSchema, query: s.DevSmsQuerySchema },
];

const pathParams: Record<string, string> = {
  org: 'The org id (tenant).',
  id: 'A request id.',
  fileId: 'A file id of that request.',
  trackingCode: 'A tracking code, exactly as the receipt link gives it.',
  unitId: 'A unit id of the org.',
  webhookId: 'A webhook id of the org.',
  keyId: 'An API key id of the org.',
  templateId: 'A template id of the org.',
  kind: 'An SMS kind: `otp`, `staff_otp`, `submitted`, `approved`, `rejected`, `documents_requested`, `replied`.',
  locale: '`fa` or `en`.',
};

const webhookEvents = [
  ['request.submitted', s.RequestSubmittedEventSchema, 'A citizen sent a request; `data` is the request as its citizen sees it.'],
  ['request.approved', s.RequestApprovedEventSchema, 'Staff approved a request.'],
  ['request.rejected', s.RequestRejectedEventSchema, 'Staff rejected a request, or its citizen deleted their account while it was open.'],
  ['request.replied', s.RequestRepliedEventSchema, 'Staff attached a reply.'],
  ['request.appealed', s.RequestAppealedEventSchema, 'The citizen appealed a rejection; the request is back at the secretariat under review.'],
] as const;

/** What {@link openApiDocument} describes: the service's version and where it answers. */
export interface OpenApiOptions {
  version: string;
  /** The base URL clients call, e.g. `PUBLIC_URL`. */
  serverUrl: string;
}

/** The OpenAPI 3.1 document of the whole API, its schemas taken from `@citizen-counter/sdk/schemas`. */
export function openApiDocument(options: OpenApiOptions): Record<string, unknown> {
  const components = new Components();
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = describe(operation, components);
  }
  const webhooks = Object.fromEntries(webhookEvents.map(([type, schema, summary]) => [type, { post: describeWebhook(type, schema, summary, components) }]));
  components.ref(s.ErrorBodySchema);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Citizen Counter API',
      version: options.version,
      description:
        'Citizens send requests to an organization and track them; staff review them; operators create orgs. ' +
        'JSON everywhere except file upload and download. Every error is `{"error": {"code", "message", "details"}}` ' +
        'with a stable `code`. The typed client is `@citizen-counter/sdk`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: options.serverUrl, description: 'This service' }],
    tags: [
      { name: 'Citizen', description: 'The citizen flow under `/v1/orgs/{org}`: profile, human check, OTP, sessions and requests.' },
      { name: 'Staff', description: "The organization's desk, with a staff session or an API key of the org: login, people, the request workflow (refer, ask for documents, approve with the letter register, reject, reply), notes, audit, units, settings, webhooks, templates and SMS texts. Every route checks the caller's role; a handler sees only requests at their units." },
      { name: 'Admin', description: 'The operator API with `ADMIN_KEY`: orgs, units and staff API keys.' },
      { name: 'System', description: 'Health, this document and the dev SMS inbox.' },
    ],
    paths,
    webhooks,
    components: {
      schemas: components.schemas,
      responses: {
        Error: { description: 'The request failed; `code` says why.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        Unauthorized: { description: 'No credential, or one that is not valid here.', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
        TooManyRequests: {
          description: 'A rate limit applies (`otp_cooldown`, `otp_rate_limited`, `rate_limited`); `details.retryAfter` repeats the header; an `otp_cooldown` also carries the code already sent (`phone`, `codeLength`, `expiresAt`, `resendAt`), so the client can go on to the code entry.',
          headers: { 'Retry-After': { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } } },
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
      securitySchemes: {
        citizenSession: { type: 'http', scheme: 'bearer', description: 'A citizen session token from `POST /v1/orgs/{org}/sessions`, valid at that org only.' },
        staff: { type: 'http', scheme: 'bearer', description: 'A staff session token (`ccs_…`, from `POST …/staff/sessions`) or a staff API key (`cc_live_…`) of the org in the path.' },
        adminKey: { type: 'http', scheme: 'bearer', description: "The operator's `ADMIN_KEY`." },
      },
    },
  };
}

function describe(operation: Operation, components: Components): Record<string, unknown> {
  const parameters: Record<string, unknown>[] = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({
    name: match[1],
    in: 'path',
    required: true,
    description: pathParams[match[1] ?? ''],
    schema: { type: 'string' },
  }));
  if (operation.query) {
    const query = operation.query as TSchema & { properties: Record<string, TSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(query.properties)) {
      const { description, ...rest } = components.inline(schema);
      parameters.push({ name, in: 'query', required: query.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  if (operation.idempotent) {
    parameters.push({
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description: 'Makes a retry safe: the same key with the same body answers with the first answer; with another body, 422 `idempotency_key_reused`.',
      schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
    });
  }
  const responses: Record<string, unknown> = { [String(operation.status)]: success(operation, components) };
  if (operation.auth !== 'none') responses['401'] = { $ref: '#/components/responses/Unauthorized' };
  if (operation.rateLimited) responses['429'] = { $ref: '#/components/responses/TooManyRequests' };
  if (operation.response === 'html') {
    responses['403'] = { description: 'The link was changed or has ended: a page saying so.', content: { 'text/html': { schema: { type: 'string' } } } };
  }
  responses['4XX'] = { $ref: '#/components/responses/Error' };
  responses['5XX'] = { $ref: '#/components/responses/Error' };
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security: operation.auth === 'none' ? [] : [{ [operation.auth]: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body ? { requestBody: requestBody(operation.body, components) } : {}),
    responses,
  };
}

function success(operation: Operation, components: Components): Record<string, unknown> {
  if (!operation.response) return { description: 'Done; no content.' };
  if (operation.response === 'metrics') {
    return { description: 'The Prometheus text exposition format.', content: { 'text/plain': { schema: { type: 'string' } } } };
  }
  if (operation.response === 'html') {
    return { description: 'OK', content: { 'text/html': { schema: { type: 'string', description: operation.html } } } };
  }
  if (operation.response === 'file') {
    return {
      description: 'The file as an attachment, with the MIME type decided from its content when it was uploaded.',
      headers: {
        'Content-Disposition': { description: '`attachment` with the file name (RFC 6266: an ASCII `filename` and a UTF-8 `filename*`).', schema: { type: 'string' } },
        'X-Content-Type-Options': { description: 'Always `nosniff`.', schema: { type: 'string', const: 'nosniff' } },
        'Cache-Control': { description: 'Always `private, no-store`.', schema: { type: 'string' } },
      },
      content: Object.fromEntries(storedMimeTypes.map((type) => [type, { schema: { type: 'string', contentMediaType: type } }])),
    };
  }
  const json = { 'application/json': { schema: components.ref(operation.response) } };
  if (!operation.html) return { description: 'OK', content: json };
  return { description: 'OK', content: { ...json, 'text/html': { schema: { type: 'string', description: operation.html } } } };
}

function requestBody(body: NonNullable<Operation['body']>, components: Components): Record<string, unknown> {
  if ('json' in body) return { required: true, content: { 'application/json': { schema: components.ref(body.json) } } };
  const fields = components.inline(body.multipart) as { properties: Record<string, unknown>; required?: string[] };
  const schema = {
    type: 'object',
    properties: { ...fields.properties, [body.file]: { type: 'string', contentMediaType: 'application/octet-stream', description: 'One file.' } },
    required: [...(fields.required ?? []), ...(body.fileRequired ? [body.file] : [])],
  };
  return { required: true, content: { 'multipart/form-data': { schema } } };
}

function describeWebhook(type: string, schema: TSchema, summary: string, components: Components): Record<string, unknown> {
  return {
    operationId: `on${type.split('.').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}`,
    tags: ['Staff'],
    summary,
    description:
      'POSTed to each webhook of the org that listens to this event, at least once, retried with backoff until a 2xx (redirects are not followed), signed as the Standard Webhooks specification says (`verifyWebhook` of the SDK checks it).',
    security: [],
    parameters: [
      { name: 'webhook-id', in: 'header', required: true, description: 'The event id (the body\'s `id`), the same in every retry: drop duplicates by it.', schema: { type: 'string' } },
      { name: 'webhook-timestamp', in: 'header', required: true, description: 'Unix seconds of this attempt; refuse one more than five minutes from now.', schema: { type: 'string', pattern: '^[0-9]+$' } },
      { name: 'webhook-signature', in: 'header', required: true, description: '`v1,` and the base64 HMAC-SHA256 of `webhook-id.webhook-timestamp.body` under the key the `whsec_` secret holds in base64.', schema: { type: 'string', pattern: '^v1,[A-Za-z0-9+/]+={0,2}$' } },
    ],
    requestBody: { required: true, content: { 'application/json': { schema: components.ref(schema) } } },
    responses: { '200': { description: 'Any 2xx answer marks the delivery done.' } },
  };
}

/**
 * Turns TypeBox schemas into OpenAPI schema objects: every schema with an `$id` becomes one entry
 * of `components.schemas`, referenced by `$ref` wherever it appears.
 */
class Components {
  readonly schemas: Record<string, unknown> = {};

  /** A `$ref` to a named schema (registered on first use), or the schema inline when it has no name. */
  ref(schema: TSchema): Record<string, unknown> {
    return this.#convert(schema, true);
  }

  /** The schema inline (its own `$id` ignored), with named schemas inside it referenced. */
  inline(schema: TSchema): Record<string, unknown> {
    return this.#convert(schema, false);
  }

  #convert(schema: TSchema, byRef: boolean): Record<string, unknown> {
    const { $id, ...rest } = schema as TSchema & { $id?: string };
    if ($id && byRef) {
      if (!(($id) in this.schemas)) {
        this.schemas[$id] = {};
        this.schemas[$id] = this.#plain(rest);
      }
      return { $ref: `#/components/schemas/${$id}` };
    }
    return this.#plain(rest);
  }

  #plain(schema: Record<string, unknown>): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(schema)) result[key] = this.#value(key, value);
    return result;
  }

  #value(key: string, value: unknown): unknown {
    if (Array.isArray(value)) return key === 'anyOf' || key === 'allOf' || key === 'oneOf' || key === 'prefixItems' ? value.map((item: TSchema) => this.ref(item)) : value;
    if (typeof value !== 'object' || value === null) return value;
    if (key === 'properties' || key === 'patternProperties') {
      return Object.fromEntries(Object.entries(value as Record<string, TSchema>).map(([name, child]) => [name, this.ref(child)]));
    }
    if (key === 'items' || key === 'additionalProperties' || key === 'not') return this.ref(value as TSchema);
    return value;
  }
}
