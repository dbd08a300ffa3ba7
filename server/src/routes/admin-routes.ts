import { Router } from '@koa/router';
import {
  CreateApiKeyInputSchema,
  CreateOrgInputSchema,
  CreateStaffInputSchema,
  CreateUnitInputSchema,
  DeadLetterQuerySchema,
  UpdateOrgInputSchema,
  UpdateUnitInputSchema,
} from '@citizen-counter/sdk/schemas';
import { validBody, validQuery } from '../middleware/validate.js';
import { listDeadLetters, replayDeadLetter } from '../outbox/dead-letters.js';
import { presentOrg } from '../presenters/org.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js';
import { createOrg, listOrgs, loadOrg, updateOrg } from '../services/orgs.js';
import { addUnit, updateUnit } from '../services/units.js';
import { readPhone } from '../services/otp.js';
import { addStaff, listStaff } from '../services/staff-people.js';
import type { Deps } from '../types.js';
import { param } from './http-helpers.js';
import { requireAdminKey, type KeyGuard } from '../middleware/key-guard.js';

/** The operator API under `/v1/admin`, authorized by `ADMIN_KEY` (compared in constant time, wrong tries bounded per address). */
export function adminRoutes(deps: Deps, keyGuard: KeyGuard): Router {
  const router = new Router({ prefix: '/v1/admin' });
  router.use(requireAdminKey(keyGuard, deps.config));

  router.get('/outbox/dead', async (ctx) => {
    const { org } = validQuery(ctx, DeadLetterQuerySchema);
    ctx.body = { items: await listDeadLetters(deps, { orgId: org }) };
  });
  router.post('/outbox/:id/replay', async (ctx) => {
    await replayDeadLetter(deps, { id: param(ctx, 'id') });
    ctx.status = 204;
  });

  router.post('/orgs', async (ctx) => {
    const input = validBody(ctx, CreateOrgInputSchema);
    ctx.status = 201;
    ctx.body = presentOrg(await createOrg(deps, input));
  });
  router.get('/orgs', async (ctx) => {
    ctx.body = { items: (await listOrgs(deps)).map(presentOrg) };
  });
  router.get('/orgs/:org', async (ctx) => {
    ctx.body = presentOrg(await loadOrg(deps, param(ctx, 'org')));
  });
  router.patch('/orgs/:org', async (ctx) => {
    const input = validBody(ctx, UpdateOrgInputSchema);
    ctx.body = presentOrg(await updateOrg(deps, { orgId: param(ctx, 'org'), name: input.name, settings: input.settings }));
  });
  router.post('/orgs/:org/units', async (ctx) => {
    const input = validBody(ctx, CreateUnitInputSchema);
    ctx.status = 201;
    ctx.body = await addUnit(deps, { orgId: param(ctx, 'org'), ...input });
  });
  router.patch('/orgs/:org/units/:unitId', async (ctx) => {
    const change = validBody(ctx, UpdateUnitInputSchema);
    ctx.body = await updateUnit(deps, { orgId: param(ctx, 'org'), unitId: param(ctx, 'unitId'), change });
  });
  router.post('/orgs/:org/staff', async (ctx) => {
    const input = validBody(ctx, CreateStaffInputSchema);
    const org = await loadOrg(deps, param(ctx, 'org'));
    const staff = { phone: readPhone(input.phone, org), name: input.name, role: input.role, unitIds: input.unitIds ?? [] };
    ctx.status = 201;
    ctx.body = await addStaff(deps, { orgId: org.row.id, staff, by: null });
  });
  router.get('/orgs/:org/staff', async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    ctx.body = { items: await listStaff(deps, { orgId: org.row.id }) };
  });
  router.post('/orgs/:org/keys', async (ctx) => {
    const { label, role } = validBody(ctx, CreateApiKeyInputSchema);
    ctx.status = 201;
    ctx.body = await createApiKey(deps, { orgId: param(ctx, 'org'), label: label ?? '', role: role ?? 'admin' });
  });
  router.get('/orgs/:org/keys', async (ctx) => {
    ctx.body = { items: await listApiKeys(deps, { orgId: param(ctx, 'org') }) };
  });
  router.delete('/orgs/:org/keys/:keyId', async (ctx) => {
    await revokeApiKey(deps, { orgId: param(ctx, 'org'), keyId: param(ctx, 'keyId') });
    ctx.status = 204;
  });
  return router;
}
