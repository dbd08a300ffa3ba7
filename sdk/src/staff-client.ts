import type { KyInstance } from 'ky';
import { call, createHttp, eachPage, perCall, type CallOptions, readDownload, searchParams, type ClientOptions, type DownloadedFile } from './http.js';
import type {
  ChallengeQuery,
  ApiKeyInfo,
  CreateApiKeyInput,
  CreatedApiKey,
  DeadLetter,
  ActionPreview,
  ActionPreviewInput,
  ApproveInput,
  AuditEntry,
  CreateStaffInput,
  DocumentsRequestInput,
  HumanCheckChallenge,
  Note,
  OtpRequestInput,
  OtpRequestResult,
  ReferInput,
  ReturnInput,
  SessionInput,
  StaffIdentity,
  StaffMember,
  StaffSession,
  UpdateStaffInput,
  UnitPerson,
  CreateUnitInput,
  CreateWebhookInput,
  CreatedWebhook,
  Org,
  OrgSettingsPatch,
  Page,
  OrgProfile,
  RejectInput,
  StaffListQuery,
  StaffQueueCounts,
  StaffRequest,
  StaffUnit,
  UpdateUnitInput,
  Webhook,
  WebhookDelivery,
  CreateTemplateInput,
  Locale,
  RenderedTemplate,
  SmsKind,
  SmsText,
  Template,
  UpdateTemplateInput,
} from './types.js';

/** Options of a {@link StaffClient}. */
export interface StaffClientOptions extends ClientOptions {
  /** The org (tenant) id. */
  org: string;
  /**
   * A staff API key of that org (`cc_live_…`), for a back-office system; from
   * `npm run cli -- key create` or the admin API. Leave it out to log in as a person instead.
   */
  apiKey?: string;
  /** A staff session token from an earlier {@link StaffClient.login}. */
  token?: string | null;
}

/** A reply (جوابیه): a text, a reply template, a file, or several. */
export interface ReplyInput {
  text?: string;
  /** A `reply` template, filled in for the request by the server; `text` is added below it. */
  templateId?: string;
  file?: Blob;
  fileName?: string;
  /** The request's `version` the reply was written on; a stale one gets 409 `request_changed`. */
  version?: number;
}

/**
 * The organization's desk: staff log in with an SMS code (or a back-office system uses an API
 * key), work the queue (refer to a unit, ask the citizen for documents, approve with a number
 * from the letter register, reject, reply), keep internal notes and read the audit trail; admins
 * manage staff, units, settings and webhooks. Every call is scoped to the org, the caller's role
 * and, for a handler, their units. Decisions take the request's `version`: if someone else
 * changed it first the call fails with 409 `request_changed` and `details` say who did what.
 *
 * @example A person logs in
 * ```ts
 * const staff = new StaffClient({ baseUrl, org: 'demo' });
 * const challenge = await staff.createChallenge();
 * await staff.requestOtp({ phone: '09121234567', challenge: await solveChallenge(challenge) });
 * await staff.login({ phone: '09121234567', code: '123456' }); // the code from the SMS
 * const { items } = await staff.listRequests({ queue: 'secretariat' });
 * const request = items[0];
 * await staff.refer(request.id, { unitId: complaintsUnitId, note: 'Please check the invoice', version: request.version });
 * ```
 *
 * @example A back-office system
 * ```ts
 * const staff = new StaffClient({ baseUrl, org: 'demo', apiKey: process.env.CC_KEY! });
 * const { items } = await staff.listRequests({ status: 'under_review' });
 * await staff.approve(items[0].id, { version: items[0].version }); // numbered by the register
 * ```
 */
export class StaffClient {
  readonly org: string;
  /** The session token, set by {@link login} and cleared by {@link logout}; unused with an API key. */
  token: string | null;
  readonly #http: KyInstance;

  constructor(options: StaffClientOptions) {
    this.org = options.org;
    this.token = options.token ?? null;
    const { apiKey } = options;
    this.#http = createHttp(options, () => apiKey ?? this.token);
  }

  /** The ky client of one call, with that call's {@link CallOptions}. */
  #ky(options: CallOptions): KyInstance {
    return perCall(this.#http, options);
  }

  /** The org's public profile (names, units, human-check kind, code length): what a login form needs. */
  getProfile(options: CallOptions = {}): Promise<OrgProfile> {
    return call(() => this.#ky(options).get(`v1/orgs/${encodeURIComponent(this.org)}`).json<OrgProfile>());
  }

  /** A human check to solve before asking for a login code (the same as the citizens'). */
  createChallenge(query: ChallengeQuery = {}, options: CallOptions = {}): Promise<HumanCheckChallenge> {
    return call(() => this.#ky(options).post(`v1/orgs/${encodeURIComponent(this.org)}/challenges`, { searchParams: searchParams(query) }).json<HumanCheckChallenge>());
  }

  /**
   * Asks for a login code by SMS. The answer is the same whether or not the phone is a staff
   * member's; only a member's phone gets a code.
   */
  requestOtp(input: OtpRequestInput, options: CallOptions = {}): Promise<OtpRequestResult> {
    return call(() => this.#ky(options).post(`${this.#base}/otp`, { json: input }).json<OtpRequestResult>());
  }

  /** Exchanges the SMS code for a staff session and keeps its token for later calls. */
  async login(input: SessionInput, options: CallOptions = {}): Promise<StaffSession> {
    const session = await call(() => this.#ky(options).post(`${this.#base}/sessions`, { json: input }).json<StaffSession>());
    this.token = session.token;
    return session;
  }

  /** Ends the session on the server and forgets the token. */
  async logout(options: CallOptions = {}): Promise<void> {
    if (!this.token) return;
    try {
      await call(() => this.#ky(options).delete(`${this.#base}/sessions/current`));
    } finally {
      this.token = null;
    }
  }

  /** Who is calling: a staff member or an API key, with the role and units that scope the desk. */
  me(options: CallOptions = {}): Promise<StaffIdentity> {
    return call(() => this.#ky(options).get(`${this.#base}/me`).json<StaffIdentity>());
  }

  /** The org's staff (admins). */
  async listStaff(options: CallOptions = {}): Promise<StaffMember[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/people`).json<{ items: StaffMember[] }>());
    return items;
  }

  /**
   * Adds a staff member (admins). A handler needs the units they work.
   * @example staff.addStaff({ phone: '09121234567', name: 'Reza Karimi', role: 'handler', unitIds: [unitId] })
   */
  addStaff(input: CreateStaffInput, options: CallOptions = {}): Promise<StaffMember> {
    return call(() => this.#ky(options).post(`${this.#base}/people`, { json: input }).json<StaffMember>());
  }

  /** One staff member (admins). */
  getStaff(id: string, options: CallOptions = {}): Promise<StaffMember> {
    return call(() => this.#ky(options).get(`${this.#base}/people/${encodeURIComponent(id)}`).json<StaffMember>());
  }

  /**
   * Changes a staff member (admins); `{ active: false }` deactivates them and ends their sessions.
   * @example staff.updateStaff(id, { role: 'registrar' })
   */
  updateStaff(id: string, input: UpdateStaffInput, options: CallOptions = {}): Promise<StaffMember> {
    return call(() => this.#ky(options).patch(`${this.#base}/people/${encodeURIComponent(id)}`, { json: input }).json<StaffMember>());
  }

  get #base(): string {
    return `v1/orgs/${encodeURIComponent(this.org)}/staff`;
  }

  #request(id: string): string {
    return `${this.#base}/requests/${encodeURIComponent(id)}`;
  }

  /**
   * Requests the caller may see, newest first, filtered by status, current unit, queue
   * (`secretariat`, `open`, `overdue`, `due_today`), text and date; pass `nextCursor` back for the next page.
   * @example staff.listRequests({ queue: 'overdue', q: 'قبض' })
   */
  listRequests(query: StaffListQuery = {}, options: CallOptions = {}): Promise<Page<StaffRequest>> {
    return call(() =>
      this.#ky(options).get(`${this.#base}/requests`, { searchParams: searchParams(query) }).json<Page<StaffRequest>>(),
    );
  }

  /**
   * Every page of {@link listRequests} for the same filters, fetched one at a time as the loop
   * asks for it; `query.cursor` says where to start. Stop the loop early and no further page is
   * fetched.
   * @example
   * ```ts
   * for await (const page of staff.listRequestPages({ queue: 'overdue' })) {
   *   for (const request of page.items) await remind(request);
   * }
   * ```
   */
  listRequestPages(query: StaffListQuery = {}, options: CallOptions = {}): AsyncGenerator<Page<StaffRequest>, void, undefined> {
    return eachPage(query, (pageQuery) => this.listRequests(pageQuery, options));
  }

  /**
   * The sizes of the queues the caller may see: requests per status, open requests per current
   * unit (`unitId: null` is the secretariat), and the `open`, `secretariat`, `overdue`,
   * `due_today` and `needs_documents` queues. A handler counts only their units.
   * @example
   * ```ts
   * const { queues, byUnit } = await staff.counts();
   * console.log(`${queues.overdue} overdue, ${queues.due_today} due today`);
   * const atSecretariat = byUnit.find((entry) => entry.unitId === null)?.open ?? 0;
   * ```
   */
  counts(options: CallOptions = {}): Promise<StaffQueueCounts> {
    return call(() => this.#ky(options).get(`${this.#base}/requests/counts`).json<StaffQueueCounts>());
  }

  /** One request with its timeline. */
  getRequest(id: string, options: CallOptions = {}): Promise<StaffRequest> {
    return call(() => this.#ky(options).get(this.#request(id)).json<StaffRequest>());
  }

  /**
   * Approves (registrars): registers the request as an incoming letter, numbered by the org's
   * register and pattern unless `letterNumber` is given (unique per org and Jalali year).
   * @example staff.approve(id, { version: request.version })
   */
  approve(id: string, input: ApproveInput = {}, options: CallOptions = {}): Promise<StaffRequest> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/approve`, { json: input }).json<StaffRequest>());
  }

  /**
   * What an action would tell the citizen, before taking it: the letter number an approval would
   * get (proposed, not reserved), the text they would read and the SMS with its part count.
   * @example const { sms } = await staff.preview(id, { action: 'reject', text: 'The file is unreadable.' })
   */
  preview(id: string, input: ActionPreviewInput, options: CallOptions = {}): Promise<ActionPreview> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/preview`, { json: input }).json<ActionPreview>());
  }

  /**
   * Rejects (registrars) with a reason the citizen sees and gets by SMS: `reason`, a `rejection`
   * template (`templateId`) the server fills in for the request, or both (the reason below the template).
   * @example staff.reject(id, { templateId: missingSignature.id, version: request.version })
   */
  reject(id: string, input: RejectInput, options: CallOptions = {}): Promise<StaffRequest> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/reject`, { json: input }).json<StaffRequest>());
  }

  /**
   * Refers (ارجاع) a request to a unit (registrars), optionally to one of its handlers, with an
   * internal note. The citizen sees "referred to <unit>", never the note.
   * @example staff.refer(id, { unitId, note: 'The invoice is attached', version: request.version })
   */
  refer(id: string, input: ReferInput, options: CallOptions = {}): Promise<StaffRequest> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/refer`, { json: input }).json<StaffRequest>());
  }

  /** Sends a request at a unit back to the secretariat, with an optional internal note. */
  returnToSecretariat(id: string, input: ReturnInput = {}, options: CallOptions = {}): Promise<StaffRequest> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/return`, { json: input }).json<StaffRequest>());
  }

  /**
   * Asks the citizen for more documents (نقص مدارک): the request waits in `needs_documents`, its
   * clock stopped, and the citizen gets the message by SMS.
   * @example staff.requestDocuments(id, { message: 'A copy of your ID card', version: request.version })
   */
  requestDocuments(id: string, input: DocumentsRequestInput, options: CallOptions = {}): Promise<StaffRequest> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/documents-request`, { json: input }).json<StaffRequest>());
  }

  /** The internal notes of a request, oldest first (staff only). */
  async listNotes(id: string, options: CallOptions = {}): Promise<Note[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#request(id)}/notes`).json<{ items: Note[] }>());
    return items;
  }

  /** Adds an internal note: never shown or sent to the citizen. */
  addNote(id: string, text: string, options: CallOptions = {}): Promise<Note> {
    return call(() => this.#ky(options).post(`${this.#request(id)}/notes`, { json: { text } }).json<Note>());
  }

  /** Every staff action on a request: who, when, what, from which status to which. */
  async getAudit(id: string, options: CallOptions = {}): Promise<AuditEntry[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#request(id)}/audit`).json<{ items: AuditEntry[] }>());
    return items;
  }

  /** The org's audit trail, latest 500 (admins). */
  async getOrgAudit(options: CallOptions = {}): Promise<AuditEntry[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/audit`).json<{ items: AuditEntry[] }>());
    return items;
  }

  /** Attaches the organization's reply (جوابیه): a text, a file or both. */
  reply(id: string, input: ReplyInput, options: CallOptions = {}): Promise<StaffRequest> {
    const form = new FormData();
    if (input.text !== undefined) form.append('text', input.text);
    if (input.templateId !== undefined) form.append('templateId', input.templateId);
    if (input.version !== undefined) form.append('version', String(input.version));
    if (input.file) form.append('file', input.file, input.fileName ?? ((input.file as File).name || 'reply'));
    return call(() => this.#ky(options).post(`${this.#request(id)}/reply`, { body: form }).json<StaffRequest>());
  }

  /** Downloads a request's body or reply file. */
  downloadFile(requestId: string, fileId: string, options: CallOptions = {}): Promise<DownloadedFile> {
    return call(async () =>
      readDownload(await this.#ky(options).get(`${this.#request(requestId)}/files/${encodeURIComponent(fileId)}`)),
    );
  }

  /** The org with its settings. */
  getOrg(options: CallOptions = {}): Promise<Org> {
    return call(() => this.#ky(options).get(`${this.#base}/org`).json<Org>());
  }

  /**
   * Changes org settings (admins); nested objects are merged. A numbering pattern the register
   * cannot fill fails with 400 `letter_pattern_invalid` and changes nothing.
   * @example staff.updateSettings({ register: { pattern: '{prefix}/{unit}/{seq}/{year}', prefix: 'نمونه', digits: 'persian' }, calendar: { daysOff: [5], holidays: ['2026-03-21'] } })
   */
  updateSettings(settings: OrgSettingsPatch, options: CallOptions = {}): Promise<Org> {
    return call(() => this.#ky(options).patch(`${this.#base}/org`, { json: { settings } }).json<Org>());
  }

  /** The org's units, with their codes and response times. */
  async listUnits(options: CallOptions = {}): Promise<StaffUnit[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/units`).json<{ items: StaffUnit[] }>());
    return items;
  }

  /**
   * Adds a unit (admins); a `code` another unit has fails with 409 `unit_code_taken`.
   * @example staff.addUnit({ name: { fa: 'واحد شکایات', en: 'Complaints' }, code: 'ش', responseDays: 7 })
   */
  addUnit(input: CreateUnitInput, options: CallOptions = {}): Promise<StaffUnit> {
    return call(() => this.#ky(options).post(`${this.#base}/units`, { json: input }).json<StaffUnit>());
  }

  /**
   * Renames a unit or changes its code or response time (admins); `null` clears one.
   * @example staff.updateUnit(unitId, { code: 'د', responseDays: null })
   */
  updateUnit(id: string, input: UpdateUnitInput, options: CallOptions = {}): Promise<StaffUnit> {
    return call(() => this.#ky(options).patch(`${this.#base}/units/${encodeURIComponent(id)}`, { json: input }).json<StaffUnit>());
  }

  /**
   * The active handlers of a unit, by name (id and name only): whom a request referred to that
   * unit can be given to (`refer`'s `assigneeId`). For the secretariat (admins and registrars).
   * @example const people = await staff.listUnitPeople(unitId);
   * await staff.refer(request.id, { unitId, assigneeId: people[0].id, version: request.version });
   */
  async listUnitPeople(unitId: string, options: CallOptions = {}): Promise<UnitPerson[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/units/${encodeURIComponent(unitId)}/people`).json<{ items: UnitPerson[] }>());
    return items;
  }

  /** Removes a unit that no request is addressed to. */
  async removeUnit(id: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).delete(`${this.#base}/units/${encodeURIComponent(id)}`));
  }

  /** The org's API keys for back-office systems (admins): label, role, prefix, last use; never the key itself. */
  async listApiKeys(options: CallOptions = {}): Promise<ApiKeyInfo[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/keys`).json<{ items: ApiKeyInfo[] }>());
    return items;
  }

  /**
   * Creates an API key (admins) with a role, `admin` or `registrar`; the key is in this answer only.
   * @example const { key } = await staff.createApiKey({ label: 'archive', role: 'registrar' })
   */
  createApiKey(input: CreateApiKeyInput = {}, options: CallOptions = {}): Promise<CreatedApiKey> {
    return call(() => this.#ky(options).post(`${this.#base}/keys`, { json: input }).json<CreatedApiKey>());
  }

  /** Revokes an API key (admins): calls with it are refused from now on. */
  async revokeApiKey(id: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).delete(`${this.#base}/keys/${encodeURIComponent(id)}`));
  }

  /** The org's messages the outbox gave up on (dead letters), newest first, at most 100 (admins). */
  async listDeadLetters(options: CallOptions = {}): Promise<DeadLetter[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/outbox/dead`).json<{ items: DeadLetter[] }>());
    return items;
  }

  /** Sends one of the org's dead letters again, with the same idempotency key; a login code cannot be (404). */
  async replayDeadLetter(id: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).post(`${this.#base}/outbox/${encodeURIComponent(id)}/replay`));
  }

  /** The org's webhooks. */
  async listWebhooks(options: CallOptions = {}): Promise<Webhook[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/webhooks`).json<{ items: Webhook[] }>());
    return items;
  }

  /** Adds a webhook; its signing secret is in the answer only. */
  createWebhook(input: CreateWebhookInput, options: CallOptions = {}): Promise<CreatedWebhook> {
    return call(() => this.#ky(options).post(`${this.#base}/webhooks`, { json: input }).json<CreatedWebhook>());
  }

  /**
   * A webhook's latest delivery attempts, newest first (at most 50): when, the receiver's status
   * code or the error, and how long each took.
   */
  async listWebhookDeliveries(id: string, options: CallOptions = {}): Promise<WebhookDelivery[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/webhooks/${encodeURIComponent(id)}/deliveries`).json<{ items: WebhookDelivery[] }>());
    return items;
  }

  /** Removes a webhook. */
  async removeWebhook(id: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).delete(`${this.#base}/webhooks/${encodeURIComponent(id)}`));
  }

  /** The org's answer and rejection templates, by kind and title (every staff role). */
  async listTemplates(options: CallOptions = {}): Promise<Template[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/templates`).json<{ items: Template[] }>());
    return items;
  }

  /**
   * Adds a template (admins). Its text may use `{fullName}`, `{trackingCode}`, `{letterNumber}`,
   * `{unit}` and `{date}`; another `{name}` fails with `template_invalid`, a taken title with `template_exists`.
   * @example
   * ```ts
   * const template = await staff.addTemplate({
   *   kind: 'rejection',
   *   title: 'Not signed',
   *   text: { fa: '{fullName} گرامی، درخواست {trackingCode} امضا ندارد.', en: 'Dear {fullName}, request {trackingCode} is not signed.' },
   * });
   * await staff.reject(requestId, { templateId: template.id });
   * ```
   */
  addTemplate(input: CreateTemplateInput, options: CallOptions = {}): Promise<Template> {
    return call(() => this.#ky(options).post(`${this.#base}/templates`, { json: input }).json<Template>());
  }

  /**
   * Changes a template's title or texts (admins); an empty text removes that locale.
   * @example staff.updateTemplate(id, { text: { en: '' } }) // Persian only from now on
   */
  updateTemplate(id: string, input: UpdateTemplateInput, options: CallOptions = {}): Promise<Template> {
    return call(() => this.#ky(options).patch(`${this.#base}/templates/${encodeURIComponent(id)}`, { json: input }).json<Template>());
  }

  /** Removes a template (admins); texts already sent with it stay as they were. */
  async deleteTemplate(id: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).delete(`${this.#base}/templates/${encodeURIComponent(id)}`));
  }

  /**
   * Previews a template filled in for a request, as a reply or rejection with it would read now.
   * @example const { text } = await staff.renderTemplate(template.id, request.id)
   */
  renderTemplate(id: string, requestId: string, options: CallOptions = {}): Promise<RenderedTemplate> {
    return call(() => this.#ky(options).post(`${this.#base}/templates/${encodeURIComponent(id)}/render`, { json: { requestId } }).json<RenderedTemplate>());
  }

  /**
   * Every SMS the service sends, in each locale: the built-in text, the org's own (if set), the
   * variables it may use, an example and how many SMS parts it takes (Persian: 70 characters in
   * one, 67 per part beyond).
   * @example (await staff.listSmsTexts()).filter((entry) => entry.parts > 1)
   */
  async listSmsTexts(options: CallOptions = {}): Promise<SmsText[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#base}/sms-texts`).json<{ items: SmsText[] }>());
    return items;
  }

  /**
   * Sets the org's own text for a kind of SMS in a locale (admins). Only the kind's variables are
   * allowed (`template_invalid` otherwise); the login code texts must keep `{code}`.
   * @example staff.setSmsText('rejected', 'fa', 'درخواست {trackingCode} رد شد: {reason}')
   */
  setSmsText(kind: SmsKind, locale: Locale, text: string, options: CallOptions = {}): Promise<SmsText> {
    return call(() => this.#ky(options).put(this.#smsText(kind, locale), { json: { text } }).json<SmsText>());
  }

  /** Goes back to the built-in text for a kind and locale (admins); answers the entry as it now is. */
  resetSmsText(kind: SmsKind, locale: Locale, options: CallOptions = {}): Promise<SmsText> {
    return call(() => this.#ky(options).delete(this.#smsText(kind, locale)).json<SmsText>());
  }

  #smsText(kind: SmsKind, locale: Locale): string {
    return `${this.#base}/sms-texts/${encodeURIComponent(kind)}/${encodeURIComponent(locale)}`;
  }
}
