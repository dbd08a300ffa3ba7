import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StaffClient, type StaffSession } from '@citizen-counter/sdk';

/** setTimeout overflows past ~24.8 days; staff sessions are far shorter, the cap only guards the edge. */
const maxDelay = 2 ** 31 - 1;

/**
 * A staff member's login over time, for the desk: the API client for one org, the session kept in
 * the tab's `sessionStorage` (never shared with the citizen widget or another org), the timer that
 * ends it at its expiry, and its end when the server says first (a call answered `unauthorized`
 * or `session_expired`). `onExpired` then sends the desk back to its login.
 */
export class DeskSession implements ReactiveController {
  /** The API client, carrying the session's token. */
  client!: StaffClient;
  /** The current session, or `null` when logged out. */
  session: StaffSession | null = null;
  readonly #onExpired: () => void;
  #key = '';
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, onExpired: () => void) {
    this.#onExpired = onExpired;
    host.addController(this);
    host.addEventListener('cc-error', (event) => {
      if (event.detail.code === 'session_expired' || event.detail.code === 'unauthorized') this.#expire();
    });
  }

  hostConnected(): void {
    if (this.session) this.#arm(this.session);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Points at one org on one service; answers the login this tab kept for it, if still valid. */
  connect(api: string, org: string): StaffSession | null {
    clearTimeout(this.#timer);
    this.#key = `counter-desk:${api}|${org}`;
    let kept: StaffSession | null = null;
    try {
      kept = JSON.parse(sessionStorage.getItem(this.#key) ?? 'null') as StaffSession | null;
    } catch {
      // Blocked storage (sandboxed frames, privacy modes): the desk then asks to log in on reload.
    }
    if (kept && Date.parse(kept.expiresAt) <= Date.now()) kept = null;
    this.session = null;
    this.client = new StaffClient({ baseUrl: api, org, token: kept?.token ?? null });
    return kept;
  }

  /** Keeps the session for the tab and ends it at its expiry. */
  start(session: StaffSession): void {
    this.session = session;
    this.client.token = session.token;
    this.#store(session);
    this.#arm(session);
  }

  /** Logs out on the server (best effort) and forgets the session. */
  async logout(): Promise<void> {
    clearTimeout(this.#timer);
    try {
      await this.client.logout();
    } catch {
      // Forgetting the token here is what matters; the server ends the session at its expiry anyway.
    }
    this.#forget();
  }

  #arm(session: StaffSession): void {
    clearTimeout(this.#timer);
    const left = Date.parse(session.expiresAt) - Date.now();
    this.#timer = setTimeout(() => this.#expire(), Math.min(Math.max(left, 0), maxDelay));
  }

  #expire(): void {
    if (!this.session) return;
    this.#forget();
    this.#onExpired();
  }

  #forget(): void {
    clearTimeout(this.#timer);
    this.session = null;
    this.client.token = null;
    this.#store(null);
  }

  #store(session: StaffSession | null): void {
    try {
      if (session) sessionStorage.setItem(this.#key, JSON.stringify(session));
      else sessionStorage.removeItem(this.#key);
    } catch {
      // See connect().
    }
  }
}
