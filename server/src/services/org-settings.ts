import type { HumanCheckKind, Locale, OrgSettings, OrgSettingsPatch } from '@citizen-counter/sdk';
import { invalidInput } from '../errors/app-error.js';

/** The settings of a new org: the figures the seeds describe. */
export function defaultSettings(): OrgSettings {
  return {
    rules: {
      maxFileBytes: 1_048_576,
      allowedExtensions: ['pdf', 'doc', 'docx', 'jpg', 'jpeg', 'png', 'tiff', 'zip'],
      maxFullNameLength: 200,
      maxSubjectLength: 200,
    },
    otp: { length: 6, ttlSeconds: 300, resendSeconds: 60 },
    humanCheck: 'pow',
    defaultLocale: 'fa',
    allowedCountryCodes: ['98'],
    allowedOrigins: [],
    smsLocale: 'fa',
  };
}

/** Reads stored settings text, filling in anything a later version added. */
export function parseSettings(text: string): OrgSettings {
  const stored = JSON.parse(text) as OrgSettingsPatch;
  return mergeSettings(defaultSettings(), stored);
}

/** Applies a patch (nested objects merged) after checking every value; bad values → 400. */
export function applySettingsPatch(current: OrgSettings, patch: unknown): OrgSettings {
  if (patch === undefined) return current;
  if (!isObject(patch)) throw invalidInput('settings must be an object.', { field: 'settings' });
  const next = mergeSettings(current, patch as OrgSettingsPatch);
  validateSettings(next);
  return next;
}

function mergeSettings(base: OrgSettings, patch: OrgSettingsPatch): OrgSettings {
  return {
    ...base,
    ...pick(patch, ['humanCheck', 'defaultLocale', 'allowedCountryCodes', 'allowedOrigins', 'smsLocale']),
    rules: { ...base.rules, ...(isObject(patch.rules) ? patch.rules : {}) },
    otp: { ...base.otp, ...(isObject(patch.otp) ? patch.otp : {}) },
  };
}

function pick(patch: OrgSettingsPatch, keys: (keyof OrgSettings)[]): Partial<OrgSettings> {
  const picked: Record<string, unknown> = {};
  for (const key of keys) if (patch[key] !== undefined) picked[key] = patch[key];
  return picked as Partial<OrgSettings>;
}

function validateSettings(settings: OrgSettings): void {
  const { rules, otp } = settings;
  integer('rules.maxFileBytes', rules.maxFileBytes, 1, 50 * 1_048_576);
  integer('rules.maxFullNameLength', rules.maxFullNameLength, 1, 1000);
  integer('rules.maxSubjectLength', rules.maxSubjectLength, 1, 1000);
  stringList('rules.allowedExtensions', rules.allowedExtensions, /^[a-z0-9]{1,10}$/);
  integer('otp.length', otp.length, 4, 8);
  integer('otp.ttlSeconds', otp.ttlSeconds, 30, 600);
  integer('otp.resendSeconds', otp.resendSeconds, 10, 600);
  oneOf<HumanCheckKind>('humanCheck', settings.humanCheck, ['pow', 'image']);
  oneOf<Locale>('defaultLocale', settings.defaultLocale, ['fa', 'en']);
  oneOf<Locale>('smsLocale', settings.smsLocale, ['fa', 'en']);
  stringList('allowedCountryCodes', settings.allowedCountryCodes, /^[1-9]\d{0,3}$/);
  stringList('allowedOrigins', settings.allowedOrigins, /^https?:\/\/[^/\s]+$/);
}

function integer(field: string, value: unknown, min: number, max: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidInput(`${field} must be an integer from ${min} to ${max}.`, { field, min, max });
  }
}

function oneOf<T extends string>(field: string, value: unknown, allowed: T[]): void {
  if (!allowed.includes(value as T)) throw invalidInput(`${field} must be one of ${allowed.join(', ')}.`, { field, allowed });
}

function stringList(field: string, value: unknown, pattern: RegExp): void {
  if (!Array.isArray(value) || value.length > 100 || !value.every((item) => typeof item === 'string' && pattern.test(item))) {
    throw invalidInput(`${field} must be a list of values matching ${pattern.source}.`, { field });
  }
}

/** `true` for a plain object. */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
