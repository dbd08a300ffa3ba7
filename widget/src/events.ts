import type { CitizenRequest, ErrorCode, OtpRequestResult, Session, StaffSession } from '@citizen-counter/sdk';

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

/** A view of the counter, as `cc-view` names it. */
export type CcView = 'loading' | 'unavailable' | 'login' | 'code' | 'submit' | 'requests' | 'receipt' | 'detail';

/** `cc-view` detail: the view the counter now shows. */
export interface CcViewDetail {
  view: CcView;
}

/** `cc-reply` detail: how many of the citizen's requests have a reply the citizen has not opened. */
export interface CcReplyDetail {
  count: number;
}

/** `cd-login` detail: the staff member who logged into the desk and their role. */
export interface CdLoginDetail {
  id: string;
  role: string;
}

/** `cd-action` detail: a request the desk changed, the step taken and the status it is in now. */
export interface CdActionDetail {
  id: string;
  action: string;
  status: string;
}

/** The public events and their details: what the host page can listen to. */
export interface CcEventDetails {
  'cc-login': CcLoginDetail;
  'cc-submit': CcSubmitDetail;
  'cc-logout': Record<string, never>;
  'cc-error': CcErrorDetail;
  'cc-ready': Record<string, never>;
  'cc-view': CcViewDetail;
  'cc-reply': CcReplyDetail;
  'cd-login': CdLoginDetail;
  'cd-logout': Record<string, never>;
  'cd-action': CdActionDetail;
}

declare global {
  interface HTMLElementEventMap {
    'cc-login': CustomEvent<CcLoginDetail>;
    'cc-submit': CustomEvent<CcSubmitDetail>;
    'cc-logout': CustomEvent<Record<string, never>>;
    'cc-error': CustomEvent<CcErrorDetail>;
    'cc-ready': CustomEvent<Record<string, never>>;
    'cc-view': CustomEvent<CcViewDetail>;
    'cc-reply': CustomEvent<CcReplyDetail>;
    'cd-login': CustomEvent<CdLoginDetail>;
    'cd-logout': CustomEvent<Record<string, never>>;
    'cd-action': CustomEvent<CdActionDetail>;
  }
}

/** Dispatches a public event: bubbling and composed, so it leaves the shadow roots and reaches the page. */
export function emit<K extends keyof CcEventDetails>(target: EventTarget, name: K, detail: CcEventDetails[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

/** `otp-sent` detail: the number the code went to and the server's answer (lengths, times). */
export interface OtpSentDetail {
  phone: string;
  otp: OtpRequestResult;
}

/**
 * The events a view sends its shell, with their details. They are the views' whole vocabulary:
 * {@link notify} only sends these names and {@link listen} makes the shell handle every one.
 */
export interface InternalEvents {
  /** The login view sent a code. */
  'otp-sent': OtpSentDetail;
  /** Back to the login view; the detail, if any, says why (a spent code). */
  'change-phone': string | undefined;
  /** The code was right: the new session (a citizen's, or a staff member's in the desk). */
  'logged-in': Session | StaffSession;
  /** A request was registered: the request as stored. */
  submitted: CitizenRequest;
  /** "Latest status" of the request with this id. */
  'open-request': string;
  /** From the receipt: to the list of requests. */
  'show-requests': undefined;
  /** From the receipt or the list: to the form. */
  'new-request': undefined;
  /** From a request's detail: back to the list. */
  back: undefined;
  /** The citizen deleted their account: the session is over. */
  'account-deleted': undefined;
}

/** A detail that may be `undefined` may be left out. */
type DetailArgs<T> = undefined extends T ? [detail?: T] : [detail: T];

/**
 * Dispatches an event meant only for the shell. It bubbles so the shell can hear it on its shadow
 * root, but is not composed: it never leaves that root, so the page never sees it.
 */
export function notify<K extends keyof InternalEvents>(target: EventTarget, name: K, ...[detail]: DetailArgs<InternalEvents[K]>): void {
  const init: CustomEventInit<unknown> = { detail, bubbles: true };
  target.dispatchEvent(new CustomEvent(name, init));
}

/** One handler per event of a shell's vocabulary `M`, given the event's detail. */
export type InternalHandlers<M = InternalEvents> = { [K in keyof M]: (detail: M[K]) => void };

/**
 * Handles every event of a shell's vocabulary that reaches `root` (the shell's shadow root): the
 * citizen shell all of {@link InternalEvents}, the desk the login views' and its own.
 */
export function listen<M = InternalEvents>(root: EventTarget, handlers: InternalHandlers<NoInfer<M>>): void {
  for (const [name, handler] of Object.entries(handlers)) {
    // Only `notify` sends these names, and it types each detail by the same map.
    root.addEventListener(name, (event) => (handler as (detail: unknown) => void)((event as CustomEvent).detail));
  }
}
