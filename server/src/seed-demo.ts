import type { Config } from './config.js';
import type { Database } from './db/database.js';
import type { StoreDeps } from './types.js';
import { createOrg, loadOrg, updateOrg, type LoadedOrg } from './services/orgs.js';
import { addUnit } from './services/units.js';

/** The demo org's id. */
export const demoOrgId = 'demo';

const demoUnits = [
  { fa: 'دبیرخانه سازمان', en: 'Secretariat' },
  { fa: 'واحد شکایات', en: 'Complaints Unit' },
  { fa: 'امور مالی', en: 'Finance' },
  { fa: 'روابط عمومی', en: 'Public Relations' },
];

/**
 * Creates the `demo` org with its four units when it is missing, allowing the demo page's own
 * origins. Running it again changes nothing.
 */
export async function seedDemo(db: Database, config: Config): Promise<LoadedOrg> {
  const deps: StoreDeps = { db, config };
  const existing = await db.models.Org.findOne({ where: { orgId: demoOrgId, id: demoOrgId } });
  if (existing) return loadOrg(deps, demoOrgId);
  const origins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
  if (!origins.includes('http://localhost:8080')) origins.push('http://localhost:8080', 'http://127.0.0.1:8080');
  await createOrg(deps, {
    id: demoOrgId,
    name: { fa: 'سازمان نمونه', en: 'Sample Organization' },
    settings: { allowedOrigins: origins },
  });
  for (const name of demoUnits) await addUnit(deps, { orgId: demoOrgId, name });
  return updateOrg(deps, { orgId: demoOrgId });
}
