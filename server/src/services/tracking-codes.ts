import { randomInt } from 'node:crypto';
import { normalizeDigits } from '../lib/persian-text.js';

/** How many digits a tracking code has. */
export const trackingCodeLength = 10;

/**
 * Draws a new tracking code: random, ten digits, never starting with 0 (so it survives being read
 * as a number). Not unique by itself: the requests table's unique index catches the rare collision
 * and the caller draws again.
 */
export function newTrackingCode(): string {
  return String(randomInt(10 ** (trackingCodeLength - 1), 10 ** trackingCodeLength));
}

/**
 * A tracking code as a citizen typed it, in the form it is stored: Persian or Arabic-Indic digits
 * become Latin ones and spaces go (people copy it in groups). `null` when nothing is left.
 */
export function normalizeTrackingCode(typed: string): string | null {
  return normalizeDigits(typed).replace(/\s/g, '') || null;
}
