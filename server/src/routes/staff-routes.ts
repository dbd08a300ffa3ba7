import { Router, type RouterContext } from '@koa/router';
import {
  ApproveInputSchema,
  CreateUnitInputSchema,
  CreateWebhookInputSchema,
  RejectInputSchema,
  ReplyFieldsSchema,
  StaffListQuerySchema,
  UpdateSettingsInputSchema,
} from '@citizen-counter/sdk/schemas';
import type { Next } from 'koa';
import { fieldRequired, unauthorized } from '../errors/app-error.js';
import { readMultipart } from '../middleware/multipart.js';
import { parse, parseDate, validBody, validQuery } from '../middleware/validate.js';
import { presentOrg, presentUnit } from '../presenters/org.js';
import { authenticateApiKey } from '../services/api-keys.js';
import { checkFile } from '../services/file-rules.js';
import { loadOrg, updateOrg } from '../services/orgs.js';
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
import type { Deps, StaffRouteState } from '../types.js';
import { bearer, param, sendFile } from './http-helpers.js';

/** The staff API under `/v1/orgs/:org/staff`, authorized by an API key of that org only. */
export function staffRoutes(deps: Deps): Router {
  const router = new Router<StaffRouteState>({ prefix: '/v1/orgs/:org/staff' });
  // Every route is behind the key check below; a missing state would be a wiring mistake, answered as 401.
  const orgId = (ctx: RouterContext<StaffRouteState>): string => {
    if (!ctx.state.staff) throw unauthorized();
    return ctx.state.staff.orgId;
  };
  router.use(async (ctx: RouterContext<StaffRouteState>, next: Next) => {
    ctx.state.staff = await authenticateApiKey(deps, { orgId: param(ctx, 'org'), key: bearer(ctx) });
    await next();
  });

  router.get('/requests', async (ctx) => {
    const { from, to, ...query } = validQuery(ctx, StaffListQuerySchema);
    const filter = { ...query, from: parseDate(from, 'from'), to: parseDate(to, 'to') };
    ctx.body = await listStaffRequests(deps, { orgId: orgId(ctx), filter });
  });
  router.get('/requests/:id', async (ctx) => {
    ctx.body = await getStaffRequest(deps, { orgId: orgId(ctx), requestId: param(ctx, 'id') });
  });
  router.post('/requests/:id/approve', async (ctx) => {
    const input = validBody(ctx, ApproveInputSchema);
    const letterDate = parseDate(input.letterDate, 'letterDate');
    const org = await loadOrg(deps, orgId(ctx));
    ctx.body = await approveRequest(deps, { org, requestId: param(ctx, 'id'), letterNumber: input.letterNumber ?? null, letterDate });
  });
  router.post('/requests/:id/reject', async (ctx) => {
    const { reason } = validBody(ctx, RejectInputSchema);
    ctx.body = await rejectRequest(deps, { org: await loadOrg(deps, orgId(ctx)), requestId: param(ctx, 'id'), reason });
  });
  router.post('/requests/:id/reply', async (ctx) => {
    const org = await loadOrg(deps, orgId(ctx));
    const form = await readMultipart(ctx, { maxFileBytes: org.settings.rules.maxFileBytes });
    const text = parse(ReplyFieldsSchema, form.fields, { source: 'form' }).text || null;
    const file = form.files.length > 0 ? await checkFile(form.files, 'file', org.settings.rules) : null;
    if (!text && !file) throw fieldRequired('text');
    ctx.body = await replyToRequest(deps, { org, requestId: param(ctx, 'id'), text, file });
  });
  router.get('/requests/:id/files/:fileId', async (ctx) => {
    sendFile(ctx, await getStaffFile(deps, { orgId: orgId(ctx), requestId: param(ctx, 'id'), fileId: param(ctx, 'fileId') }));
  });

  router.get('/org', async (ctx) => {
    ctx.body = presentOrg(await loadOrg(deps, orgId(ctx)));
  });
  router.patch('/org', async (ctx) => {
    const { settings } = validBody(ctx, UpdateSettingsInputSchema);
    ctx.body = presentOrg(await updateOrg(deps, { orgId: orgId(ctx), settings }));
  });

  router.get('/units', async (ctx) => {
    ctx.body = { items: (await listUnits(deps, { orgId: orgId(ctx) })).map(presentUnit) };
  });
  router.post('/units', async (ctx) => {
    const { name } = validBody(ctx, CreateUnitInputSchema);
    ctx.status = 201;
    ctx.body = await addUnit(deps, { orgId: orgId(ctx), name });
  });
  router.patch('/units/:unitId', async (ctx) => {
    const { name } = validBody(ctx, CreateUnitInputSchema);
    ctx.body = await updateUnit(deps, { orgId: orgId(ctx), unitId: param(ctx, 'unitId'), name });
  });
  router.delete('/units/:unitId', async (ctx) => {
    await removeUnit(deps, { orgId: orgId(ctx), unitId: param(ctx, 'unitId') });
    ctx.status = 204;
  });

  router.get('/webhooks', async (ctx) => {
    ctx.body = { items: await listWebhooks(deps, { orgId: orgId(ctx) }) };
  });
  router.post('/webhooks', async (ctx) => {
    const { url, events } = validBody(ctx, CreateWebhookInputSchema);
    ctx.status = 201;
    ctx.body = await createWebhook(deps, { orgId: orgId(ctx), url, events });
  });
  router.delete('/webhooks/:webhookId', async (ctx) => {
    await removeWebhook(deps, { orgId: orgId(ctx), webhookId: param(ctx, 'webhookId') });
    ctx.status = 204;
  });
  return router;
}
