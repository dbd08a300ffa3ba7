import type { ApiKeyInfo, Org, OrgProfile, StaffUnit, Unit, Webhook, WebhookDelivery, WebhookEventType } from '@citizen-counter/sdk';
import type { ApiKeyRow, UnitRow, WebhookDeliveryRow, WebhookRow } from '../models/index.js';
import type { LoadedOrg } from '../services/orgs.js';
import { acceptedExtensions } from '../services/file-rules.js';

/** A unit on the wire. */
export function presentUnit(unit: Pick<UnitRow, 'id' | 'nameFa' | 'nameEn'>): Unit {
  return { id: unit.id, name: { fa: unit.nameFa, en: unit.nameEn } };
}

/** A unit as staff see it, with its code and response time. */
export function presentStaffUnit(unit: Pick<UnitRow, 'id' | 'nameFa' | 'nameEn' | 'code' | 'responseDays'>): StaffUnit {
  return { ...presentUnit(unit), code: unit.code, responseDays: unit.responseDays };
}

/** The public profile the widget builds its forms from. */
export function presentProfile(org: LoadedOrg): OrgProfile {
  const { settings } = org;
  return {
    id: org.row.id,
    name: { fa: org.row.nameFa, en: org.row.nameEn },
    units: org.units.map(presentUnit),
    // Both spellings of a format, so a form accepts `.tif` where the org wrote `tiff`.
    rules: { ...settings.rules, allowedExtensions: acceptedExtensions(settings.rules.allowedExtensions) },
    otp: settings.otp,
    humanCheck: settings.humanCheck,
    defaultLocale: settings.defaultLocale,
    allowedCountryCodes: settings.allowedCountryCodes,
    logoUrl: settings.logoUrl,
    appeals: settings.appeals,
  };
}

/** An org with its settings, for staff and operators. */
export function presentOrg(org: LoadedOrg): Org {
  return {
    id: org.row.id,
    name: { fa: org.row.nameFa, en: org.row.nameEn },
    settings: org.settings,
    createdAt: org.row.createdAt.toISOString(),
  };
}

/** An API key without its secret. */
export function presentApiKey(key: ApiKeyRow): ApiKeyInfo {
  return {
    id: key.id,
    prefix: key.prefix,
    label: key.label,
    role: key.role,
    createdAt: key.createdAt.toISOString(),
    revokedAt: key.revokedAt ? key.revokedAt.toISOString() : null,
  };
}

/** A webhook without its secret. */
export function presentWebhook(hook: WebhookRow): Webhook {
  return { id: hook.id, url: hook.url, events: JSON.parse(hook.events) as WebhookEventType[], createdAt: hook.createdAt.toISOString() };
}

/** One delivery attempt of a webhook. */
export function presentWebhookDelivery(row: WebhookDeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.eventId,
    eventType: row.eventType,
    attempt: row.attempt,
    attemptedAt: row.attemptedAt.toISOString(),
    ok: Boolean(row.ok),
    statusCode: row.statusCode,
    error: row.error,
    durationMs: row.durationMs,
  };
}
