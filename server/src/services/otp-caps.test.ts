import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CitizenClient, solveChallenge, type PowChallenge } from '@citizen-counter/sdk';
import { rejectsWith } from '../test-support/assertions.js';
import { e164, fetchVia, uniquePhone, useTestServer } from '../test-support/test-server.js';

const solved = async (client: CitizenClient) => solveChallenge((await client.createChallenge()) as PowChallenge);

/**
 * Checks that `retryAfter` is the real wait of a ten-minute window that opened at `since` (a clock
 * reading taken before the first counted send) and is read at `now`: until the oldest send leaves
 * the window — however long the proofs of work took on this machine — never the full window again.
 */
function assertRealWait(retryAfter: unknown, since: number, now: number): void {
  const elapsed = Math.ceil((now - since) / 1000);
  const wait = Number(retryAfter);
  assert.ok(wait >= 600 - elapsed - 1 && wait <= 600, `retryAfter ${wait} after ${elapsed} s`);
}

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
    const firstSent = server().clock.now().getTime();
    for (let i = 0; i < 3; i++) await here.requestOtp({ phone: uniquePhone(), challenge: await solved(here) });
    const atThisOrg = await rejectsWith(here.requestOtp({ phone: uniquePhone(), challenge: await solved(here) }), 'rate_limited', 429);
    assertRealWait(atThisOrg.details['retryAfter'], firstSent, server().clock.now().getTime());
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

/** A citizen client whose calls arrive as if from `address` through the one trusted proxy. */
function clientFrom(baseUrl: string, org: string, address: string): CitizenClient {
  return new CitizenClient({
    baseUrl,
    org,
    fetch: fetchVia(address),
  });
}

let rangeCounter = 0;
/** A new number in a range (all but the last four digits) of its own, unless `range` names one. */
function numberIn(range?: string): string {
  rangeCounter += 1;
  const own = String((process.pid * 100 + rangeCounter) % 1000).padStart(3, '0');
  return `0913${range ?? own}${String(rangeCounter % 10_000).padStart(4, '0')}`;
}

describe('an org past its hourly volume', () => {
  const imageText = 'K7PWX';
  const server = useTestServer({
    configure: (config) => {
      config.trustProxyHops = 1;
      config.otpLimits.perOrgHour = 3;
      config.drawImageCheck = () => ({ text: imageText, svg: '<svg xmlns="http://www.w3.org/2000/svg"/>' });
    },
  });
  const client = (address: string) => clientFrom(server().baseUrl, server().org.id, address);
  const withImage = async (citizen: CitizenClient) => {
    const challenge = await citizen.createChallenge({ kind: 'image' });
    return { id: challenge.id, answer: imageText.toLowerCase() };
  };

  it('should ask numbers that never logged in for the image check, and keep serving everyone', async () => {
    const known = await server().login();
    for (const address of ['203.0.113.31', '198.51.100.31']) {
      const citizen = client(address);
      await citizen.requestOtp({ phone: numberIn(), challenge: await solved(citizen) });
    }
    // Three citizen codes this hour: a newcomer's invisible check is no longer enough, and no SMS goes.
    const newcomer = numberIn();
    const stranger = client('192.0.2.31');
    const refused = await rejectsWith(stranger.requestOtp({ phone: newcomer, challenge: await solved(stranger) }), 'human_check_image_required', 400);
    assert.equal(refused.details['kind'], 'image');
    assert.deepEqual(await server().readSms(e164(newcomer)), []);
    // A citizen who logged in before still gets in with the invisible check.
    server().clock.advance(61_000);
    await known.client.requestOtp({ phone: known.phone, challenge: await solved(known.client) });
    // The newcomer gets in with the image check; so do others: nobody is locked out.
    await stranger.requestOtp({ phone: newcomer, challenge: await withImage(stranger) });
    assert.match(await server().latestCode(e164(newcomer)), /^\d{6}$/);
    for (const address of ['203.0.113.32', '198.51.100.32', '192.0.2.32', '2001:db8:5::1']) {
      await client(address).requestOtp({ phone: numberIn(), challenge: await withImage(client(address)) });
    }
    // A wrong image answer is refused as before.
    const wrong = await stranger.createChallenge({ kind: 'image' });
    await rejectsWith(stranger.requestOtp({ phone: numberIn(), challenge: { id: wrong.id, answer: 'nope1' } }), 'human_check_failed', 400);
    // An hour later the invisible check is enough again.
    server().clock.advance(3601_000);
    await stranger.requestOtp({ phone: numberIn(), challenge: await solved(stranger) });
  });

  it("should take the org's own hourly figure when the operator set one", async () => {
    await server().createOrg('busy-hour', { codesPerHour: 1 });
    const citizen = clientFrom(server().baseUrl, 'busy-hour', '203.0.113.61');
    await citizen.requestOtp({ phone: numberIn(), challenge: await solved(citizen) });
    await rejectsWith(citizen.requestOtp({ phone: numberIn(), challenge: await solved(citizen) }), 'human_check_image_required', 400);
  });
});

describe('code caps per network and per number range', () => {
  const server = useTestServer({
    configure: (config) => {
      config.trustProxyHops = 1;
      config.otpLimits.perAddressBlock = 3;
      config.otpLimits.perPhonePrefix = 2;
    },
  });
  const client = (address: string) => clientFrom(server().baseUrl, server().org.id, address);
  const ask = async (address: string, phone = numberIn()) => client(address).requestOtp({ phone, challenge: await solved(client(address)) });

  it('should cap a /24 however its addresses are spread, with the real wait, and not its neighbours', async () => {
    const firstSent = server().clock.now().getTime();
    for (const address of ['203.0.113.41', '203.0.113.42', '::ffff:203.0.113.43']) await ask(address);
    const refused = await rejectsWith(ask('203.0.113.44'), 'rate_limited', 429);
    assertRealWait(refused.details['retryAfter'], firstSent, server().clock.now().getTime());
    await ask('203.0.114.41');
    // An IPv6 customer's /56 is one network too.
    for (const address of ['2001:db8:7:100::1', '2001:db8:7:1ff::2', '2001:db8:7:150:abcd::3']) await ask(address);
    await rejectsWith(ask('2001:db8:7:1aa::4'), 'rate_limited', 429);
    await ask('2001:db8:7:200::1');
  });

  it('should cap a range of ten thousand numbers at the org, and not the next range', async () => {
    const firstSent = server().clock.now().getTime();
    await ask('192.0.2.51', numberIn('555'));
    await ask('198.51.100.51', numberIn('555'));
    const refused = await rejectsWith(ask('100.64.3.51', numberIn('555')), 'otp_rate_limited', 429);
    assertRealWait(refused.details['retryAfter'], firstSent, server().clock.now().getTime());
    await ask('100.64.4.52', numberIn('556'));
  });

  it('should let exactly three of twenty simultaneous sends from one network through', async () => {
    const addresses = Array.from({ length: 20 }, (_, i) => `198.18.7.${i + 1}`);
    const challenges = await Promise.all(addresses.map((address) => solved(client(address))));
    const outcomes = await Promise.allSettled(addresses.map((address, i) => client(address).requestOtp({ phone: numberIn(), challenge: challenges[i]! })));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'ok'));
    assert.deepEqual([codes.filter((code) => code === 'ok').length, codes.filter((code) => code === 'rate_limited').length], [3, 17]);
  });
});
