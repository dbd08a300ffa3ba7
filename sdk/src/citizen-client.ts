import type { KyInstance, Options, ResponsePromise } from 'ky';
import { call, createHttp, eachPage, perCall, type CallOptions, readDownload, searchParams, type ClientOptions, type DownloadedFile } from './http.js';
import type {
  ChallengeQuery,
  CitizenRequest,
  DeleteAccountInput,
  HumanCheckChallenge,
  ListRequestsQuery,
  Locale,
  OrgProfile,
  OtpRequestInput,
  OtpRequestResult,
  Page,
  RequestDetail,
  Session,
  SessionInput,
  ReceiptLink,
} from './types.js';

/** Options of a {@link CitizenClient}. */
export interface CitizenClientOptions extends ClientOptions {
  /** The org (tenant) id, e.g. `demo`. */
  org: string;
  /** A session token from an earlier {@link CitizenClient.login}. */
  token?: string | null;
}

/** What a citizen sends (ثبت درخواست). */
export interface SubmitRequestInput {
  /** نام و نام خانوادگی, at most the org's `rules.maxFullNameLength` characters. */
  fullName: string;
  /** موضوع, at most the org's `rules.maxSubjectLength` characters. */
  subject: string;
  /** واحد سازمانی مخاطب: one of the org profile's `units`. */
  unitId: string;
  /** فایل بدنه: one file within the org's rules. A `File` keeps its name. */
  body: Blob;
  /** The file name to send when `body` is a bare `Blob`. */
  fileName?: string;
}

/** What a citizen sends when the organization asks for more documents. */
export interface SupplementInput {
  /** What the citizen says with the document. */
  text?: string;
  /** The document, within the org's rules. A `File` keeps its name. */
  file: Blob;
  /** The file name to send when `file` is a bare `Blob`. */
  fileName?: string;
}

/** An appeal of a rejection: why, and optionally one document. */
export interface AppealInput {
  /** Why the citizen disagrees with the rejection (1–2000 characters). */
  text: string;
  /** A document, within the org's rules. A `File` keeps its name. */
  file?: Blob;
  /** The file name to send when `file` is a bare `Blob`. */
  fileName?: string;
}

/** Options of {@link CitizenClient.submitRequest}. */
export interface SubmitOptions extends CallOptions {
  /**
   * Makes the submission safe to retry: the same key with the same content gives the first
   * answer and stores nothing twice. A random key is made when absent.
   */
  idempotencyKey?: string;
}

/**
 * The citizen side of the counter: log in with a mobile number, a human check and an SMS code;
 * send requests; follow them.
 *
 * @example
 * ```ts
 * const counter = new CitizenClient({ baseUrl: 'http://localhost:8080', org: 'demo' });
 * const challenge = await counter.createChallenge();
 * const solution = challenge.kind === 'pow' ? await solveChallenge(challenge) : { id: challenge.id, answer: typed };
 * await counter.requestOtp({ phone: '09121234567', challenge: solution });
 * await counter.login({ phone: '09121234567', code: '123456' });
 * const receipt = await counter.submitRequest({ fullName, subject, unitId, body: file });
 * console.log(receipt.trackingCode);
 * ```
 */
export class CitizenClient {
  /** The org this client speaks to. */
  readonly org: string;
  /** The session token, set by {@link login} and cleared by {@link logout}. */
  token: string | null;
  readonly #http: KyInstance;

  constructor(options: CitizenClientOptions) {
    this.org = options.org;
    this.token = options.token ?? null;
    this.#http = createHttp(options, () => this.token);
  }

  /** Sends one call under the org's path with that call's {@link CallOptions}. */
  #send(method: 'get' | 'post' | 'delete', path: string, options: CallOptions, init?: Options): ResponsePromise {
    return perCall(this.#http, options)[method](this.#base + path, init);
  }

  /** {@link send}, its JSON answer read, its failure an `ApiError` or a `NetworkError`. */
  #json<T>(method: 'get' | 'post', path: string, options: CallOptions, init?: Options): Promise<T> {
    return call(() => this.#send(method, path, options, init).json<T>());
  }

  /** {@link send} of a download. */
  #download(path: string, options: CallOptions): Promise<DownloadedFile> {
    return call(async () => readDownload(await this.#send('get', path, options)));
  }

  get #base(): string {
    return `v1/orgs/${encodeURIComponent(this.org)}`;
  }

  /** The org's public profile: names, units, rules, OTP settings and human-check kind. */
  getOrg(options: CallOptions = {}): Promise<OrgProfile> {
    return this.#json('get', '', options);
  }

  /** A new human check (single use, 10 minutes); solve `pow` ones with `solveChallenge`. */
  createChallenge(query: ChallengeQuery = {}, options: CallOptions = {}): Promise<HumanCheckChallenge> {
    return this.#json('post', '/challenges', options, { searchParams: searchParams(query) });
  }

  /** Sends a one-time code by SMS (دریافت کد). The answer is the same for known and new numbers. */
  requestOtp(input: OtpRequestInput, options: CallOptions = {}): Promise<OtpRequestResult> {
    return this.#json('post', '/otp', options, { json: input });
  }

  /** Exchanges the SMS code for a session (ورود به سامانه) and keeps its token for later calls. */
  async login(input: SessionInput, options: CallOptions = {}): Promise<Session> {
    const session = await this.#json<Session>('post', '/sessions', options, { json: input });
    this.token = session.token;
    return session;
  }

  /** Ends the session on the server and forgets the token. */
  async logout(options: CallOptions = {}): Promise<void> {
    if (!this.token) return;
    try {
      await call(() => this.#send('delete', '/sessions/current', options));
    } finally {
      this.token = null;
    }
  }

  /** Sends a request with its body file and answers with its receipt (tracking code, date). */
  submitRequest(input: SubmitRequestInput, options: SubmitOptions = {}): Promise<CitizenRequest> {
    const form = new FormData();
    form.append('fullName', input.fullName);
    form.append('subject', input.subject);
    form.append('unitId', input.unitId);
    form.append('body', input.body, input.fileName ?? (isFile(input.body) ? input.body.name : 'body'));
    return this.#upload('/requests', form, options);
  }

  /**
   * Answers a request for documents (نقص مدارک) with one file and an optional text; the request
   * goes back to review. Safe to retry: the same key answers with the first answer.
   */
  submitSupplement(requestId: string, input: SupplementInput, options: SubmitOptions = {}): Promise<CitizenRequest> {
    const form = new FormData();
    if (input.text) form.append('text', input.text);
    appendDocument(form, input.file, input.fileName);
    return this.#upload(`/requests/${encodeURIComponent(requestId)}/supplements`, form, options);
  }

  /**
   * Appeals a rejection (اعتراض): the request goes back to the secretariat under review, marked as
   * an appeal. Allowed as many times as the org's `appeals.rounds` (once by default) within
   * `appeals.days` of the rejection (30 by default); otherwise 409 `appeal_not_allowed` or
   * `appeal_window_closed`. Safe to retry with the same `idempotencyKey`.
   */
  submitAppeal(requestId: string, input: AppealInput, options: SubmitOptions = {}): Promise<CitizenRequest> {
    const form = new FormData();
    form.append('text', input.text);
    if (input.file) appendDocument(form, input.file, input.fileName);
    return this.#upload(`/requests/${encodeURIComponent(requestId)}/appeals`, form, options);
  }

  /** Posts a multipart upload under an `Idempotency-Key` (a random one unless given). */
  #upload(path: string, form: FormData, options: SubmitOptions): Promise<CitizenRequest> {
    return this.#json('post', path, options, {
      body: form,
      headers: { 'idempotency-key': options.idempotencyKey ?? crypto.randomUUID() },
      // Safe to repeat: the key makes a retried upload return the first answer.
      retry: { limit: 2, methods: ['post'], statusCodes: [408, 502, 503, 504] },
    });
  }

  /**
   * A link to the request's printable receipt (org name and logo, tracking code, date, unit, subject,
   * name and the QR code anyone can check), good for 15 minutes without a session: open it in a new
   * tab to print it or save it as PDF. `lang` picks the page's language.
   */
  receiptLink(requestId: string, lang?: Locale, options: CallOptions = {}): Promise<ReceiptLink> {
    return this.#json('post', `/requests/${encodeURIComponent(requestId)}/receipt-link`, options, { searchParams: lang ? { lang } : {} });
  }

  /** The citizen's requests, newest first; pass `nextCursor` back for the next page. */
  listRequests(query: ListRequestsQuery = {}, options: CallOptions = {}): Promise<Page<CitizenRequest>> {
    return this.#json('get', '/requests', options, { searchParams: searchParams(query) });
  }

  /**
   * Every page of the citizen's requests, newest first, fetched one at a time as the loop asks
   * for it; `query.cursor` says where to start (the first page when absent). Stop the loop early
   * and no further page is fetched.
   * @example
   * ```ts
   * for await (const page of counter.listRequestPages({ limit: 50 })) {
   *   for (const request of page.items) console.log(request.trackingCode, request.status);
   * }
   * ```
   */
  listRequestPages(query: ListRequestsQuery = {}, options: CallOptions = {}): AsyncGenerator<Page<CitizenRequest>, void, undefined> {
    return eachPage(query, (pageQuery) => this.listRequests(pageQuery, options));
  }

  /** Finds one of the citizen's requests by tracking code, or `null`. */
  async findByTrackingCode(trackingCode: string, options: CallOptions = {}): Promise<CitizenRequest | null> {
    const page = await this.listRequests({ trackingCode, limit: 1 }, options);
    return page.items[0] ?? null;
  }

  /** One request with its timeline and reply (گرفتن آخرین وضعیت). */
  getRequest(id: string, options: CallOptions = {}): Promise<RequestDetail> {
    return this.#json('get', `/requests/${encodeURIComponent(id)}`, options);
  }

  /** Downloads the body or the reply file of one of the citizen's requests. */
  downloadFile(requestId: string, fileId: string, options: CallOptions = {}): Promise<DownloadedFile> {
    return this.#download(`/requests/${encodeURIComponent(requestId)}/files/${encodeURIComponent(fileId)}`, options);
  }

  /**
   * Everything the org holds about the citizen, as a zip archive (`DownloadedFile.name` is
   * `citizen-data-<org>.zip`): `data.json` (a `CitizenDataExport`: the phone, the account's
   * date and every request as the citizen sees it, with its timeline, reply, appeals and files) and
   * each file under `files/<trackingCode>/<name>`. Internal staff notes and staff names are not
   * part of it. A large archive takes a while: pass a longer `timeout` (or `false`) if need be.
   * @example
   * ```ts
   * const archive = await counter.exportMyData({ timeout: 120_000 });
   * const link = Object.assign(document.createElement('a'), { href: URL.createObjectURL(archive.blob), download: archive.name });
   * link.click();
   * ```
   */
  exportMyData(options: CallOptions = {}): Promise<DownloadedFile> {
    return this.#download('/me/export', options);
  }

  /**
   * Deletes the citizen's account at this org, for good: every session ends (this client forgets
   * its token), every file they sent or received is removed, and their requests lose name, subject
   * and texts. A request the org decided (approved or rejected) stays in its register without them;
   * one still open is closed as withdrawn. Logging in again with the same phone starts a new,
   * empty account. `input.confirm` must be `'DELETE'` (else 400 `invalid_input`).
   * @example
   * ```ts
   * if (window.confirm(t('Delete my account?'))) await counter.deleteMyAccount({ confirm: 'DELETE' });
   * ```
   */
  async deleteMyAccount(input: DeleteAccountInput, options: CallOptions = {}): Promise<void> {
    await call(() => this.#send('delete', '/me', options, { json: input }));
    this.token = null;
  }
}

function isFile(blob: Blob): blob is File {
  return typeof (blob as File).name === 'string';
}

/** Adds a document as the `file` field, named by `fileName`, else by the `File`, else `document`. */
function appendDocument(form: FormData, file: Blob, fileName: string | undefined): void {
  form.append('file', file, fileName ?? (isFile(file) ? file.name : 'document'));
}
