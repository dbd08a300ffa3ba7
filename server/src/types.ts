import type { StaffRole } from '@citizen-counter/sdk';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { UploadBudget } from './middleware/upload-budget.js';
import type { FileStores } from './storage/stores.js';

/** Something that delivers outbox rows; services call it after their transaction commits. */
export interface OutboxKicker {
  /** Delivers the given rows now, best effort (never throws); the worker retries what fails. */
  deliverNow(ids: string[]): Promise<void>;
  /** Wakes the worker up early. */
  kick(): void;
}

/** What every service needs: the database, the file stores, the configuration (with its clock) and the outbox. */
export interface Deps {
  db: Database;
  files: FileStores;
  config: Config;
  outbox: OutboxKicker;
  /** Upload bytes in flight across the process. */
  uploads: UploadBudget;
}

/**
 * The part of {@link Deps} a service that sends nothing needs: the database and the configuration
 * with its clock. The CLI has only these.
 */
export type StoreDeps = Pick<Deps, 'db' | 'config'>;

/** {@link StoreDeps} with the file stores, for what reads or writes file contents. */
export type FileDeps = Pick<Deps, 'db' | 'config' | 'files'>;

/** `ctx.state` of a citizen route after authentication. */
export interface CitizenState {
  orgId: string;
  citizenId: string;
  sessionId: string;
}


/**
 * Who is calling a staff route: a staff member logged in by SMS code, or a back-office system with
 * an API key. Handlers see only requests currently at `unitIds`; other roles see the whole org.
 */
export interface StaffPrincipal {
  orgId: string;
  actorType: 'staff' | 'api_key';
  /** The staff member's or the key's id. */
  actorId: string;
  /** The member's name or the key's label, as the audit trail shows it. */
  name: string;
  role: StaffRole;
  /** A handler's units; empty for other roles. */
  unitIds: string[];
  /** The staff session, for logging out; `null` for an API key. */
  sessionId: string | null;
}

/** `ctx.state` of a staff route after authentication. */
export type StaffState = StaffPrincipal;

/** `ctx.state` of the citizen router: `citizen` is there once a route's session check passed. */
export interface CitizenRouteState {
  citizen?: CitizenState;
}

/** `ctx.state` of the staff router: `staff` is there once the API key check passed. */
export interface StaffRouteState {
  staff?: StaffState;
}
