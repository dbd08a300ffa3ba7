import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CitizenClient, type Session } from '@citizen-counter/sdk';
import { SessionStore } from './session-store.js';

/** setTimeout overflows past ~24.8 days; sessions are far shorter, the cap only guards the edge. */
const maxDelay = 2 ** 31 - 1;

/**
 * The citizen's login over time, for the shell: the API client and the tab's {@link SessionStore}
 * for one org, the timer that ends the session at its expiry, and the end of it when the server
 * says first (a call answered `session_expired` or `unauthorized`). On either end the session is
 * forgotten, the submit draft kept, and `onExpired` tells the shell to go back to login.
 */
export class SessionController implements ReactiveController {
  /** The API client, carrying the session's token. */
  client!: CitizenClient;
  /** Where the session and the submit draft are kept for the tab. */
  store!: SessionStore;
  /** The current session, or `null` when logged out. */
  session: Session | null = null;
  readonly #onExpired: () => void;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, onExpired: () => void) {
    this.#onExpired = onExpired;
    host.addController(this);
    host.addEventListener('cc-error', (event) => {
      if (event.detail.code === 'session_expired' || event.detail.code === 'unauthorized') this.#expire();
    });
  }

  /** Re-arms the timer when the shell is put back into a page. */
  hostConnected(): void {
    if (this.session) this.#arm(this.session);
  }

  /** A detached shell keeps no timer running. */
  hostDisconnected(): void {
    clearTimeout(this.#timer);
  }

  /** Points at one org on one service; returns the login this tab kept for it, if still valid. */
  connect(api: string, org: string): Session | null {
    clearTimeout(this.#timer);
    this.session = null;
    this.store = new SessionStore(api, org);
    const kept = this.store.load();
    this.client = new CitizenClient({ baseUrl: api, org, token: kept?.token ?? null });
    return kept;
  }

  /** Keeps the session for the tab and ends it at its expiry. */
  start(session: Session): void {
    this.store.save(session);
    this.session = session;
    this.#arm(session);
  }

  /** Logs out on the server (best effort) and forgets the session and the draft. */
  async logout(): Promise<void> {
    clearTimeout(this.#timer);
    try {
      await this.client.logout();
    } catch {
      // Logging out locally is what matters; the server forgets the session at its expiry anyway.
    }
    this.#forget();
    this.store.clearDraft();
  }

  #arm(session: Session): void {
    clearTimeout(this.#timer);
    const left = Date.parse(session.expiresAt) - Date.now();
    this.#timer = setTimeout(() => this.#expire(), Math.min(Math.max(left, 0), maxDelay));
  }

  /** Once per session: a late refusal from a call started before the end changes nothing more. */
  #expire(): void {
    if (!this.session) return;
    this.#forget();
    this.#onExpired();
  }

  #forget(): void {
    clearTimeout(this.#timer);
    this.session = null;
    this.store.clear();
    this.client.token = null;
  }
}
