import { Router, type RouterContext } from '@koa/router';
import { ChallengeQuerySchema, ListRequestsQuerySchema, OtpRequestInputSchema, SessionInputSchema, SubmitRequestFieldsSchema, SupplementFieldsSchema } from '@citizen-counter/sdk/schemas';
import type { Next } from 'koa';
import { hashForm, keepingFiles, readMultipart } from '../middleware/multipart.js';
import { parse, parseIdempotencyKey, validBody, validQuery, withinChars } from '../middleware/validate.js';
import { presentProfile } from '../presenters/org.js';
import { getCitizenFile, getCitizenRequest, listCitizenRequests, submitRequest } from '../services/citizen-requests.js';
import { checkFile } from '../services/file-rules.js';
import { submitSupplement } from '../services/supplements.js';
import { sha256 } from '../lib/crypto.js';
import { createHumanCheck } from '../services/human-check.js';
import { loadOrg } from '../services/orgs.js';
import { readPhone, requestOtp } from '../services/otp.js';
import { normalizeDigits } from '../lib/persian-text.js';
import { authenticate, login, logout } from '../services/sessions.js';
import { unauthorized } from '../errors/app-error.js';
import type { CitizenRouteState, CitizenState, Deps } from '../types.js';
import { bearer, param, sendFile } from './http-helpers.js';

/** The citizen API under `/v1/orgs/:org`: profile, human check, OTP, sessions and requests. */
export function citizenRoutes(deps: Deps): Router {
  const router = new Router<CitizenRouteState>({ prefix: '/v1/orgs/:org' });
  // Only routes behind requireSession read it; reaching one without is a wiring mistake, answered as 401.
  const citizen = (ctx: RouterContext<CitizenRouteState>): CitizenState => {
    if (!ctx.state.citizen) throw unauthorized();
    return ctx.state.citizen;
  };
  const requireSession = async (ctx: RouterContext<CitizenRouteState>, next: Next): Promise<void> => {
    ctx.state.citizen = await authenticate(deps, { orgId: param(ctx, 'org'), token: bearer(ctx) });
    await next();
  };

  router.get('/', async (ctx) => {
    ctx.body = presentProfile(await loadOrg(deps, param(ctx, 'org')));
  });

  router.post('/challenges', async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const { kind } = validQuery(ctx, ChallengeQuerySchema);
    ctx.status = 201;
    ctx.body = await createHumanCheck(deps, { orgId: org.row.id, kind: kind ?? org.settings.humanCheck, ip: ctx.ip });
  });

  router.post('/otp', async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const input = validBody(ctx, OtpRequestInputSchema);
    const phone = readPhone(input.phone, org);
    ctx.status = 202;
    ctx.body = await requestOtp(deps, { org, phone, challenge: input.challenge, ip: ctx.ip });
  });

  router.post('/sessions', async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const input = validBody(ctx, SessionInputSchema);
    const phone = readPhone(input.phone, org);
    const code = normalizeDigits(input.code).replace(/\s/g, '');
    ctx.status = 201;
    ctx.body = await login(deps, { org, phone, code });
  });

  router.delete('/sessions/current', requireSession, async (ctx) => {
    const { orgId, sessionId } = citizen(ctx);
    await logout(deps, { orgId, sessionId });
    ctx.status = 204;
  });

  router.post('/requests', requireSession, async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const key = parseIdempotencyKey(ctx.get('Idempotency-Key') || undefined);
    const { rules } = org.settings;
    const form = await readMultipart(ctx, deps, { orgId: org.row.id, maxFileBytes: rules.maxFileBytes });
    const { request } = await keepingFiles(deps, org.row.id, form, async () => {
      const fields = parse(SubmitRequestFieldsSchema, form.fields, { source: 'form' });
      withinChars('fullName', fields.fullName, rules.maxFullNameLength);
      withinChars('subject', fields.subject, rules.maxSubjectLength);
      const file = await checkFile(form.files, 'body', rules);
      const idempotency = key ? { key, requestHash: hashForm(form) } : null;
      return submitRequest(deps, { org, citizen: citizen(ctx), fields, file, idempotency });
    });
    // A replay answers exactly as the first attempt did.
    ctx.status = 201;
    ctx.body = request;
  });

  router.get('/requests', requireSession, async (ctx) => {
    ctx.body = await listCitizenRequests(deps, { citizen: citizen(ctx), query: validQuery(ctx, ListRequestsQuerySchema) });
  });

  router.get('/requests/:id', requireSession, async (ctx) => {
    ctx.body = await getCitizenRequest(deps, { citizen: citizen(ctx), requestId: param(ctx, 'id') });
  });

  router.post('/requests/:id/supplements', requireSession, async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const key = parseIdempotencyKey(ctx.get('Idempotency-Key') || undefined);
    const requestId = param(ctx, 'id');
    const form = await readMultipart(ctx, deps, { orgId: org.row.id, maxFileBytes: org.settings.rules.maxFileBytes });
    const { request } = await keepingFiles(deps, org.row.id, form, async () => {
      const text = parse(SupplementFieldsSchema, form.fields, { source: 'form' }).text?.trim() || null;
      const file = await checkFile(form.files, 'file', org.settings.rules);
      // The hash covers the request too: the same key sent for another request is a reuse, not a replay.
      const idempotency = key ? { key, requestHash: sha256(`${requestId}|${hashForm(form)}`) } : null;
      return submitSupplement(deps, { org, citizen: citizen(ctx), requestId, text, file, idempotency });
    });
    ctx.status = 201;
    ctx.body = request;
  });

  router.get('/requests/:id/files/:fileId', requireSession, async (ctx) => {
    sendFile(ctx, await getCitizenFile(deps, { citizen: citizen(ctx), requestId: param(ctx, 'id'), fileId: param(ctx, 'fileId') }));
  });

  return router;
}
