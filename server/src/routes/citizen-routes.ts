import { Router, type RouterContext } from '@koa/router';
import { AppealFieldsSchema, ChallengeQuerySchema, ListRequestsQuerySchema, ReceiptQuerySchema, OtpRequestInputSchema, SessionInputSchema, SubmitRequestFieldsSchema, SupplementFieldsSchema } from '@citizen-counter/sdk/schemas';
import type { Next } from 'koa';
import { hashForm, keepingFiles, readMultipart } from '../middleware/multipart.js';
import { parse, parseIdempotencyKey, validBody, validQuery, withinChars } from '../middleware/validate.js';
import { presentProfile } from '../presenters/org.js';
import { getCitizenFile, getCitizenRequest, listCitizenRequests, submitRequest } from '../services/citizen-requests.js';
import { checkFile } from '../services/file-rules.js';
import { submitSupplement } from '../services/supplements.js';
import { submitAppeal } from '../services/appeals.js';
import { sha256 } from '../lib/crypto.js';
import { createHumanCheck } from '../services/human-check.js';
import { loadOrg } from '../services/orgs.js';
import { readPhone, requestOtp } from '../services/otp.js';
import { normalizeDigits } from '../lib/persian-text.js';
import { authenticate, login, logout } from '../services/sessions.js';
import { isAppError, unauthorized } from '../errors/app-error.js';
import type { KeyGuard } from '../middleware/key-guard.js';
import { receiptPage, receiptPagePolicy } from '../presenters/receipt-page.js';
import { receiptLinker, receiptLocale, verifyReceipt } from '../services/receipts.js';
import type { CitizenRouteState, CitizenState, Deps } from '../types.js';
import { bearer, param, publicBase, sendFile, webOtpHost } from './http-helpers.js';

/**
 * The citizen API under `/v1/orgs/:org`: profile, human check, OTP, sessions, requests and the
 * public receipt check, whose wrong signatures count against the address in `keyGuard`.
 */
export function citizenRoutes(deps: Deps, keyGuard: KeyGuard): Router {
  const router = new Router<CitizenRouteState>({ prefix: '/v1/orgs/:org' });
  const link = (ctx: RouterContext<CitizenRouteState>) => receiptLinker(deps.config.serverSecret, publicBase(ctx, deps.config.publicUrl));
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
    ctx.body = await requestOtp(deps, { org, phone, challenge: input.challenge, ip: ctx.ip, webOtpHost: webOtpHost(ctx, org.settings.allowedOrigins, deps.config.publicUrl) });
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
      return submitRequest(deps, { org, citizen: citizen(ctx), fields, file, idempotency, link: link(ctx) });
    });
    // A replay answers exactly as the first attempt did.
    ctx.status = 201;
    ctx.body = request;
  });

  router.get('/requests', requireSession, async (ctx) => {
    ctx.body = await listCitizenRequests(deps, { citizen: citizen(ctx), query: validQuery(ctx, ListRequestsQuerySchema), link: link(ctx) });
  });

  router.get('/requests/:id', requireSession, async (ctx) => {
    ctx.body = await getCitizenRequest(deps, { citizen: citizen(ctx), requestId: param(ctx, 'id'), link: link(ctx) });
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
      return submitSupplement(deps, { org, citizen: citizen(ctx), requestId, text, file, idempotency, link: link(ctx) });
    });
    ctx.status = 201;
    ctx.body = request;
  });

  router.post('/requests/:id/appeals', requireSession, async (ctx) => {
    const org = await loadOrg(deps, param(ctx, 'org'));
    const key = parseIdempotencyKey(ctx.get('Idempotency-Key') || undefined);
    const requestId = param(ctx, 'id');
    const form = await readMultipart(ctx, deps, { orgId: org.row.id, maxFileBytes: org.settings.rules.maxFileBytes });
    const { request } = await keepingFiles(deps, org.row.id, form, async () => {
      const { text } = parse(AppealFieldsSchema, form.fields, { source: 'form' });
      const file = form.files.length > 0 ? await checkFile(form.files, 'file', org.settings.rules) : null;
      const idempotency = key ? { key, requestHash: sha256(`appeal|${requestId}|${hashForm(form)}`) } : null;
      return submitAppeal(deps, { org, citizen: citizen(ctx), requestId, text: text.trim(), file, idempotency, link: link(ctx) });
    });
    ctx.status = 201;
    ctx.body = request;
  });

  router.get('/requests/:id/files/:fileId', requireSession, async (ctx) => {
    sendFile(ctx, await getCitizenFile(deps, { citizen: citizen(ctx), requestId: param(ctx, 'id'), fileId: param(ctx, 'fileId') }));
  });

  router.get('/receipts/:trackingCode', async (ctx) => {
    const query = validQuery(ctx, ReceiptQuerySchema);
    const orgId = param(ctx, 'org');
    const trackingCode = param(ctx, 'trackingCode');
    // A wrong signature counts as a wrong key of the address, so receipts cannot be guessed at speed.
    const result = await keyGuard
      .check(ctx.ip, async () => {
        const checked = await verifyReceipt(deps, { orgId, trackingCode, sig: query.sig });
        if (!checked.genuine) throw unauthorized();
        return checked;
      })
      .catch((error: unknown) => {
        if (isAppError(error) && error.code === 'unauthorized') return { genuine: false as const };
        throw error;
      });
    ctx.set('Vary', 'Accept, Accept-Language');
    if (ctx.accepts('html', 'json') === 'json') {
      ctx.body = result;
      return;
    }
    ctx.set('Content-Security-Policy', receiptPagePolicy);
    ctx.type = 'html';
    ctx.body = receiptPage(result, receiptLocale(query.lang, ctx.get('Accept-Language') || undefined));
  });

  return router;
}
