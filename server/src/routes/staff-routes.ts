import { Router, type RouterContext } from '@koa/router';
import {
  ApproveInputSchema,
  RejectInputSchema,
  ReplyFieldsSchema,
  StaffListQuerySchema,
} from '@citizen-counter/sdk/schemas';
import type { Next } from 'koa';
import { fieldRequired, unauthorized } from '../errors/app-error.js';
import { readMultipart } from '../middleware/multipart.js';
import { parse, parseDate, validBody, validQuery } from '../middleware/validate.js';
import { authenticateApiKey } from '../services/api-keys.js';
import { checkFile } from '../services/file-rules.js';
import { loadOrg } from '../services/orgs.js';
import {
  approveRequest,
  getStaffFile,
  getStaffRequest,
  listStaffRequests,
  rejectRequest,
  replyToRequest,
} from '../services/staff-requests.js';
import type { Deps, StaffRouteState } from '../types.js';
import { bearer, param, sendFile } from './http-helpers.js';
import { registerOrgAdminRoutes } from './org-admin-routes.js';

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

  registerOrgAdminRoutes(router, deps);
  return router;
}
