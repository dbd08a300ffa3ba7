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

/** What a submission reads before it writes: the org's webhooks, the citizen's phone and the org's own text of one SMS. */
export interface SubmissionContext {
  hooks: WebhookSubscriptionRecord[];
  phone: string | null;
  /** The org's own text of the SMS kind in the locale, or `null` when it keeps the default. */
  smsText: string | null;
}

/** {@link SubmissionContext} in one query (one round trip instead of three on the hot path). */
export async function submissionContext(
  db: Database,
  params: { orgId: string; citizenId: string; kind: string; locale: string },
): Promise<SubmissionContext> {
  const { orgId, citizenId, kind, locale } = params;
  const rows = await db.reader.all<{ part: 'hook' | 'phone' | 'sms'; a: string; b: string | null }>(
    `SELECT 'hook' AS "part", CAST("id" AS TEXT) AS "a", CAST("events" AS TEXT) AS "b" FROM "webhooks" WHERE "orgId" = ?
     UNION ALL SELECT 'phone', CAST("phone" AS TEXT), NULL FROM "citizens" WHERE "orgId" = ? AND "id" = ?
     UNION ALL SELECT 'sms', CAST("text" AS TEXT), NULL FROM "sms_texts" WHERE "orgId" = ? AND "kind" = ? AND "locale" = ?`,
    [orgId, orgId, citizenId, orgId, kind, locale],
  );
  const context: SubmissionContext = { hooks: [], phone: null, smsText: null };
  for (const row of rows) {
    if (row.part === 'hook') context.hooks.push({ id: row.a, events: row.b ?? '[]' });
    else if (row.part === 'phone') context.phone = row.a;
    else context.smsText = row.a;
  }
  return context;
}

/** The org's own text of one SMS kind in one locale, or `null` when it keeps the default. */
export async function orgSmsText(db: Database, params: { orgId: string; kind: string; locale: string }): Promise<string | null> {
  const [row] = await db.reader.all<{ text: string }>(
    'SELECT "text" FROM "sms_texts" WHERE "orgId" = ? AND "kind" = ? AND "locale" = ?',
    [params.orgId, params.kind, params.locale],
  );
  return row?.text ?? null;
}
