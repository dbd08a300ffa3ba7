import { Router } from '@koa/router';
import { CreateApiKeyInputSchema, CreateOrgInputSchema, CreateUnitInputSchema, UpdateOrgInputSchema } from '@citizen-counter/sdk/schemas';
import type { Context, Next } from 'koa';
import { validBody } from '../middleware/validate.js';
import { presentOrg } from '../presenters/org.js';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js';
import { safeEqual } from '../lib/crypto.js';
import { createOrg, listOrgs, loadOrg, updateOrg } from '../services/orgs.js';
import { addUnit } from '../services/units.js';
import type { Deps } from '../types.js';
import { bearer, param } from './http-helpers.js';
import { adminKeyRequired } from '../errors/catalogue.js';

/** The operator API under `/v1/admin`, authorized by `ADMIN_KEY` (compared in constant time). */
export function adminRoutes(deps: Deps): Router {
  const router = new Router({ prefix: '/v1/admin' });
  router.use(async (ctx: Context, next: Next) => {
    const key = bearer(ctx);
    if (!key || !safeEqual(key, deps.config.adminKey)) throw adminKeyRequired();
    await next();
  });
  const now = () => deps.config.now();

  router.post('/orgs', async (ctx) => {
    const input = validBody(ctx, CreateOrgInputSchema);
    ctx.status = 201;
    ctx.body = presentOrg(await createOrg(deps.db, { ...input, now: now() }));
  });
  router.get('/orgs', async (ctx) => {
    ctx.body = { items: (await listOrgs(deps.db)).map(presentOrg) };
  });
  router.get('/orgs/:org', async (ctx) => {
    ctx.body = presentOrg(await loadOrg(deps.db, param(ctx, 'org')));
  });
  router.patch('/orgs/:org', async (ctx) => {
    const input = validBody(ctx, UpdateOrgInputSchema);
    ctx.body = presentOrg(await updateOrg(deps.db, { orgId: param(ctx, 'org'), name: input.name, settings: input.settings }));
  });
  router.post('/orgs/:org/units', async (ctx) => {
    const { name } = validBody(ctx, CreateUnitInputSchema);
    ctx.status = 201;
    ctx.body = await addUnit(deps.db, { orgId: param(ctx, 'org'), name, now: now() });
  });
  router.post('/orgs/:org/keys', async (ctx) => {
    const { label } = validBody(ctx, CreateApiKeyInputSchema);
    ctx.status = 201;
    ctx.body = await createApiKey(deps.db, { orgId: param(ctx, 'org'), label: label ?? '', now: now() });
  });
  router.get('/orgs/:org/keys', async (ctx) => {
    ctx.body = { items: await listApiKeys(deps.db, { orgId: param(ctx, 'org') }) };
  });
  router.delete('/orgs/:org/keys/:keyId', async (ctx) => {
    await revokeApiKey(deps.db, { orgId: param(ctx, 'org'), keyId: param(ctx, 'keyId'), now: now() });
    ctx.status = 204;
  });
  return router;
}
