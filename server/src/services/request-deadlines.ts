import { addWorkingDays, defaultCalendar, workingDaysBetween, type WorkingCalendar } from '../lib/working-days.js';
import { isoDay, localDate } from '../lib/jalali.js';
import type { RequestData } from '../presenters/request.js';
import type { LoadedOrg } from './orgs.js';

/** The desk settings a deadline needs: the org's calendar (in Tehran time) and its default response time. */
function deadlineSettings(org: LoadedOrg): { calendar: WorkingCalendar; responseDays: number } {
  const { calendar, responseDays } = org.settings;
  return { calendar: { ...defaultCalendar, ...calendar }, responseDays };
}

/** The due date of a request addressed to a unit now: the unit's response time (or the org's) in working days. */
export function initialDueDate(org: LoadedOrg, unitResponseDays: number | null, now: Date): string {
  const { calendar, responseDays } = deadlineSettings(org);
  return addWorkingDays(now, unitResponseDays ?? responseDays, calendar);
}

/** The due date once a paused request runs again: moved by the working days it waited. */
export function resumedDueDate(org: LoadedOrg, row: Pick<RequestData, 'dueDate' | 'pausedAt'>, now: Date): string | null {
  if (!row.dueDate || !row.pausedAt) return row.dueDate;
  const { calendar } = deadlineSettings(org);
  const waited = workingDaysBetween(isoDay(localDate(row.pausedAt)), isoDay(localDate(now)), calendar);
  if (waited === 0) return row.dueDate;
  return addWorkingDays(new Date(`${row.dueDate}T12:00:00Z`), waited, { ...calendar, timeZone: 'UTC' });
}
