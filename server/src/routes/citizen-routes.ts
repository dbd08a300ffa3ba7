import { Router } from '@koa/router';
import type { Context, Next } from 'koa';
import { readMultipart } from '../middleware/multipart.js';
import { presentProfile } from '../presenters/org.js';
import { getCitizenFile, getCitizenRequest, listCitizenRequests, submitRequest } from '../services/citizen-requests.js';
import { createHumanCheck } from '../services/human-check.js';
import { readIdempotencyKey } from '../services/idempotency.js';
import { loadOrg } from '../services/orgs.js';
import { requestOtp } from '../services/otp.js';
import { authenticate, login, logout } from '../services/sessions.js';
import type { CitizenState, Deps } from '../types.js';
import { bearer, param, query, sendFile } from './http-helpers.js';

/** The citizen API under `/v1/orgs/:org`: profile, human check, OTP, sessions and requests. */
export function citizenRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/v1/orgs/:org' });
  const citizen = (ctx: Context): CitizenState => ctx.state['citizen'] as CitizenState;
  const requireSession = async (ctx: Context, next: Next): Promise<void> => {
    ctx.state['citizen'] = await authenticate(deps, { orgId: param(ctx, 'org'), token: bearer(ctx) });
    await next();
  };

  router.get('/', async (ctx) => {
    ctx.body = presentProfile(await loadOrg(deps.db, param(ctx, 'org')));
  });

  router.post('/challenges', async (ctx) => {
    const org = await loadOrg(deps.db, param(ctx, 'org'));
    ctx.status = 201;
    ctx.body = await createHumanCheck(deps, { orgId: org.row.id, kind: org.settings.humanCheck });
  });

  router.post('/otp', async (ctx) => {
    const org = await loadOrg(deps.db, param(ctx, 'org'));
    ctx.status = 202;
    ctx.body = await requestOtp(deps, { org, body: ctx.request.body, ip: ctx.ip });
  });

  router.post('/sessions', async (ctx) => {
    const org = await loadOrg(deps.db, param(ctx, 'org'));
    ctx.status = 201;
    ctx.body = await login(deps, { org, body: ctx.request.body });
  });

  router.delete('/sessions/current', requireSession, async (ctx) => {
    const { orgId, sessionId } = citizen(ctx);
    await logout(deps, { orgId, sessionId });
    ctx.status = 204;
  });

  router.post('/requests', requireSession, async (ctx) => {
    const org = await loadOrg(deps.db, param(ctx, 'org'));
    const idempotencyKey = readIdempotencyKey(ctx.get('Idempotency-Key') || undefined);
    const form = await readMultipart(ctx, { maxFileBytes: org.settings.rules.maxFileBytes });
    const response = await submitRequest(deps, { org, citizen: citizen(ctx), form, idempotencyKey });
    ctx.status = response.status;
    ctx.body = response.body;
  });

  router.get('/requests', requireSession, async (ctx) => {
    ctx.body = await listCitizenRequests(deps, { citizen: citizen(ctx), query: query(ctx) });
  });

  router.get('/requests/:id', requireSession, async (ctx) => {
    ctx.body = await getCitizenRequest(deps, { citizen: citizen(ctx), requestId: param(ctx, 'id') });
  });

  router.get('/requests/:id/files/:fileId', requireSession, async (ctx) => {
    sendFile(ctx, await getCitizenFile(deps, { citizen: citizen(ctx), requestId: param(ctx, 'id'), fileId: param(ctx, 'fileId') }));
  });

  return router;
}
