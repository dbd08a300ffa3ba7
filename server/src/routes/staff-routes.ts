import { Router, type RouterContext } from '@koa/router';
import {
  ActionPreviewInputSchema,
  ApproveInputSchema,
  CreateStaffInputSchema,
  DocumentsRequestInputSchema,
  NoteInputSchema,
  OtpRequestInputSchema,
  ReferInputSchema,
  RejectInputSchema,
  ReplyFieldsSchema,
  ReturnInputSchema,
  SessionInputSchema,
  StaffListQuerySchema,
  UpdateStaffInputSchema,
} from '@citizen-counter/sdk/schemas';
import type { Next } from 'koa';
import { fieldRequired, invalidInput, unauthorized } from '../errors/app-error.js';
import { normalizeDigits } from '../lib/persian-text.js';
import { keepingFiles, readMultipart } from '../middleware/multipart.js';
import { parse, parseDate, validBody, validQuery } from '../middleware/validate.js';
import { previewAction } from '../services/action-preview.js';
import { authenticateApiKey } from '../services/api-keys.js';
import { listAudit } from '../services/audit.js';
import { checkFile } from '../services/file-rules.js';
import { loadOrg } from '../services/orgs.js';
import { queueCounts } from '../services/queue-counts.js';
import { readPhone, requestOtp } from '../services/otp.js';
import {
  addStaff,
  authenticateStaffSession,
  getStaff,
  isStaffToken,
  listStaff,
  listUnitPeople,
  staffLogin,
  staffLogout,
  updateStaff,
} from '../services/staff-people.js';
import {
  addNote,
  approveRequest,
  findVisible,
  getStaffFile,
  getStaffRequest,
  listNotes,
  listStaffRequests,
  referRequest,
  rejectRequest,
  replyToRequest,
  requestDocuments,
  returnRequest,
} from '../services/staff-requests.js';
import type { Deps, StaffRouteState } from '../types.js';
import { bearer, param, sendFile, webOtpHost } from './http-helpers.js';
import type { KeyGuard } from '../middleware/key-guard.js';
import { registerOrgAdminRoutes } from './org-admin-routes.js';
import { anyStaffRole, principal, requireRole, secretariatRoles } from './staff-access.js';
import { registerTemplateRoutes } from './template-routes.js';

/**
 * Staff login under `/v1/orgs/:org/staff`: the same human check (`POST /v1/orgs/:org/challenges`),
 * limits and error codes as the citizens', but a code is sent only to an active staff member and
 * the session works on staff routes only.
 */
export function staffAuthRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/v1/orgs/:org/staff' });
  router.post('/otp', async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const input = validBody(ctx, OtpRequestInputSchema);
    const phone = readPhone(input.phone, org);
    ctx.status = 202;
    ctx.body = await requestOtp(deps, { org, phone, challenge: input.challenge, ip: ctx.ip, audience: 'staff', webOtpHost: webOtpHost(ctx, [], deps.config.publicUrl) });
  });
  router.post('/sessions', async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const input = validBody(ctx, SessionInputSchema);
    const phone = readPhone(input.phone, org);
    const code = normalizeDigits(input.code).replace(/\s/g, '');
    ctx.status = 201;
    ctx.body = await staffLogin(deps, { org, phone, code });
  });
  return router;
}

/**
 * The staff API under `/v1/orgs/:org/staff`, for a staff session (`ccs_…`) or an API key of that
 * org. Every route checks the caller's role; a handler sees only requests at their units, and
 * anything else is answered as not found.
 */
export function staffRoutes(deps: Deps, keyGuard: KeyGuard): Router {
  const router = new Router<StaffRouteState>({ prefix: '/v1/orgs/:org/staff' });
  router.use(async (ctx: RouterContext<StaffRouteState>, next: Next) => {
    const orgId = param(ctx, 'org');
    const token = bearer(ctx);
    if (!token) throw unauthorized();
    ctx.state.staff = await keyGuard.check(ctx.ip, () =>
      isStaffToken(token) ? authenticateStaffSession(deps, { orgId, token }) : authenticateApiKey(deps, { orgId, key: token }),
    );
    await next();
  });

  router.get('/me', (ctx) => {
    const who = principal(ctx);
    ctx.body = { type: who.actorType, id: who.actorId, name: who.name, role: who.role, unitIds: who.unitIds };
  });
  router.delete('/sessions/current', async (ctx) => {
    const who = principal(ctx);
    if (who.sessionId) await staffLogout(deps, { orgId: who.orgId, sessionId: who.sessionId });
    ctx.status = 204;
  });

  router.get('/people', async (ctx) => {
    ctx.body = { items: await listStaff(deps, { orgId: requireRole(ctx, ['admin']).orgId }) };
  });
  router.post('/people', async (ctx) => {
    const who = requireRole(ctx, ['admin']);
    const input = validBody(ctx, CreateStaffInputSchema);
    const org = await loadOrg(deps, who.orgId);
    const staff = { phone: readPhone(input.phone, org), name: input.name, role: input.role, unitIds: input.unitIds ?? [] };
    ctx.status = 201;
    ctx.body = await addStaff(deps, { orgId: who.orgId, staff, by: who });
  });
  router.get('/people/:staffId', async (ctx) => {
    ctx.body = await getStaff(deps, { orgId: requireRole(ctx, ['admin']).orgId, staffId: param(ctx, 'staffId') });
  });
  router.patch('/people/:staffId', async (ctx) => {
    const who = requireRole(ctx, ['admin']);
    const change = validBody(ctx, UpdateStaffInputSchema);
    ctx.body = await updateStaff(deps, { orgId: who.orgId, staffId: param(ctx, 'staffId'), change, by: who });
  });

  // The refer form's people: the secretariat refers, so only it asks; id and name, never a phone.
  router.get('/units/:unitId/people', async (ctx) => {
    const who = requireRole(ctx, secretariatRoles);
    ctx.body = { items: await listUnitPeople(deps, { orgId: who.orgId, unitId: param(ctx, 'unitId') }) };
  });

  router.get('/requests', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    const { from, to, ...query } = validQuery(ctx, StaffListQuerySchema);
    const filter = { ...query, from: parseDate(from, 'from'), to: parseDate(to, 'to') };
    ctx.body = await listStaffRequests(deps, { who, filter });
  });
  // Before `/requests/:id`, which would take `counts` for an id.
  router.get('/requests/counts', async (ctx) => {
    ctx.body = await queueCounts(deps, { who: requireRole(ctx, anyStaffRole) });
  });
  router.get('/requests/:id', async (ctx) => {
    ctx.body = await getStaffRequest(deps, { who: requireRole(ctx, anyStaffRole), requestId: param(ctx, 'id') });
  });
  router.get('/requests/:id/files/:fileId', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    sendFile(ctx, await getStaffFile(deps, { who, requestId: param(ctx, 'id'), fileId: param(ctx, 'fileId') }));
  });
  router.post('/requests/:id/preview', async (ctx) => {
    const input = validBody(ctx, ActionPreviewInputSchema);
    const who = requireRole(ctx, input.action === 'approve' || input.action === 'reject' ? secretariatRoles : anyStaffRole);
    ctx.body = await previewAction(deps, { who, org: await loadOrg(deps, who.orgId), requestId: param(ctx, 'id'), input });
  });
  router.post('/requests/:id/approve', async (ctx) => {
    const who = requireRole(ctx, secretariatRoles);
    const input = validBody(ctx, ApproveInputSchema);
    const letterDate = parseDate(input.letterDate, 'letterDate');
    const org = await loadOrg(deps, who.orgId);
    const target = { who, org, requestId: param(ctx, 'id'), version: versionOf(ctx, input.version) };
    ctx.body = await approveRequest(deps, { ...target, letterNumber: input.letterNumber ?? null, letterDate });
  });
  router.post('/requests/:id/reject', async (ctx) => {
    const who = requireRole(ctx, secretariatRoles);
    const input = validBody(ctx, RejectInputSchema);
    const org = await loadOrg(deps, who.orgId);
    if (!input.reason && !input.templateId) throw fieldRequired('reason');
    const target = { who, org, requestId: param(ctx, 'id'), version: versionOf(ctx, input.version) };
    ctx.body = await rejectRequest(deps, { ...target, reason: input.reason || null, templateId: input.templateId ?? null });
  });
  router.post('/requests/:id/refer', async (ctx) => {
    const who = requireRole(ctx, secretariatRoles);
    const input = validBody(ctx, ReferInputSchema);
    const org = await loadOrg(deps, who.orgId);
    const target = { who, org, requestId: param(ctx, 'id'), version: versionOf(ctx, input.version) };
    ctx.body = await referRequest(deps, { ...target, unitId: input.unitId, assigneeId: input.assigneeId ?? null, note: input.note || null });
  });
  router.post('/requests/:id/return', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    const input = validBody(ctx, ReturnInputSchema);
    const org = await loadOrg(deps, who.orgId);
    ctx.body = await returnRequest(deps, { who, org, requestId: param(ctx, 'id'), version: versionOf(ctx, input.version), note: input.note || null });
  });
  router.post('/requests/:id/documents-request', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    const input = validBody(ctx, DocumentsRequestInputSchema);
    const org = await loadOrg(deps, who.orgId);
    ctx.body = await requestDocuments(deps, { who, org, requestId: param(ctx, 'id'), version: versionOf(ctx, input.version), message: input.message });
  });
  router.post('/requests/:id/reply', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    const org = await loadOrg(deps, who.orgId);
    // Checked before the body is read: a handler learns nothing, not even a size limit, of a request outside their units.
    await findVisible(deps, who, param(ctx, 'id'));
    const form = await readMultipart(ctx, deps, { orgId: org.row.id, maxFileBytes: org.settings.rules.maxFileBytes });
    ctx.body = await keepingFiles(deps, org.row.id, form, async () => {
      const fields = parse(ReplyFieldsSchema, form.fields, { source: 'form' });
      const text = fields.text || null;
      const file = form.files.length > 0 ? await checkFile(form.files, 'file', org.settings.rules) : null;
      const templateId = fields.templateId || null;
      if (!text && !file && !templateId) throw fieldRequired('text');
      const version = versionOf(ctx, fields.version === undefined ? undefined : Number(fields.version));
      return replyToRequest(deps, { who, org, requestId: param(ctx, 'id'), version, text, file, templateId });
    });
  });
  router.get('/requests/:id/notes', async (ctx) => {
    ctx.body = { items: await listNotes(deps, { who: requireRole(ctx, anyStaffRole), requestId: param(ctx, 'id') }) };
  });
  router.post('/requests/:id/notes', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    const { text } = validBody(ctx, NoteInputSchema);
    ctx.status = 201;
    ctx.body = await addNote(deps, { who, requestId: param(ctx, 'id'), text });
  });
  router.get('/requests/:id/audit', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    await findVisible(deps, who, param(ctx, 'id'));
    ctx.body = { items: await listAudit(deps, { orgId: who.orgId, requestId: param(ctx, 'id') }) };
  });
  router.get('/audit', async (ctx) => {
    ctx.body = { items: await listAudit(deps, { orgId: requireRole(ctx, ['admin']).orgId }) };
  });

  registerOrgAdminRoutes(router, deps);
  registerTemplateRoutes(router, deps);
  return router;
}

/**
 * The version a decision was made on: the body's `version`, or `If-Match` (`3` or `"3"`), or
 * `undefined` when the caller sent neither (then only the request's status guards the change).
 */
function versionOf(ctx: RouterContext<StaffRouteState>, fromBody: number | undefined): number | undefined {
  if (fromBody !== undefined) return fromBody;
  const header = ctx.get('If-Match').trim();
  if (!header) return undefined;
  const match = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header);
  if (!match) throw invalidInput('If-Match must be the request version, e.g. "3".', { field: 'If-Match' });
  return Number(match[1]);
}
