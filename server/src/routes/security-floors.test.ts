import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { solveChallenge, type OrgSettingsPatch, type PowChallenge, type StaffClient } from '@citizen-counter/sdk';
import { parsePhone } from '../services/phone.js';
import { rejectsWith } from '../test-support/assertions.js';
import { useTestServer } from '../test-support/test-server.js';

describe("the login's floors belong to the operator", () => {
  const server = useTestServer();
  let staff: StaffClient;

  before(async () => {
    staff = await server().staff();
  });

  it("should refuse an org admin's change of code length, code lifetime, countries or hourly codes, and change nothing", async () => {
    const before = (await staff.getOrg()).settings;
    const attempts: [OrgSettingsPatch, string][] = [
      [{ otp: { length: 4 } }, 'otp.length'],
      [{ otp: { length: 8 } }, 'otp.length'],
      [{ otp: { ttlSeconds: 600 } }, 'otp.ttlSeconds'],
      [{ allowedCountryCodes: ['98', '1'] }, 'allowedCountryCodes'],
      [{ rules: { maxFileBytes: 2048 }, allowedCountryCodes: ['44'] }, 'allowedCountryCodes'],
      [{ codesPerHour: 1_000_000 }, 'codesPerHour'],
    ];
    for (const [patch, field] of attempts) {
      const error = await rejectsWith(staff.updateSettings(patch), 'forbidden', 403);
      assert.equal(error.details['field'], field);
    }
    assert.deepEqual((await staff.getOrg()).settings, before);
    // What is the org's own stays the org's.
    assert.equal((await staff.updateSettings({ otp: { resendSeconds: 90 } })).settings.otp.resendSeconds, 90);
  });

  it('should let the operator set them', async () => {
    const org = await server().admin.updateOrg('test-org', { settings: { otp: { length: 5, ttlSeconds: 120 }, allowedCountryCodes: ['98', '44'], codesPerHour: 5000 } });
    assert.deepEqual([org.settings.otp.length, org.settings.otp.ttlSeconds, org.settings.allowedCountryCodes, org.settings.codesPerHour], [5, 120, ['98', '44'], 5000]);
    const back = await server().admin.updateOrg('test-org', { settings: { otp: { length: 6, ttlSeconds: 300 }, allowedCountryCodes: ['98'], codesPerHour: null } });
    assert.equal(back.settings.codesPerHour, null);
  });

  it('should refuse a number of another country before any SMS, matching whole calling codes', async () => {
    const citizen = server().citizenClient();
    const challenge = (await citizen.createChallenge()) as PowChallenge;
    const solved = await solveChallenge(challenge);
    const sentBefore = (await (await fetch(`${server().baseUrl}/dev/sms?org=test-org`)).json()).items.length;
    await rejectsWith(citizen.requestOtp({ phone: '+447911123456', challenge: solved }), 'country_not_allowed', 400);
    assert.equal((await (await fetch(`${server().baseUrl}/dev/sms?org=test-org`)).json()).items.length, sentBefore);

    // "9" is not a prefix of every +9x code: it is the (unused) code 9 and admits nobody.
    assert.deepEqual(parsePhone('+989121234567', ['9']), { ok: false, reason: 'country' });
    assert.deepEqual(parsePhone('+919812345678', ['9']), { ok: false, reason: 'country' });
    assert.deepEqual(parsePhone('+989121234567', ['98']), { ok: true, e164: '+989121234567' });
    assert.deepEqual(parsePhone('+9647712345678', ['98']), { ok: false, reason: 'country' });
  });
});
