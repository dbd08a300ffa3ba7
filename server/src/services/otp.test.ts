import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { solveChallenge, type CitizenClient, type PowChallenge } from '@citizen-counter/sdk';
import { e164, uniquePhone, useTestServer } from '../test-support/test-server.js';
import { rejectsWith } from '../test-support/assertions.js';

async function solved(client: CitizenClient) {
  const challenge = (await client.createChallenge()) as PowChallenge;
  return solveChallenge(challenge);
}

describe('one-time codes', () => {
  const server = useTestServer({ settings: { otp: { ttlSeconds: 120 } } });

  it('should answer the same for a new and a known number and send a 6-digit code', async () => {
    const client = server().citizenClient();
    const known = await server().login();
    server().clock.advance(61_000);
    const phone = uniquePhone();
    const first = await client.requestOtp({ phone, challenge: await solved(client) });
    const second = await client.requestOtp({ phone: known.phone, challenge: await solved(client) });
    assert.deepEqual(Object.keys(first).sort(), Object.keys(second).sort());
    assert.equal(first.phone, e164(phone));
    assert.equal(first.codeLength, 6);
    assert.match(await server().latestCode(e164(phone)), /^\d{6}$/);
  });

  it('should accept every usual phone form and refuse others', async () => {
    const client = server().citizenClient();
    for (const form of ['+989131234567', '00989141234567', '9151234567', '٠٩١٦١٢٣٤٥٦٧', '0917-123 4567']) {
      const result = await client.requestOtp({ phone: form, challenge: await solved(client) });
      assert.match(result.phone, /^\+989\d{9}$/);
    }
    await rejectsWith(client.requestOtp({ phone: '12345', challenge: await solved(client) }), 'phone_invalid', 400);
    await rejectsWith(client.requestOtp({ phone: '+14155550100', challenge: await solved(client) }), 'country_not_allowed', 400);
  });

  it('should make each human check single use and check its answer', async () => {
    const client = server().citizenClient();
    const challenge = (await client.createChallenge()) as PowChallenge;
    const solution = await solveChallenge(challenge);
    await rejectsWith(
      client.requestOtp({ phone: uniquePhone(), challenge: { id: challenge.id, answer: String((Number(solution.answer) + 1) % 50_000) } }),
      'human_check_failed',
      400,
    );
    await rejectsWith(client.requestOtp({ phone: uniquePhone(), challenge: solution }), 'human_check_expired', 400);
    const fresh = await solved(client);
    await client.requestOtp({ phone: uniquePhone(), challenge: fresh });
    await rejectsWith(client.requestOtp({ phone: uniquePhone(), challenge: fresh }), 'human_check_expired', 400);
    const late = await solved(client);
    server().clock.advance(11 * 60 * 1000);
    await rejectsWith(client.requestOtp({ phone: uniquePhone(), challenge: late }), 'human_check_expired', 400);
    await rejectsWith(client.requestOtp({ phone: uniquePhone(), challenge: { id: 'nope', answer: '1' } }), 'human_check_failed', 400);
  });

  it('should expire a code after the org ttl', async () => {
    const client = server().citizenClient();
    const phone = uniquePhone();
    await client.requestOtp({ phone, challenge: await solved(client) });
    const code = await server().latestCode(e164(phone));
    server().clock.advance(121_000);
    await rejectsWith(client.login({ phone, code }), 'otp_expired', 400);
  });

  it('should refuse a used code', async () => {
    const { phone } = await server().login();
    const code = await server().latestCode(e164(phone));
    await rejectsWith(server().citizenClient().login({ phone, code }), 'otp_used', 400);
  });

  it('should kill a code after 5 wrong tries', async () => {
    const client = server().citizenClient();
    const phone = uniquePhone();
    await client.requestOtp({ phone, challenge: await solved(client) });
    const code = await server().latestCode(e164(phone));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await rejectsWith(client.login({ phone, code: wrong }), 'otp_invalid', 400);
    await rejectsWith(client.login({ phone, code }), 'otp_attempts_exceeded', 400);
  });

  it('should answer a wrong code alike whether the phone has no code, a live one, or a spent one', async () => {
    const client = server().citizenClient();
    const answer = async (phone: string, code: string) => {
      const response = await fetch(`${server().baseUrl}/v1/orgs/test-org/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ phone, code }),
      });
      return { status: response.status, body: await response.json() };
    };
    const never = uniquePhone();
    const live = uniquePhone();
    await client.requestOtp({ phone: live, challenge: await solved(client) });
    const liveCode = await server().latestCode(e164(live));
    const { phone: used } = await server().login();
    const expired = uniquePhone();
    await client.requestOtp({ phone: expired, challenge: await solved(client) });
    const expiredCode = await server().latestCode(e164(expired));
    server().clock.advance(301_000);
    await client.requestOtp({ phone: live, challenge: await solved(client) }).catch(() => undefined);
    const liveNow = await server().latestCode(e164(live));
    const wrong = (right: string) => (right === '000000' ? '111111' : '000000');

    const expected = { status: 400, body: { error: { code: 'otp_invalid', message: 'The code is wrong.', details: {} } } };
    for (const [phone, right] of [[never, '123456'], [live, liveNow], [used, '123456'], [expired, expiredCode]] as const) {
      assert.deepEqual(await answer(phone, wrong(right)), expected, phone);
    }
    // Whoever has the right code learns why it no longer works.
    assert.equal((await answer(expired, expiredCode)).body.error.code, 'otp_expired');
    assert.notEqual(liveCode, undefined);
  });

  it('should check no more than 5 guesses when they arrive at once', async () => {
    const client = server().citizenClient();
    const phone = uniquePhone();
    await client.requestOtp({ phone, challenge: await solved(client) });
    const code = await server().latestCode(e164(phone));
    const guesses = Array.from({ length: 12 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, '0'));
    const outcomes = await Promise.allSettled(guesses.map((guess) => client.login({ phone, code: guess })));
    const codes = outcomes.map((outcome) => (outcome.status === 'rejected' ? (outcome.reason as { code?: string }).code : 'accepted'));
    assert.deepEqual(codes, guesses.map(() => 'otp_invalid'));
    const row = await server().app.db.models.OtpCode.findOne({ where: { phone: e164(phone) }, order: [['createdAt', 'DESC']] });
    assert.equal(row?.attempts, 5);
    await rejectsWith(client.login({ phone, code }), 'otp_attempts_exceeded', 400);
  });

  it('should keep a 60 s cooldown and at most 5 sends per 10 minutes', async () => {
    const client = server().citizenClient();
    const phone = uniquePhone();
    const sent = await client.requestOtp({ phone, challenge: await solved(client) });
    server().clock.advance(5_000);
    const cooldown = await rejectsWith(client.requestOtp({ phone, challenge: await solved(client) }), 'otp_cooldown', 429);
    assert.ok(Number(cooldown.details['retryAfter']) > 0 && Number(cooldown.details['retryAfter']) <= 55);
    // The code already sent, as its own answer gave it: a citizen asking again goes on to type it.
    assert.deepEqual({ ...cooldown.details, retryAfter: undefined }, { ...sent, retryAfter: undefined });
    for (let i = 0; i < 4; i++) {
      server().clock.advance(61_000);
      await client.requestOtp({ phone, challenge: await solved(client) });
    }
    server().clock.advance(61_000);
    const capped = await rejectsWith(client.requestOtp({ phone, challenge: await solved(client) }), 'otp_rate_limited', 429);
    assert.ok(Number(capped.details['retryAfter']) > 0);
    assert.equal((await server().readSms(e164(phone))).length, 5);
    server().clock.advance(10 * 60 * 1000);
    await client.requestOtp({ phone, challenge: await solved(client) });
  });

  it('should send one code when several sends to one phone arrive at once', async () => {
    server().clock.advance(11 * 60 * 1000);
    const client = server().citizenClient();
    const phone = uniquePhone();
    const challenges = await Promise.all(Array.from({ length: 6 }, () => solved(client)));
    const outcomes = await Promise.allSettled(challenges.map((challenge) => client.requestOtp({ phone, challenge })));
    assert.equal(outcomes.filter((outcome) => outcome.status === 'fulfilled').length, 1);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') assert.equal((outcome.reason as { code?: string }).code, 'otp_cooldown');
    }
    // The outbox delivers after the answer: wait for the one SMS, then give a second one time to appear.
    await server().latestCode(e164(phone));
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal((await server().readSms(e164(phone))).length, 1);
  });

  it('should cap sends per address', async () => {
    server().config.otpLimits.perIp = 3;
    try {
      server().clock.advance(11 * 60 * 1000);
      const client = server().citizenClient();
      for (let i = 0; i < 3; i++) await client.requestOtp({ phone: uniquePhone(), challenge: await solved(client) });
      await rejectsWith(client.requestOtp({ phone: uniquePhone(), challenge: await solved(client) }), 'rate_limited', 429);
    } finally {
      server().config.otpLimits.perIp = 100_000;
    }
  });

  it('should refuse bad bodies with 4xx codes', async () => {
    const post = (body: string) =>
      fetch(`${server().baseUrl}/v1/orgs/test-org/otp`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    for (const [body, code] of [
      ['{"phone":', 'invalid_json'],
      ['{}', 'field_required'],
      ['{"phone":"09121234567"}', 'field_required'],
      ['[1,2]', 'invalid_input'],
      ['{"phone":5,"challenge":{}}', 'field_required'],
    ] as const) {
      const response = await post(body);
      assert.equal(response.status, 400, body);
      assert.equal(((await response.json()) as { error: { code: string } }).error.code, code, body);
    }
    const sessions = await fetch(`${server().baseUrl}/v1/orgs/test-org/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ phone: '09121234567' }),
    });
    assert.equal(sessions.status, 400);
  });
});
