import { Router } from '@koa/router';
import type { DevSmsMessage, Health } from '@citizen-counter/sdk';
import { DevSmsQuerySchema } from '@citizen-counter/sdk/schemas';
import { pingDatabase } from '../db/health.js';
import { openApiDocument } from '../openapi.js';
import type { Deps } from '../types.js';
import { validQuery } from '../middleware/validate.js';

/** `/healthz`, `/v1/openapi.json` and, with the dev SMS provider only, `/dev/sms`. */
export function systemRoutes(deps: Deps): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    await pingDatabase(deps.db);
    const health: Health = { status: 'ok', database: deps.db.dialect, version: deps.config.version };
    ctx.body = health;
  });
  router.get('/v1/openapi.json', (ctx) => {
    ctx.set('Access-Control-Allow-Origin', '*');
    // Not ctx.origin: since Koa 3 that is the request's Origin header, null for a plain GET.
    ctx.body = openApiDocument({ version: deps.config.version, serverUrl: deps.config.publicUrl ?? `${ctx.protocol}://${ctx.host}` });
  });
  if (deps.config.sms.provider === 'dev') {
    router.get('/dev/sms', async (ctx) => {
      const { to, org } = validQuery(ctx, DevSmsQuerySchema);
      const where: Record<string, string> = {};
      if (to) where['to'] = to;
      if (org) where['orgId'] = org;
      const rows = await deps.db.models.DevSms.findAll({ where, order: [['createdAt', 'DESC'], ['id', 'DESC']], limit: 100 });
      const items: DevSmsMessage[] = rows.map((row) => ({
        id: row.id,
        orgId: row.orgId,
        to: row.to,
        text: row.text,
        createdAt: row.createdAt.toISOString(),
      }));
      ctx.body = { items };
    });
  }
  return router;
}
