import type { Database } from './database.js';
import { toDate } from './sql-text.js';

/** An org's own columns, with its settings still as stored JSON text. */
export interface OrgRecord {
  id: string;
  nameFa: string;
  nameEn: string;
  settings: string;
  createdAt: Date;
}

/** A unit's names, in the order the org gave them. */
export interface UnitRecord {
  id: string;
  nameFa: string;
  nameEn: string;
  code: string | null;
  responseDays: number | null;
}

/** A webhook's id and its subscribed events as stored (JSON text). */
export interface WebhookSubscriptionRecord {
  id: string;
  events: string;
}

/** The org row, or `null`; the org's own id is its tenant key too. */
export async function findOrgRecord(db: Database, orgId: string): Promise<OrgRecord | null> {
  const [row] = await db.reader.all<Omit<OrgRecord, 'createdAt'> & { createdAt: string | Date }>(
    'SELECT "id", "nameFa", "nameEn", "settings", "createdAt" FROM "orgs" WHERE "orgId" = ? AND "id" = ?',
    [orgId, orgId],
  );
  return row ? { ...row, createdAt: toDate(row.createdAt) } : null;
}

/** The org's units by position, then id. */
export function orgUnits(db: Database, orgId: string): Promise<UnitRecord[]> {
  return db.reader.all<UnitRecord>(
    'SELECT "id", "nameFa", "nameEn", "code", "responseDays" FROM "units" WHERE "orgId" = ? ORDER BY "position" ASC, "id" ASC',
    [orgId],
  );
}

/** The org's webhooks with the events each one wants. */
export function webhookSubscriptions(db: Database, orgId: string): Promise<WebhookSubscriptionRecord[]> {
  return db.reader.all<WebhookSubscriptionRecord>('SELECT "id", "events" FROM "webhooks" WHERE "orgId" = ?', [orgId]);
}

/** The org's own text of one SMS kind in one locale, or `null` when it keeps the default. */
export async function orgSmsText(db: Database, params: { orgId: string; kind: string; locale: string }): Promise<string | null> {
  const [row] = await db.reader.all<{ text: string }>(
    'SELECT "text" FROM "sms_texts" WHERE "orgId" = ? AND "kind" = ? AND "locale" = ?',
    [params.orgId, params.kind, params.locale],
  );
  return row?.text ?? null;
}
