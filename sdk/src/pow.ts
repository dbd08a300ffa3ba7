import type { HumanCheckSolution, PowChallenge } from './types.js';

/**
 * Solves an ALTCHA proof-of-work challenge with Web Crypto (browsers and Node ≥ 20): finds the
 * number `n` with `hex(SHA-256(salt + n)) === challenge`. Takes a fraction of a second on a
 * phone at the service's default difficulty; no puzzle for the citizen. It works in slices of at
 * most about 12 ms, letting other work run between them; in a browser, a Web Worker keeps it off
 * the page entirely (the widget does so).
 *
 * @example
 * ```ts
 * const challenge = await counter.createChallenge();
 * if (challenge.kind === 'pow') await counter.requestOtp({ phone, challenge: await solveChallenge(challenge) });
 * ```
 */
export async function solveChallenge(challenge: PowChallenge, signal?: AbortSignal): Promise<HumanCheckSolution> {
  // Self-contained (no helper outside this function): a page may run its source text in a Worker.
  const encoder = new TextEncoder();
  const target = challenge.challenge.toLowerCase();
  let sliceStart = Date.now();
  for (let n = 0; n <= challenge.maxNumber; n++) {
    if (signal?.aborted) throw signal.reason ?? new Error('aborted');
    // On a page, no slice of work longer than a frame: whatever else the page does goes on.
    if (Date.now() - sliceStart > 12) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
    let hex = '';
    for (const byte of new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(challenge.salt + n)))) hex += byte.toString(16).padStart(2, '0');
    if (hex === target) return { id: challenge.id, answer: String(n) };
  }
  throw new Error('The proof-of-work challenge has no solution.');
}
