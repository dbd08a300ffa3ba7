import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrgSettings } from '@citizen-counter/sdk';
import { OrgSettingsPatchSchema } from '@citizen-counter/sdk/schemas';
import { isAppError } from '../errors/app-error.js';
import { parse } from '../middleware/validate.js';
import { applySettingsPatch, defaultSettings, parseSettings } from './org-settings.js';

/**
 * Asserts that the patch is refused at the edge (the settings patch schema every route and the CLI
 * parse with) with a 400 on `field` — `settings` meaning the patch as a whole.
 */
function assertRefused(patch: unknown, field: string): void {
  assert.throws(
    () => parse(OrgSettingsPatchSchema, patch, { source: 'settings' }),
    (error: unknown) => {
      assert.ok(isAppError(error), String(error));
      assert.equal(error.status, 400);
      assert.ok(['invalid_input', 'field_too_long'].includes(error.code), error.code);
      assert.equal(error.details['field'], field === 'settings' ? undefined : field);
      return true;
    },
    JSON.stringify(patch),
  );
}

describe('applySettingsPatch(current, patch)', () => {
  it('should keep the settings as they are for no patch and an empty one', () => {
    const current = defaultSettings();
    assert.equal(applySettingsPatch(current, undefined), current);
    assert.deepEqual(applySettingsPatch(current, {}), current);
  });

  it('should merge nested rules and otp, and replace lists', () => {
    const current: OrgSettings = { ...defaultSettings(), allowedOrigins: ['https://a.example'] };
    const next = applySettingsPatch(current, {
      rules: { maxFileBytes: 2048 },
      otp: { ttlSeconds: 600 },
      allowedOrigins: ['https://b.example'],
      humanCheck: 'image',
    });
    assert.deepEqual(next, {
      ...current,
      rules: { ...current.rules, maxFileBytes: 2048 },
      otp: { ...current.otp, ttlSeconds: 600 },
      allowedOrigins: ['https://b.example'],
      humanCheck: 'image',
    });
  });

  it('should not change the settings it was given', () => {
    const current = defaultSettings();
    applySettingsPatch(current, { rules: { maxSubjectLength: 10 }, otp: { length: 4 } });
    assert.deepEqual(current, defaultSettings());
  });

  it('should take the bounds themselves', () => {
    const next = applySettingsPatch(defaultSettings(), { otp: { length: 8, ttlSeconds: 30, resendSeconds: 600 }, rules: { maxFileBytes: 50 * 1_048_576 } });
    assert.deepEqual([next.otp.length, next.otp.ttlSeconds, next.otp.resendSeconds], [8, 30, 600]);
  });

  const refused: [unknown, string][] = [
    [[], 'settings'],
    ['fast', 'settings'],
    [{ rules: { maxFileBytes: 0 } }, 'rules.maxFileBytes'],
    [{ rules: { maxFileBytes: 50 * 1_048_576 + 1 } }, 'rules.maxFileBytes'],
    [{ rules: { maxFileBytes: 'big' } }, 'rules.maxFileBytes'],
    [{ rules: { maxSubjectLength: 1.5 } }, 'rules.maxSubjectLength'],
    [{ rules: { maxFullNameLength: 1001 } }, 'rules.maxFullNameLength'],
    [{ rules: { allowedExtensions: ['.pdf'] } }, 'rules.allowedExtensions'],
    [{ rules: { allowedExtensions: 'pdf' } }, 'rules.allowedExtensions'],
    [{ otp: { length: 3 } }, 'otp.length'],
    [{ otp: { ttlSeconds: 601 } }, 'otp.ttlSeconds'],
    [{ otp: { resendSeconds: 9 } }, 'otp.resendSeconds'],
    [{ humanCheck: 'riddle' }, 'humanCheck'],
    [{ defaultLocale: 'de' }, 'defaultLocale'],
    [{ smsLocale: 'ar' }, 'smsLocale'],
    [{ allowedCountryCodes: ['+98'] }, 'allowedCountryCodes'],
    [{ allowedOrigins: ['https://city.example/'] }, 'allowedOrigins'],
    [{ allowedOrigins: ['ftp://city.example'] }, 'allowedOrigins'],
    [{ allowedOrigins: ['https://*.city.example'] }, 'allowedOrigins'],
    [{ allowedOrigins: ['*'] }, 'allowedOrigins'],
    [{ allowedOrigins: Array.from({ length: 101 }, (_, i) => `https://o${i}.example`) }, 'allowedOrigins'],
    [{ register: { prefix: 'x'.repeat(31) } }, 'register.prefix'],
    [{ register: { digits: 'roman' } }, 'register.digits'],
    [{ register: { pattern: `{seq}${'x'.repeat(100)}` } }, 'register.pattern'],
    [{ supplementRounds: 11 }, 'supplementRounds'],
    [{ supplementRounds: -1 }, 'supplementRounds'],
    [{ responseDays: 0 }, 'responseDays'],
    [{ responseDays: 366 }, 'responseDays'],
    [{ calendar: { daysOff: [0, 1, 2, 3, 4, 5, 6] } }, 'calendar.daysOff'],
    [{ calendar: { daysOff: [5, 5] } }, 'calendar.daysOff'],
    [{ calendar: { daysOff: [7] } }, 'calendar.daysOff'],
    [{ calendar: { holidays: ['1405-01-01x'] } }, 'calendar.holidays'],
    [{ calendar: { holidays: ['2026-13-01'] } }, 'calendar.holidays'],
    [{ calendar: { holidays: Array.from({ length: 367 }, (_, i) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10)) } }, 'calendar.holidays'],
  ];
  for (const [patch, field] of refused) {
    it(`should refuse ${JSON.stringify(patch).slice(0, 60)} on ${field}`, () => {
      assertRefused(patch, field);
    });
  }
});

describe('the desk settings', () => {
  it('should merge the register and the calendar, and replace the lists in them', () => {
    const next = applySettingsPatch(defaultSettings(), {
      register: { prefix: 'نمونه', digits: 'persian' },
      calendar: { holidays: ['2026-03-21'] },
      supplementRounds: 0,
      responseDays: 7,
    });
    assert.deepEqual(next.register, { pattern: '{seq}/{year}', prefix: 'نمونه', digits: 'persian', outgoing: false });
    assert.deepEqual(next.calendar, { daysOff: [5], holidays: ['2026-03-21'] });
    assert.equal(next.supplementRounds, 0);
    assert.equal(next.responseDays, 7);
    assert.deepEqual(applySettingsPatch(next, { calendar: { daysOff: [4, 5] } }).calendar, { daysOff: [4, 5], holidays: ['2026-03-21'] });
  });

  for (const pattern of ['{year}', '{seq}/{seq}', '{seq}/{month}', '']) {
    it(`should refuse the pattern "${pattern}" with letter_pattern_invalid`, () => {
      assert.throws(
        () => applySettingsPatch(defaultSettings(), { register: { pattern, prefix: 'x' } }),
        (error: unknown) => {
          assert.ok(isAppError(error), String(error));
          assert.equal(error.status, 400);
          assert.equal(error.code, 'letter_pattern_invalid');
          assert.equal(error.details['field'], 'register.pattern');
          assert.equal(typeof error.details['problem'], 'string');
          return true;
        },
      );
    });
  }
});

describe('parseSettings(text)', () => {
  it('should fill in what stored settings of an older version lack', () => {
    const stored = JSON.stringify({ humanCheck: 'image', rules: { maxFileBytes: 4096 } });
    const settings = parseSettings(stored);
    assert.equal(settings.humanCheck, 'image');
    assert.equal(settings.rules.maxFileBytes, 4096);
    assert.equal(settings.rules.maxSubjectLength, defaultSettings().rules.maxSubjectLength);
    assert.deepEqual(settings.otp, defaultSettings().otp);
    assert.equal(settings.smsLocale, 'fa');
    assert.deepEqual(settings.register, { pattern: '{seq}/{year}', prefix: '', digits: 'latin', outgoing: false });
    assert.deepEqual(settings.calendar, { daysOff: [5], holidays: [] });
    assert.equal(settings.supplementRounds, 2);
    assert.equal(settings.responseDays, 10);
  });
});
