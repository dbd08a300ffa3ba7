import type { OrgSettings, OrgSettingsPatch } from '@citizen-counter/sdk';
import { letterPatternInvalid } from '../errors/catalogue.js';
import { defaultLetterPattern, patternProblem } from './letter-register.js';

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
    register: { pattern: defaultLetterPattern, prefix: '', digits: 'latin', outgoing: false },
    // Two rounds of نقص مدارک, as e-government practice has it.
    supplementRounds: 2,
    calendar: { daysOff: [5], holidays: [] },
    responseDays: 10,
    // The service's OTP_PER_ORG.
    codesPerHour: null,
    logoUrl: null,
    notifications: { submitted: true, replied: true, documentsRequested: true, approved: true, rejected: true },
    // One appeal within 30 days: a rejection must state a remedy, and one second look is the usual one.
    appeals: { rounds: 1, days: 30 },
    // Files are the org's record until its operator decides otherwise.
    retention: { days: null },
  };
}

/**
 * The settings that hold the login's floors: how many digits a code has, how long it lives, and
 * which countries' numbers may get one (and so where SMS money goes), and how many codes an hour the
 * org sends before newcomers need the image check. The operator sets them (admin
 * API, CLI); an org's own admins may not, so a compromised or careless org account cannot make its
 * codes guessable or send codes abroad.
 */
const operatorOnly: [field: string, isSet: (patch: OrgSettingsPatch) => boolean][] = [
  ['otp.length', (patch) => patch.otp?.length !== undefined],
  ['otp.ttlSeconds', (patch) => patch.otp?.ttlSeconds !== undefined],
  ['allowedCountryCodes', (patch) => patch.allowedCountryCodes !== undefined],
  ['codesPerHour', (patch) => patch.codesPerHour !== undefined],
];

/** The first operator-only setting a staff patch tries to change, or `null`. */
export function operatorOnlySetting(patch: OrgSettingsPatch | undefined): string | null {
  if (!patch) return null;
  return operatorOnly.find(([, isSet]) => isSet(patch))?.[0] ?? null;
}

/** Reads stored settings text, filling in anything a later version added. */
export function parseSettings(text: string): OrgSettings {
  const stored = JSON.parse(text) as OrgSettingsPatch;
  return mergeSettings(defaultSettings(), stored);
}

/**
 * Applies a patch, nested objects merged. The patch was parsed with `OrgSettingsPatchSchema`, whose
 * bounds are those of the settings, so the merge of valid settings and a valid patch is valid; a
 * numbering pattern the register cannot fill is 400 `letter_pattern_invalid`, before anything changes.
 */
export function applySettingsPatch(current: OrgSettings, patch: OrgSettingsPatch | undefined): OrgSettings {
  if (patch === undefined) return current;
  const pattern = patch.register?.pattern;
  const problem = pattern === undefined ? null : patternProblem(pattern);
  if (problem !== null) throw letterPatternInvalid(problem);
  return mergeSettings(current, patch);
}

function mergeSettings(base: OrgSettings, patch: OrgSettingsPatch): OrgSettings {
  return {
    ...base,
    ...pick(patch, ['humanCheck', 'defaultLocale', 'allowedCountryCodes', 'allowedOrigins', 'smsLocale', 'supplementRounds', 'responseDays', 'codesPerHour', 'logoUrl']),
    rules: { ...base.rules, ...defined(patch.rules ?? {}) },
    otp: { ...base.otp, ...defined(patch.otp ?? {}) },
    register: { ...base.register, ...defined(patch.register ?? {}) },
    calendar: { ...base.calendar, ...defined(patch.calendar ?? {}) },
    notifications: { ...base.notifications, ...defined(patch.notifications ?? {}) },
    appeals: { ...base.appeals, ...defined(patch.appeals ?? {}) },
    retention: { ...base.retention, ...defined(patch.retention ?? {}) },
  };
}

function pick(patch: OrgSettingsPatch, keys: (keyof OrgSettings)[]): Partial<OrgSettings> {
  const picked: Partial<Record<keyof OrgSettings, OrgSettings[keyof OrgSettings]>> = {};
  for (const key of keys) if (patch[key] !== undefined) picked[key] = patch[key] as OrgSettings[keyof OrgSettings];
  return picked as Partial<OrgSettings>;
}

/** Drops keys whose value is `undefined`, so they do not overwrite a default. */
function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}
