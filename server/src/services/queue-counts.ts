import type { StaffQueueCounts } from '@citizen-counter/sdk';
import { countByStatusAndUnit, countDue } from '../db/queue-counts.js';
import type { StaffPrincipal, StoreDeps } from '../types.js';
import { orgDay } from './staff-requests.js';

const openStatuses = new Set(['under_review', 'needs_documents']);

/**
 * The sizes of the queues a staff member may see, scoped like the list (a handler only their
 * units): requests per status, open requests per current unit (`null`: the secretariat), and the
 * `open`, `secretariat`, `overdue`, `due_today` and `needs_documents` queues, today being the
 * org's day (Tehran).
 */
export async function queueCounts(deps: StoreDeps, params: { who: StaffPrincipal }): Promise<StaffQueueCounts> {
  const { who } = params;
  const counts: StaffQueueCounts = {
    byStatus: { under_review: 0, needs_documents: 0, approved: 0, rejected: 0 },
    byUnit: [],
    queues: { open: 0, secretariat: 0, overdue: 0, due_today: 0, needs_documents: 0 },
  };
  const unitIds = who.role === 'handler' ? who.unitIds : null;
  if (unitIds && unitIds.length === 0) return counts;
  const scope = { orgId: who.orgId, unitIds };
  const [groups, due] = await Promise.all([countByStatusAndUnit(deps.db, scope), countDue(deps.db, { ...scope, today: orgDay(deps.config.now()) })]);
  const openByUnit = new Map<string | null, number>();
  for (const { status, unitId, count } of groups) {
    counts.byStatus[status] += count;
    if (!openStatuses.has(status)) continue;
    openByUnit.set(unitId, (openByUnit.get(unitId) ?? 0) + count);
  }
  counts.byUnit = [...openByUnit].map(([unitId, open]) => ({ unitId, open }));
  counts.queues = {
    open: counts.byStatus.under_review + counts.byStatus.needs_documents,
    secretariat: openByUnit.get(null) ?? 0,
    overdue: due.overdue,
    due_today: due.dueToday,
    needs_documents: counts.byStatus.needs_documents,
  };
  return counts;
}
