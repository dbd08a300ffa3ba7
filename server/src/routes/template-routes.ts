import type { Router } from '@koa/router';
import {
  CreateTemplateInputSchema,
  RenderTemplateInputSchema,
  SmsTextInputSchema,
  SmsTextParamsSchema,
  UpdateTemplateInputSchema,
} from '@citizen-counter/sdk/schemas';
import { parse, validBody } from '../middleware/validate.js';
import { loadOrg } from '../services/orgs.js';
import { listSmsTexts, resetSmsText, setSmsText } from '../services/sms-texts.js';
import { findVisible } from '../services/staff-requests.js';
import { addTemplate, deleteTemplate, listTemplates, renderTemplate, updateTemplate } from '../services/templates.js';
import type { Deps, StaffRouteState } from '../types.js';
import { param } from './http-helpers.js';
import { anyStaffRole, requireRole } from './staff-access.js';

const adminRoles = ['admin'] as const;

/**
 * Answer and rejection templates and the org's SMS texts, on the staff router. Every staff member
 * reads them (the desk offers the templates when replying or rejecting); only admins change them.
 */
export function registerTemplateRoutes(router: Router<StaffRouteState>, deps: Deps): void {
  router.get('/templates', async (ctx) => {
    ctx.body = { items: await listTemplates(deps, { orgId: requireRole(ctx, anyStaffRole).orgId }) };
  });
  router.post('/templates', async (ctx) => {
    const who = requireRole(ctx, adminRoles);
    const input = validBody(ctx, CreateTemplateInputSchema);
    ctx.status = 201;
    ctx.body = await addTemplate(deps, { orgId: who.orgId, input, by: who });
  });
  router.patch('/templates/:templateId', async (ctx) => {
    const who = requireRole(ctx, adminRoles);
    const change = validBody(ctx, UpdateTemplateInputSchema);
    ctx.body = await updateTemplate(deps, { orgId: who.orgId, templateId: param(ctx, 'templateId'), change, by: who });
  });
  router.delete('/templates/:templateId', async (ctx) => {
    const who = requireRole(ctx, adminRoles);
    await deleteTemplate(deps, { orgId: who.orgId, templateId: param(ctx, 'templateId'), by: who });
    ctx.status = 204;
  });
  router.post('/templates/:templateId/render', async (ctx) => {
    const who = requireRole(ctx, anyStaffRole);
    const { requestId } = validBody(ctx, RenderTemplateInputSchema);
    const row = await findVisible(deps, who, requestId);
    const org = await loadOrg(deps, who.orgId);
    ctx.body = await renderTemplate(deps, { org, row, now: deps.config.now(), templateId: param(ctx, 'templateId') });
  });

  router.get('/sms-texts', async (ctx) => {
    const org = await loadOrg(deps, requireRole(ctx, anyStaffRole).orgId);
    ctx.body = { items: await listSmsTexts(deps, { org }) };
  });
  router.put('/sms-texts/:kind/:locale', async (ctx) => {
    const who = requireRole(ctx, adminRoles);
    const { kind, locale } = smsTextParams(ctx);
    const { text } = validBody(ctx, SmsTextInputSchema);
    ctx.body = await setSmsText(deps, { org: await loadOrg(deps, who.orgId), kind, locale, text, by: who });
  });
  router.delete('/sms-texts/:kind/:locale', async (ctx) => {
    const who = requireRole(ctx, adminRoles);
    const { kind, locale } = smsTextParams(ctx);
    ctx.body = await resetSmsText(deps, { org: await loadOrg(deps, who.orgId), kind, locale, by: who });
  });
}

/** The kind and locale of `…/sms-texts/:kind/:locale`, or 400 `invalid_input` naming the allowed ones. */
function smsTextParams(ctx: { params: Record<string, string> }) {
  return parse(SmsTextParamsSchema, { kind: param(ctx, 'kind'), locale: param(ctx, 'locale') }, { source: 'path' });
}
