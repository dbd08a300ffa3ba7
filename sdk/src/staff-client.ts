import type { KyInstance } from 'ky';
import { call, createHttp, readDownload, searchParams, type ClientOptions, type DownloadedFile } from './http.js';
import type {
  ApproveInput,
  CreateUnitInput,
  CreateWebhookInput,
  CreatedWebhook,
  Org,
  OrgSettingsPatch,
  Page,
  RejectInput,
  StaffListQuery,
  StaffRequest,
  Unit,
  Webhook,
} from './types.js';

/** Options of a {@link StaffClient}. */
export interface StaffClientOptions extends ClientOptions {
  /** The org (tenant) id. */
  org: string;
  /** A staff API key of that org, from `npm run cli -- key create` or the admin API. */
  apiKey: string;
}

/** A reply (جوابیه): a text, a file, or both. */
export interface ReplyInput {
  text?: string;
  file?: Blob;
  fileName?: string;
}

/**
 * The back-office side: review requests (approve with a letter number, reject with a reason),
 * attach replies, manage units, settings and webhooks. Every call is scoped to the key's org.
 *
 * @example
 * ```ts
 * const staff = new StaffClient({ baseUrl, org: 'demo', apiKey: process.env.CC_KEY! });
 * const { items } = await staff.listRequests({ status: 'under_review' });
 * await staff.approve(items[0].id); // numbered automatically
 * ```
 */
export class StaffClient {
  readonly org: string;
  readonly #http: KyInstance;

  constructor(options: StaffClientOptions) {
    this.org = options.org;
    this.#http = createHttp(options, () => options.apiKey);
  }

  get #base(): string {
    return `v1/orgs/${encodeURIComponent(this.org)}/staff`;
  }

  #request(id: string): string {
    return `${this.#base}/requests/${encodeURIComponent(id)}`;
  }

  /** Requests of the org, newest first, filtered by status, unit, text and date. */
  listRequests(query: StaffListQuery = {}): Promise<Page<StaffRequest>> {
    return call(() =>
      this.#http.get(`${this.#base}/requests`, { searchParams: searchParams(query) }).json<Page<StaffRequest>>(),
    );
  }

  /** One request with its timeline. */
  getRequest(id: string): Promise<StaffRequest> {
    return call(() => this.#http.get(this.#request(id)).json<StaffRequest>());
  }

  /** Approves: registers the request as an incoming letter (numbered per org unless given). */
  approve(id: string, input: ApproveInput = {}): Promise<StaffRequest> {
    return call(() => this.#http.post(`${this.#request(id)}/approve`, { json: input }).json<StaffRequest>());
  }

  /** Rejects with a reason the citizen sees. */
  reject(id: string, input: RejectInput): Promise<StaffRequest> {
    return call(() => this.#http.post(`${this.#request(id)}/reject`, { json: input }).json<StaffRequest>());
  }

  /** Attaches the organization's reply (جوابیه) with an optional file. */
  reply(id: string, input: ReplyInput): Promise<StaffRequest> {
    const form = new FormData();
    if (input.text !== undefined) form.append('text', input.text);
    if (input.file) form.append('file', input.file, input.fileName ?? ((input.file as File).name || 'reply'));
    return call(() => this.#http.post(`${this.#request(id)}/reply`, { body: form }).json<StaffRequest>());
  }

  /** Downloads a request's body or reply file. */
  downloadFile(requestId: string, fileId: string): Promise<DownloadedFile> {
    return call(async () =>
      readDownload(await this.#http.get(`${this.#request(requestId)}/files/${encodeURIComponent(fileId)}`)),
    );
  }

  /** The org with its settings. */
  getOrg(): Promise<Org> {
    return call(() => this.#http.get(`${this.#base}/org`).json<Org>());
  }

  /** Changes org settings; nested objects are merged. */
  updateSettings(settings: OrgSettingsPatch): Promise<Org> {
    return call(() => this.#http.patch(`${this.#base}/org`, { json: { settings } }).json<Org>());
  }

  /** The org's units. */
  async listUnits(): Promise<Unit[]> {
    const { items } = await call(() => this.#http.get(`${this.#base}/units`).json<{ items: Unit[] }>());
    return items;
  }

  /** Adds a unit. */
  addUnit(input: CreateUnitInput): Promise<Unit> {
    return call(() => this.#http.post(`${this.#base}/units`, { json: input }).json<Unit>());
  }

  /** Renames a unit. */
  updateUnit(id: string, input: CreateUnitInput): Promise<Unit> {
    return call(() => this.#http.patch(`${this.#base}/units/${encodeURIComponent(id)}`, { json: input }).json<Unit>());
  }

  /** Removes a unit that no request is addressed to. */
  async removeUnit(id: string): Promise<void> {
    await call(() => this.#http.delete(`${this.#base}/units/${encodeURIComponent(id)}`));
  }

  /** The org's webhooks. */
  async listWebhooks(): Promise<Webhook[]> {
    const { items } = await call(() => this.#http.get(`${this.#base}/webhooks`).json<{ items: Webhook[] }>());
    return items;
  }

  /** Adds a webhook; its signing secret is in the answer only. */
  createWebhook(input: CreateWebhookInput): Promise<CreatedWebhook> {
    return call(() => this.#http.post(`${this.#base}/webhooks`, { json: input }).json<CreatedWebhook>());
  }

  /** Removes a webhook. */
  async removeWebhook(id: string): Promise<void> {
    await call(() => this.#http.delete(`${this.#base}/webhooks/${encodeURIComponent(id)}`));
  }
}
