import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solveChallenge, type CitizenClient, type PowChallenge } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { uniquePhone, useTestServer } from '../test-support/test-server.js';

const solved = async (client: CitizenClient) => solveChallenge((await client.createChallenge()) as PowChallenge);

describe('code caps per address', () => {
  const server = useTestServer({
    configure: (config) => {
      config.otpLimits.perIp = 3;
      config.otpLimits.perIpAllOrgs = 5;
    },
  });

  it('should count an address across orgs too, and say the real wait', async () => {
    await server().createOrg('caps-other');
    const here = server().citizenClient();
    const there = server().citizenClient('caps-other');
    for (let i = 0; i < 3; i++) await here.requestOtp({ phone: uniquePhone(), challenge: await solved(here) });
    const atThisOrg = await rejectsWith(here.requestOtp({ phone: uniquePhone(), challenge: await solved(here) }), 'rate_limited', 429);
    assert.ok(Number(atThisOrg.details['retryAfter']) > 590 && Number(atThisOrg.details['retryAfter']) <= 600);
    for (let i = 0; i < 2; i++) await there.requestOtp({ phone: uniquePhone(), challenge: await solved(there) });
    // Five from this address in all: the other org refuses the sixth though it saw only two.
    await rejectsWith(there.requestOtp({ phone: uniquePhone(), challenge: await solved(there) }), 'rate_limited', 429);
    // Ten minutes later the window has moved on.
    server().clock.advance(601_000);
    await there.requestOtp({ phone: uniquePhone(), challenge: await solved(there) });
  });
});

describe('code caps under concurrency', () => {
  const server = useTestServer({ configure: (config) => (config.otpLimits.perIp = 30) });

  it('should let exactly 30 of 100 simultaneous sends from one address through', async () => {
    const client = server().citizenClient();
    const challenges = await Promise.all(Array.from({ length: 100 }, () => solved(client)));
    const outcomes = await Promise.allSettled(challenges.map((challenge) => client.requestOtp({ phone: uniquePhone(), challenge })));
    const passed = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected' && (outcome.reason as { code?: string }).code === 'rate_limited').length;
    assert.deepEqual([passed, refused], [30, 70]);
  });
});
