import type { HumanCheckSolution, PowChallenge } from './types.js';

/**
 * Solves an ALTCHA proof-of-work challenge with Web Crypto (browsers and Node ≥ 20): finds the
 * number `n` with `hex(SHA-256(salt + n)) === challenge`. Takes a fraction of a second on a
 * phone at the service's default difficulty; no puzzle for the citizen.
 *
 * @example
 * ```ts
 * const challenge = await counter.createChallenge();
 * if (challenge.kind === 'pow') await counter.requestOtp({ phone, challenge: await solveChallenge(challenge) });
 * ```
 */
export async function solveChallenge(challenge: PowChallenge, signal?: AbortSignal): Promise<HumanCheckSolution> {
  const encoder = new TextEncoder();
  const target = challenge.challenge.toLowerCase();
  for (let n = 0; n <= challenge.maxNumber; n++) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    const digest = await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n));
    if (toHex(digest) === target) return { id: challenge.id, answer: String(n) };
  }
  throw new Error('The proof-of-work challenge has no solution.');
}

function toHex(buffer: ArrayBuffer): string {
  let hex = '';
  for (const byte of new Uint8Array(buffer)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
