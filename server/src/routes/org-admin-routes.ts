import type { Router } from '@koa/router';
import { CreateApiKeyInputSchema, CreateUnitInputSchema, CreateWebhookInputSchema, UpdateSettingsInputSchema, UpdateUnitInputSchema } from '@citizen-counter/sdk/schemas';
import { operatorSettingForbidden } from '../errors/catalogue.js';
import { validBody } from '../middleware/validate.js';
import { listDeadLetters, replayDeadLetter } from '../outbox/dead-letters.js';
import { presentOrg, presentStaffUnit } from '../presenters/org.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js';
import { operatorOnlySetting } from '../services/org-settings.js';
import { loadOrg, updateOrg } from '../services/orgs.js';
import { addUnit, listUnits, removeUnit, updateUnit } from '../services/units.js';
import { createWebhook, listWebhookDeliveries, listWebhooks, removeWebhook } from '../services/webhooks.js';
import type { Deps, StaffRouteState } from '../types.js';
import { param } from './http-helpers.js';
import { anyStaffRole, requireRole } from './staff-access.js';

const adminRoles = ['admin'] as const;

/**
 * The org's own administration on the staff router: settings, units, webhooks and API keys. Every
 * staff member reads the org and its units (the desk needs them); only admins change them.
 */
export function registerOrgAdminRoutes(router: Router<StaffRouteState>, deps: Deps): void {
  router.get('/org', async (ctx) => {
    ctx.body = presentOrg(await loadOrg(deps, requireRole(ctx, anyStaffRole).orgId));
  });
  router.patch('/org', async (ctx) => {
    const { settings } = validBody(ctx, UpdateSettingsInputSchema);
    const { orgId } = requireRole(ctx, adminRoles);
    const floor = operatorOnlySetting(settings);
    if (floor) throw operatorSettingForbidden(floor);
    ctx.body = presentOrg(await updateOrg(deps, { orgId, settings }));
  });

  // Messages the outbox gave up on: the org's admins see them and send them again.
  router.get('/outbox/dead', async (ctx) => {
    ctx.body = { items: await listDeadLetters(deps, { orgId: requireRole(ctx, adminRoles).orgId }) };
  });
  router.post('/outbox/:id/replay', async (ctx) => {
    await replayDeadLetter(deps, { orgId: requireRole(ctx, adminRoles).orgId, id: param(ctx, 'id') });
    ctx.status = 204;
  });

  router.get('/units', async (ctx) => {
    ctx.body = { items: (await listUnits(deps, { orgId: requireRole(ctx, anyStaffRole).orgId })).map(presentStaffUnit) };
  });
  router.post('/units', async (ctx) => {
    const input = validBody(ctx, CreateUnitInputSchema);
    ctx.status = 201;
    ctx.body = await addUnit(deps, { orgId: requireRole(ctx, adminRoles).orgId, ...input });
  });
  router.patch('/units/:unitId', async (ctx) => {
    const change = validBody(ctx, UpdateUnitInputSchema);
    ctx.body = await updateUnit(deps, { orgId: requireRole(ctx, adminRoles).orgId, unitId: param(ctx, 'unitId'), change });
  });
  router.delete('/units/:unitId', async (ctx) => {
    await removeUnit(deps, { orgId: requireRole(ctx, adminRoles).orgId, unitId: param(ctx, 'unitId') });
    ctx.status = 204;
  });

  router.get('/webhooks', async (ctx) => {
    ctx.body = { items: await listWebhooks(deps, { orgId: requireRole(ctx, adminRoles).orgId }) };
  });
  router.post('/webhooks', async (ctx) => {
    const { url, events } = validBody(ctx, CreateWebhookInputSchema);
    ctx.status = 201;
    ctx.body = await createWebhook(deps, { orgId: requireRole(ctx, adminRoles).orgId, url, events });
  });
  router.get('/webhooks/:webhookId/deliveries', async (ctx) => {
    ctx.body = { items: await listWebhookDeliveries(deps, { orgId: requireRole(ctx, adminRoles).orgId, webhookId: param(ctx, 'webhookId') }) };
  });
  router.delete('/webhooks/:webhookId', async (ctx) => {
    await removeWebhook(deps, { orgId: requireRole(ctx, adminRoles).orgId, webhookId: param(ctx, 'webhookId') });
    ctx.status = 204;
  });

  router.get('/keys', async (ctx) => {
    ctx.body = { items: await listApiKeys(deps, { orgId: requireRole(ctx, adminRoles).orgId }) };
  });
  router.post('/keys', async (ctx) => {
    const { label, role } = validBody(ctx, CreateApiKeyInputSchema);
    ctx.status = 201;
    ctx.body = await createApiKey(deps, { orgId: requireRole(ctx, adminRoles).orgId, label: label ?? '', role: role ?? 'admin' });
  });
  router.delete('/keys/:keyId', async (ctx) => {
    await revokeApiKey(deps, { orgId: requireRole(ctx, adminRoles).orgId, keyId: param(ctx, 'keyId') });
    ctx.status = 204;
  });
}
