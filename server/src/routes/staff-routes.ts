import { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import { readMultipart } from '../middleware/multipart.js';
import { presentOrg, presentUnit, presentWebhook } from '../presenters/org.js';
import { authenticateStaff } from '../services/api-keys.js';
import { loadOrg, updateOrg } from '../services/orgs.js';
import { isObject } from '../services/org-settings.js';
import {
  approveRequest,
  getStaffFile,
  getStaffRequest,
  listStaffRequests,
  rejectRequest,
  replyToRequest,
} from '../services/staff-requests.js';
import { addUnit, listUnits, removeUnit, updateUnit } from '../services/units.js';
import { createWebhook, listWebhooks, removeWebhook } from '../services/webhooks.js';
import type { Deps, StaffState } from '../types.js';
import { bearer, param, query, sendFile } from './http-helpers.js';

/** The staff API under `/v1/orgs/:org/staff`, authorized by an API key of that org only. */
export function staffRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/v1/orgs/:org/staff' });
  const orgId = (ctx: Context): string => (ctx.state['staff'] as StaffState).orgId;
  router.use(async (ctx: Context, next: Next) => {
    const key = await authenticateStaff(deps.db, { orgId: param(ctx, 'org'), key: bearer(ctx) });
    const state: StaffState = { orgId: key.orgId, apiKeyId: key.id };
    ctx.state['staff'] = state;
    await next();
  });
  const body = (ctx: Context): Record<string, unknown> => (isObject(ctx.request.body) ? ctx.request.body : {});

  router.get('/requests', async (ctx) => {
    ctx.body = await listStaffRequests(deps, { orgId: orgId(ctx), query: query(ctx) });
  });
  router.get('/requests/:id', async (ctx) => {
    ctx.body = await getStaffRequest(deps, { orgId: orgId(ctx), requestId: param(ctx, 'id') });
  });
  router.post('/requests/:id/approve', async (ctx) => {
    ctx.body = await approveRequest(deps, { org: await loadOrg(deps.db, orgId(ctx)), requestId: param(ctx, 'id'), body: ctx.request.body });
  });
  router.post('/requests/:id/reject', async (ctx) => {
    ctx.body = await rejectRequest(deps, { org: await loadOrg(deps.db, orgId(ctx)), requestId: param(ctx, 'id'), body: ctx.request.body });
  });
  router.post('/requests/:id/reply', async (ctx) => {
    const org = await loadOrg(deps.db, orgId(ctx));
    const form = await readMultipart(ctx, { maxFileBytes: org.settings.rules.maxFileBytes });
    ctx.body = await replyToRequest(deps, { org, requestId: param(ctx, 'id'), form });
  });
  router.get('/requests/:id/files/:fileId', async (ctx) => {
    sendFile(ctx, await getStaffFile(deps, { orgId: orgId(ctx), requestId: param(ctx, 'id'), fileId: param(ctx, 'fileId') }));
  });

  router.get('/org', async (ctx) => {
    ctx.body = presentOrg(await loadOrg(deps.db, orgId(ctx)));
  });
  router.patch('/org', async (ctx) => {
    ctx.body = presentOrg(await updateOrg(deps.db, { orgId: orgId(ctx), settings: body(ctx)['settings'] }));
  });

  router.get('/units', async (ctx) => {
    ctx.body = { items: (await listUnits(deps.db, { orgId: orgId(ctx) })).map(presentUnit) };
  });
  router.post('/units', async (ctx) => {
    ctx.status = 201;
    ctx.body = presentUnit(await addUnit(deps.db, { orgId: orgId(ctx), name: body(ctx)['name'], now: deps.config.now() }));
  });
  router.patch('/units/:unitId', async (ctx) => {
    ctx.body = presentUnit(await updateUnit(deps.db, { orgId: orgId(ctx), unitId: param(ctx, 'unitId'), name: body(ctx)['name'] }));
  });
  router.delete('/units/:unitId', async (ctx) => {
    await removeUnit(deps.db, { orgId: orgId(ctx), unitId: param(ctx, 'unitId') });
    ctx.status = 204;
  });

  router.get('/webhooks', async (ctx) => {
    ctx.body = { items: (await listWebhooks(deps.db, { orgId: orgId(ctx) })).map(presentWebhook) };
  });
  router.post('/webhooks', async (ctx) => {
    ctx.status = 201;
    ctx.body = await createWebhook(deps.db, { orgId: orgId(ctx), body: ctx.request.body, now: deps.config.now() });
  });
  router.delete('/webhooks/:webhookId', async (ctx) => {
    await removeWebhook(deps.db, { orgId: orgId(ctx), webhookId: param(ctx, 'webhookId') });
    ctx.status = 204;
  });
  return router;
}
