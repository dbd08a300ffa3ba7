import type { StaffRequest } from '@citizen-counter/sdk';
import type { InternalEvents } from '../events.js';

/** The events the desk's views send its shell. */
export interface DeskEvents {
  /** Show this request (its id) in the request pane. */
  'open-request': string;
  /**
   * A request changed: refresh it in the queue; `action` is the step this clerk took (then the
   * desk goes on to the next request), absent when someone else changed it first.
   */
  'request-changed': { request: StaffRequest; action?: string };
}

/** Everything the desk shell hears: the login views' events and its own. */
export type DeskShellEvents = Pick<InternalEvents, 'otp-sent' | 'change-phone' | 'logged-in'> & DeskEvents;

/** Sends an event to the desk shell only (bubbling inside its shadow root, never composed out of it). */
export function deskNotify<K extends keyof DeskEvents>(target: EventTarget, name: K, detail: DeskEvents[K]): void {
  target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
}
