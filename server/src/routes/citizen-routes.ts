import { Router, type RouterContext } from '@koa/router';
import { AppealFieldsSchema, ChallengeQuerySchema, DeleteAccountInputSchema, ListRequestsQuerySchema, PrintedReceiptQuerySchema, ReceiptLinkQuerySchema, ReceiptQuerySchema, OtpRequestInputSchema, SessionInputSchema, SubmitRequestFieldsSchema, SupplementFieldsSchema } from '@citizen-counter/sdk/schemas';
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
import QRCode from 'qrcode';
import { printedReceiptPage, printedReceiptPolicy, printLinkEndedPage, receiptPage, receiptPagePolicy } from '../presenters/receipt-page.js';
import { printLink, printLinkValid, receiptLinker, receiptLocale, verifyReceipt } from '../services/receipts.js';
import type { CitizenRouteState, CitizenState, Deps } from '../types.js';
import { bearer, param, publicBase, sendArchive, sendFile, webOtpHost } from './http-helpers.js';
import { collectCitizenData } from '../services/data-export.js';
import { deleteCitizenAccount } from '../services/account-deletion.js';
import { zipStream } from '../lib/zip-stream.js';

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

  router.get('/me/export', requireSession, async (ctx) => {
    const { data, entries } = await collectCitizenData(deps, { citizen: citizen(ctx), link: link(ctx) });
    const archive = zipStream(
      [{ path: 'data.json', content: Buffer.from(JSON.stringify(data, null, 2)) }],
      entries.map((entry) => ({ path: entry.path, open: () => deps.files.open(entry.file) })),
      deps.config.now(),
    );
    sendArchive(ctx, `citizen-data-${data.org.id}.zip`, archive);
  });

  router.delete('/me', requireSession, async (ctx) => {
    validBody(ctx, DeleteAccountInputSchema);
    await deleteCitizenAccount(deps, { citizen: citizen(ctx) });
    ctx.status = 204;
  });

  router.post('/requests/:id/receipt-link', requireSession, async (ctx) => {
    const { lang } = validQuery(ctx, ReceiptLinkQuerySchema);
    const { orgId, citizenId } = citizen(ctx);
    const requestId = param(ctx, 'id');
    // Only the citizen's own request: anyone else's is 404 like any other unknown id.
    await getCitizenRequest(deps, { citizen: citizen(ctx), requestId, link: link(ctx) });
    ctx.status = 201;
    ctx.body = printLink({ base: publicBase(ctx, deps.config.publicUrl), secret: deps.config.serverSecret, orgId, requestId, citizenId, lang, now: deps.config.now() });
  });

  router.get('/requests/:id/receipt', async (ctx) => {
    const query = validQuery(ctx, PrintedReceiptQuerySchema);
    const org = await loadOrg(deps, param(ctx, 'org'));
    const orgId = org.row.id;
    const requestId = param(ctx, 'id');
    const locale = receiptLocale(query.lang, ctx.get('Accept-Language') || undefined);
    // A changed or made-up link counts as a wrong key of the address, like a receipt check's.
    const request = await keyGuard
      .check(ctx.ip, async () => {
        const valid = printLinkValid(deps.config.serverSecret, { orgId, requestId, citizenId: query.c, exp: query.exp, sig: query.sig, now: deps.config.now() });
        if (!valid) throw unauthorized();
        return getCitizenRequest(deps, { citizen: { orgId, citizenId: query.c, sessionId: '' }, requestId, link: link(ctx) });
      })
      .catch((error: unknown) => {
        if (isAppError(error) && error.code === 'unauthorized') return null;
        throw error;
      });
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('Content-Security-Policy', printedReceiptPolicy);
    ctx.type = 'html';
    if (!request) {
      // An ended (or changed) link: a page saying so, in the reader's language, not an API error.
      ctx.status = 403;
      ctx.body = printLinkEndedPage(locale);
      return;
    }
    ctx.body = printedReceiptPage(
      {
        org: { name: locale === 'fa' ? org.row.nameFa : org.row.nameEn, logoUrl: org.settings.logoUrl },
        trackingCode: request.trackingCode,
        submittedAt: request.createdAt,
        fullName: request.fullName,
        subject: request.subject,
        unit: request.unit.name[locale],
        receiptUrl: request.receiptUrl,
        qrSvg: (await QRCode.toString(request.receiptUrl, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })).replace('<svg ', `<svg role="img" aria-label="QR" `),
      },
      locale,
    );
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
