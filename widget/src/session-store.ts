import type { Session } from '@citizen-counter/sdk';

/** What the submit form keeps so an expired login does not cost the citizen their typing. */
export interface Draft {
  fullName: string;
  subject: string;
  unitId: string;
}

/**
 * The login and the submit draft of one org at one API, kept in `sessionStorage`: they last as long
 * as the browser tab, are never shared with another org, and are gone on logout.
 */
export class SessionStore {
  readonly #key: string;

  constructor(api: string, org: string) {
    this.#key = `citizen-counter:${api}|${org}`;
  }

  /** The saved session, or `null` when there is none or it has passed its expiry. */
  load(): Session | null {
    const session = this.#read<Session>('session');
    if (!session || Date.parse(session.expiresAt) <= Date.now()) {
      this.clear();
      return null;
    }
    return session;
  }

  save(session: Session): void {
    this.#write('session', session);
  }

  clear(): void {
    this.#write('session', null);
  }

  loadDraft(): Draft | null {
    return this.#read<Draft>('draft');
  }

  saveDraft(draft: Draft): void {
    this.#write('draft', draft);
  }

  clearDraft(): void {
    this.#write('draft', null);
  }

  #read<T>(part: string): T | null {
    try {
      const raw = sessionStorage.getItem(`${this.#key}:${part}`);
      return raw ? (JSON.parse(raw) as T) : null;
    } catch {
      // Storage can be blocked (sandboxed frames, privacy modes); the widget then forgets on reload.
      return null;
    }
  }

  #write(part: string, value: unknown): void {
    try {
      if (value === null) sessionStorage.removeItem(`${this.#key}:${part}`);
      else sessionStorage.setItem(`${this.#key}:${part}`, JSON.stringify(value));
    } catch {
      // See #read: without storage the login simply lasts as long as the page.
    }
  }
}
