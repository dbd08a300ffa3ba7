import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Router } from '@koa/router';
import type { DevSmsMessage, Health, Readiness } from '@citizen-counter/sdk';
import { DevSmsQuerySchema } from '@citizen-counter/sdk/schemas';
import { pingDatabase } from '../db/health.js';
import { migrationStatus } from '../db/migrator.js';
import { notReady } from '../errors/catalogue.js';
import { openApiDocument } from '../openapi.js';
import type { Deps } from '../types.js';
import { validQuery } from '../middleware/validate.js';

/** `/healthz` (alive), `/readyz` (ready to serve), `/v1/openapi.json` and, with the dev SMS provider only, `/dev/sms`. */
export function systemRoutes(deps: Deps): Router {
  const router = new Router();
  router.get('/healthz', async (ctx) => {
    await pingDatabase(deps.db);
    const health: Health = { status: 'ok', database: deps.db.dialect, version: deps.config.version };
    ctx.body = health;
  });
  router.get('/readyz', async (ctx) => {
    const problems: string[] = [];
    try {
      const { pending } = await migrationStatus(deps.db.sequelize);
      if (pending.length > 0) problems.push(`${pending.length} database migration${pending.length === 1 ? ' is' : 's are'} pending (npm run cli -- migrate)`);
    } catch {
      problems.push('the database does not answer');
    }
    if (!existsSync(join(deps.config.widgetDist, 'citizen-counter.js'))) problems.push('the widget bundles are not built (npm run build)');
    if (problems.length > 0) {
      // Answered here, not thrown: a probe that finds the service not ready is not a failure to log.
      const error = notReady(problems);
      ctx.status = error.status;
      ctx.body = { error: { code: error.code, message: error.message, details: error.details } };
      return;
    }
    const ready: Readiness = { status: 'ready', database: deps.db.dialect, version: deps.config.version };
    ctx.body = ready;
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
