import type { KyInstance } from 'ky';
import { call, createHttp, perCall, type CallOptions, type ClientOptions } from './http.js';
import type {
  ApiKeyInfo,
  ApiKeyRole,
  CreateStaffInput,
  StaffMember,
  CreateOrgInput,
  CreateUnitInput,
  CreatedApiKey,
  DeadLetter,
  LocalizedText,
  Org,
  OrgSettingsPatch,
  StaffUnit,
  UpdateUnitInput,
} from './types.js';

/** Options of an {@link AdminClient}. */
export interface AdminClientOptions extends ClientOptions {
  /** The operator's `ADMIN_KEY`. */
  adminKey: string;
}

/**
 * The operator side: create orgs, their units, their first admin and staff API keys.
 *
 * @example
 * ```ts
 * const admin = new AdminClient({ baseUrl, adminKey: process.env.ADMIN_KEY! });
 * await admin.createOrg({ id: 'city', name: { fa: 'شهرداری', en: 'City Hall' } });
 * await admin.addStaff('city', { phone: '09121234567', name: 'Maryam Rahimi', role: 'admin' });
 * const { key } = await admin.createApiKey('city', 'back office', 'registrar');
 * ```
 */
export class AdminClient {
  readonly #http: KyInstance;

  constructor(options: AdminClientOptions) {
    this.#http = createHttp(options, () => options.adminKey);
  }

  /** The ky client of one call, with that call's {@link CallOptions}. */
  #ky(options: CallOptions): KyInstance {
    return perCall(this.#http, options);
  }

  #org(id: string): string {
    return `v1/admin/orgs/${encodeURIComponent(id)}`;
  }

  /** Creates an org with default settings unless given. */
  createOrg(input: CreateOrgInput, options: CallOptions = {}): Promise<Org> {
    return call(() => this.#ky(options).post('v1/admin/orgs', { json: input }).json<Org>());
  }

  /** Messages the outbox gave up on (dead letters), newest first, at most 100; of one org with `org`. */
  async listDeadLetters(org?: string, options: CallOptions = {}): Promise<DeadLetter[]> {
    const { items } = await call(() => this.#ky(options).get('v1/admin/outbox/dead', { searchParams: org ? { org } : {} }).json<{ items: DeadLetter[] }>());
    return items;
  }

  /** Sends a dead letter again, with the same idempotency key; a login code cannot be (404). */
  async replayDeadLetter(id: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).post(`v1/admin/outbox/${encodeURIComponent(id)}/replay`));
  }

  /** Every org. */
  async listOrgs(options: CallOptions = {}): Promise<Org[]> {
    const { items } = await call(() => this.#ky(options).get('v1/admin/orgs').json<{ items: Org[] }>());
    return items;
  }

  /** One org with its settings. */
  getOrg(id: string, options: CallOptions = {}): Promise<Org> {
    return call(() => this.#ky(options).get(this.#org(id)).json<Org>());
  }

  /** Renames an org or changes its settings (nested objects are merged). */
  updateOrg(id: string, input: { name?: LocalizedText; settings?: OrgSettingsPatch }, options: CallOptions = {}): Promise<Org> {
    return call(() => this.#ky(options).patch(this.#org(id), { json: input }).json<Org>());
  }

  /**
   * Adds a unit to an org; `code` is what letter numbers write for `{unit}` (unique in the org),
   * `responseDays` its response time in working days.
   * @example admin.addUnit('city', { name: { fa: 'دبیرخانه', en: 'Secretariat' }, code: 'د', responseDays: 7 })
   */
  addUnit(org: string, input: CreateUnitInput, options: CallOptions = {}): Promise<StaffUnit> {
    return call(() => this.#ky(options).post(`${this.#org(org)}/units`, { json: input }).json<StaffUnit>());
  }

  /**
   * Renames a unit or changes its code or response time; `null` clears one.
   * @example admin.updateUnit('city', unitId, { code: 'ش' })
   */
  updateUnit(org: string, unitId: string, input: UpdateUnitInput, options: CallOptions = {}): Promise<StaffUnit> {
    return call(() => this.#ky(options).patch(`${this.#org(org)}/units/${encodeURIComponent(unitId)}`, { json: input }).json<StaffUnit>());
  }

  /** Adds a staff member to an org: how the operator creates its first admin, who adds the rest. */
  addStaff(org: string, input: CreateStaffInput, options: CallOptions = {}): Promise<StaffMember> {
    return call(() => this.#ky(options).post(`${this.#org(org)}/staff`, { json: input }).json<StaffMember>());
  }

  /** The org's staff. */
  async listStaff(org: string, options: CallOptions = {}): Promise<StaffMember[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#org(org)}/staff`).json<{ items: StaffMember[] }>());
    return items;
  }

  /** Creates a staff API key with a role (`admin` unless told); the key itself is in this answer only. */
  createApiKey(org: string, label = '', role: ApiKeyRole = 'admin', options: CallOptions = {}): Promise<CreatedApiKey> {
    return call(() => this.#ky(options).post(`${this.#org(org)}/keys`, { json: { label, role } }).json<CreatedApiKey>());
  }

  /** The org's keys, without their secrets. */
  async listApiKeys(org: string, options: CallOptions = {}): Promise<ApiKeyInfo[]> {
    const { items } = await call(() => this.#ky(options).get(`${this.#org(org)}/keys`).json<{ items: ApiKeyInfo[] }>());
    return items;
  }

  /** Revokes a key at once. */
  async revokeApiKey(org: string, keyId: string, options: CallOptions = {}): Promise<void> {
    await call(() => this.#ky(options).delete(`${this.#org(org)}/keys/${encodeURIComponent(keyId)}`));
  }
}
