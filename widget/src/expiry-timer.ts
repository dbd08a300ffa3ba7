import type { ReactiveControllerHost } from 'lit';

/** setTimeout overflows past ~24.8 days; sessions are far shorter, the cap only guards the edge. */
const maxDelay = 2 ** 31 - 1;

/**
 * The end of a login, for the citizen counter's and the desk's session controllers: a timer set to
 * the session's expiry, and the service's word when it comes first (a call answered
 * `session_expired` or `unauthorized`, reported as `cc-error` on the host). Either way `onEnd` runs.
 */
export class ExpiryTimer {
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost & HTMLElement, onEnd: () => void) {
    this.onEnd = onEnd;
    host.addEventListener('cc-error', (event) => {
      if (event.detail.code === 'session_expired' || event.detail.code === 'unauthorized') this.onEnd();
    });
  }

  /** What runs at the end. */
  readonly onEnd: () => void;

  /** Sets the timer to an expiry (ISO 8601), replacing any earlier one. */
  arm(expiresAt: string): void {
    this.stop();
    this.#timer = setTimeout(this.onEnd, Math.min(Math.max(Date.parse(expiresAt) - Date.now(), 0), maxDelay));
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
