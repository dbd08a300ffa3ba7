import type { ErrorCode } from '@citizen-counter/sdk';

/** `cc-submit` detail: the new request's id and its tracking code (کد رهگیری). */
export interface CcSubmitDetail {
  id: string;
  trackingCode: string;
}

/** `cc-login` detail: the citizen's phone in E.164 form. */
export interface CcLoginDetail {
  phone: string;
}

/** `cc-error` detail: the API's stable code, or `network_error` when the service was unreachable. */
export interface CcErrorDetail {
  code: ErrorCode | 'network_error';
}

declare global {
  interface HTMLElementEventMap {
    'cc-login': CustomEvent<CcLoginDetail>;
    'cc-submit': CustomEvent<CcSubmitDetail>;
    'cc-logout': CustomEvent<Record<string, never>>;
    'cc-error': CustomEvent<CcErrorDetail>;
  }
}

/** Dispatches a public event: bubbling and composed, so it leaves the shadow roots and reaches the page. */
export function emit<K extends 'cc-login' | 'cc-submit' | 'cc-logout' | 'cc-error'>(
  target: EventTarget,
  name: K,
  detail: HTMLElementEventMap[K]['detail'],
): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** Dispatches an event meant only for the parent shell: it neither bubbles nor leaves the shadow root. */
export function notify<T>(target: EventTarget, name: string, detail?: T): void {
  target.dispatchEvent(new CustomEvent(name, { detail }));
}
