import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { solveChallenge } from './pow.js';
import type { PowChallenge } from './types.js';

function challengeFor(number: number, maxNumber: number): PowChallenge {
  const salt = 'abc123?expires=9999999999&';
  return {
    kind: 'pow',
    id: 'c1',
    algorithm: 'SHA-256',
    challenge: createHash('sha256').update(`${salt}${number}`).digest('hex'),
    salt,
    signature: 'unused-by-the-solver',
    maxNumber,
    expiresAt: new Date(Date.now() + 600_000).toISOString(),
  };
}

describe('solveChallenge(challenge)', () => {
  it('should find the number whose hash is the challenge', async () => {
    assert.deepEqual(await solveChallenge(challengeFor(4321, 10_000)), { id: 'c1', answer: '4321' });
  });

  it('should fail when no number up to maxNumber fits', async () => {
    await assert.rejects(solveChallenge(challengeFor(500, 100)), /no solution/);
  });
});
