import type { StaffRole } from '@citizen-counter/sdk';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { StoreDeps } from './types.js';
import { createOrg, loadOrg, type LoadedOrg } from './services/orgs.js';
import { addStaff, listStaff } from './services/staff-people.js';
import { addUnit } from './services/units.js';

/** The demo org's id. */
export const demoOrgId = 'demo';

const demoUnits = [
  { name: { fa: 'دبیرخانه سازمان', en: 'Secretariat' }, code: 'د' },
  { name: { fa: 'واحد شکایات', en: 'Complaints Unit' }, code: 'ش' },
  { name: { fa: 'امور مالی', en: 'Finance' }, code: 'م' },
  { name: { fa: 'روابط عمومی', en: 'Public Relations' }, code: 'ر' },
];

/**
 * The demo desk: an admin, a registrar (the secretariat) and a handler of the complaints unit, as
 * the demo's `/desk` page lists them. They log in with the code the dev SMS provider shows.
 */
export const demoStaff: { phone: string; name: string; role: StaffRole; unitEn?: string }[] = [
  { phone: '+989120000001', name: 'مریم رحیمی', role: 'admin' },
  { phone: '+989120000002', name: 'رضا کریمی', role: 'registrar' },
  { phone: '+989120000003', name: 'ندا حسینی', role: 'handler', unitEn: 'Complaints Unit' },
];

/**
 * Creates the `demo` org when it is missing: its four units with codes, letters numbered
 * `{prefix}/{unit}/{seq}/{year}` in Persian digits (`نمونه/د/۱/۱۴۰۵`), the demo page's own origins
 * allowed. Adds the demo staff to a demo org that has none (one seeded before the desk existed).
 * Running it again changes nothing.
 */
export async function seedDemo(db: Database, config: Config): Promise<LoadedOrg> {
  const deps: StoreDeps = { db, config };
  const existing = await db.models.Org.findOne({ where: { orgId: demoOrgId, id: demoOrgId } });
  if (!existing) await createDemoOrg(deps);
  if ((await listStaff(deps, { orgId: demoOrgId })).length === 0) {
    const { units } = await loadOrg(deps, demoOrgId);
    for (const { unitEn, ...member } of demoStaff) {
      const unitIds = units.filter((unit) => unit.nameEn === unitEn).map((unit) => unit.id);
      // A handler needs a unit: skipped in a demo org whose complaints unit was renamed or removed.
      if (member.role === 'handler' && unitIds.length === 0) continue;
      await addStaff(deps, { orgId: demoOrgId, staff: { ...member, unitIds }, by: null });
    }
  }
  return loadOrg(deps, demoOrgId);
}

async function createDemoOrg(deps: StoreDeps): Promise<void> {
  const { port } = deps.config;
  const origins = [`http://localhost:${port}`, `http://127.0.0.1:${port}`];
  if (!origins.includes('http://localhost:8080')) origins.push('http://localhost:8080', 'http://127.0.0.1:8080');
  await createOrg(deps, {
    id: demoOrgId,
    name: { fa: 'سازمان نمونه', en: 'Sample Organization' },
    settings: { allowedOrigins: origins, register: { pattern: '{prefix}/{unit}/{seq}/{year}', prefix: 'نمونه', digits: 'persian' } },
  });
  for (const unit of demoUnits) await addUnit(deps, { orgId: demoOrgId, ...unit });
}
