import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StaffClient, type StaffSession } from '@citizen-counter/sdk';
import { ExpiryTimer } from '../expiry-timer.js';

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
  readonly #timer: ExpiryTimer;
  #key = '';

  constructor(host: ReactiveControllerHost & HTMLElement, onExpired: () => void) {
    this.#onExpired = onExpired;
    this.#timer = new ExpiryTimer(host, () => this.#expire());
    host.addController(this);
  }

  hostConnected(): void {
    if (this.session) this.#timer.arm(this.session.expiresAt);
  }

  hostDisconnected(): void {
    this.#timer.stop();
  }

  /** Points at one org on one service; answers the login this tab kept for it, if still valid. */
  connect(api: string, org: string): StaffSession | null {
    this.#timer.stop();
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
    this.#timer.arm(session.expiresAt);
  }

  /** Logs out on the server (best effort) and forgets the session. */
  async logout(): Promise<void> {
    this.#timer.stop();
    try {
      await this.client.logout();
    } catch {
      // Forgetting the token here is what matters; the server ends the session at its expiry anyway.
    }
    this.#forget();
  }

  #expire(): void {
    if (!this.session) return;
    this.#forget();
    this.#onExpired();
  }

  #forget(): void {
    this.#timer.stop();
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
