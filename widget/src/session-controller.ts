import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { CitizenClient, type Session } from '@citizen-counter/sdk';
import { ExpiryTimer } from './expiry-timer.js';
import { SessionStore } from './session-store.js';

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
  readonly #timer: ExpiryTimer;

  constructor(host: ReactiveControllerHost & HTMLElement, onExpired: () => void) {
    this.#onExpired = onExpired;
    this.#timer = new ExpiryTimer(host, () => this.#expire());
    host.addController(this);
  }

  /** Re-arms the timer when the shell is put back into a page. */
  hostConnected(): void {
    if (this.session) this.#timer.arm(this.session.expiresAt);
  }

  /** A detached shell keeps no timer running. */
  hostDisconnected(): void {
    this.#timer.stop();
  }

  /** Points at one org on one service; returns the login this tab kept for it, if still valid. */
  connect(api: string, org: string): Session | null {
    this.#timer.stop();
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
    this.#timer.arm(session.expiresAt);
  }

  /** Logs out on the server (best effort) and forgets the session and the draft. */
  async logout(): Promise<void> {
    this.#timer.stop();
    try {
      await this.client.logout();
    } catch {
      // Logging out locally is what matters; the server forgets the session at its expiry anyway.
    }
    this.#forget();
    this.store.clearDraft();
  }

  /** Once per session: a late refusal from a call started before the end changes nothing more. */
  #expire(): void {
    if (!this.session) return;
    this.#forget();
    this.#onExpired();
  }

  #forget(): void {
    this.#timer.stop();
    this.session = null;
    this.store.clear();
    this.client.token = null;
  }
}
