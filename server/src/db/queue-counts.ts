import type { RequestStatus } from '@citizen-counter/sdk';
import type { Database } from './database.js';

/** How many requests of one status are at one unit (`null`: the secretariat). */
export interface StatusUnitCount {
  status: RequestStatus;
  unitId: string | null;
  count: number;
}

/** Open requests by due date. */
export interface DueCounts {
  overdue: number;
  dueToday: number;
}

/**
 * Counts an org's requests by status and current unit, within `unitIds` when given (a handler's
 * scope). Answered from the (orgId, currentUnitId, status) index alone.
 */
export async function countByStatusAndUnit(db: Database, params: { orgId: string; unitIds: string[] | null }): Promise<StatusUnitCount[]> {
  const scope = unitScope(params.unitIds);
  const rows = await db.reader.all<{ status: RequestStatus; currentUnitId: string | null; n: number | string }>(
    `SELECT "status", "currentUnitId", COUNT(*) AS "n" FROM "requests" WHERE "orgId" = ?${scope.sql} GROUP BY "status", "currentUnitId"`,
    [params.orgId, ...scope.values],
  );
  return rows.map((row) => ({ status: row.status, unitId: row.currentUnitId, count: Number(row.n) }));
}

/**
 * Counts the requests under review that are past their due date or due on `today` (`YYYY-MM-DD`,
 * the org's calendar), within `unitIds` when given. Walks the (orgId, dueDate) index up to today.
 */
export async function countDue(db: Database, params: { orgId: string; unitIds: string[] | null; today: string }): Promise<DueCounts> {
  const { today } = params;
  const scope = unitScope(params.unitIds);
  const [row] = await db.reader.all<{ overdue: number | string; dueToday: number | string }>(
    `SELECT COALESCE(SUM(CASE WHEN "dueDate" < ? THEN 1 ELSE 0 END), 0) AS "overdue", COALESCE(SUM(CASE WHEN "dueDate" = ? THEN 1 ELSE 0 END), 0) AS "dueToday"
     FROM "requests" WHERE "orgId" = ? AND "status" = 'under_review' AND "dueDate" <= ?${scope.sql}`,
    [today, today, params.orgId, today, ...scope.values],
  );
  return { overdue: Number(row?.overdue ?? 0), dueToday: Number(row?.dueToday ?? 0) };
}

/** The condition that keeps a handler to their units; nothing for the whole org. */
function unitScope(unitIds: string[] | null): { sql: string; values: string[] } {
  if (!unitIds) return { sql: '', values: [] };
  return { sql: ` AND "currentUnitId" IN (${unitIds.map(() => '?').join(', ')})`, values: unitIds };
}
