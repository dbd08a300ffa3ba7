import type { Server } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import type { Config } from './config.js';
import { Metrics, metricsRoutes } from './ops/metrics.js';
import { createDatabase, type Database } from './db/database.js';
import { migrate } from './db/migrator.js';
import { KeyGuard } from './middleware/key-guard.js';
import { errorHandler } from './middleware/error-handler.js';
import { requestLog } from './middleware/request-log.js';
import { createLogger, type Logger } from './lib/logger.js';
import { jsonBody } from './middleware/json-body.js';
import { orgCors } from './middleware/org-cors.js';
import { securityHeaders } from './middleware/security-headers.js';
import { staticFiles } from './middleware/static-files.js';
import { UploadBudget } from './middleware/upload-budget.js';
import { OutboxWorker } from './outbox/outbox-worker.js';
import { adminRoutes } from './routes/admin-routes.js';
import { citizenRoutes } from './routes/citizen-routes.js';
import { staffAuthRoutes, staffRoutes } from './routes/staff-routes.js';
import { systemRoutes } from './routes/system-routes.js';
import { createSmsProvider } from './sms/providers.js';
import { openFileStores } from './storage/stores.js';
import type { Deps } from './types.js';

/** A built service: the Koa app with its database and outbox worker. */
export interface CitizenCounterApp {
  koa: Koa;
  db: Database;
  deps: Deps;
  outbox: OutboxWorker;
  /** Every route the routers answer, as `METHOD /path/:param` (for the OpenAPI check). */
  routes: string[];
  /** The service's JSON log (`LOG_LEVEL`). */
  logger: Logger;
  /** Starts listening; answers with the base URL (port 0 picks a free port). */
  listen(port?: number, host?: string): Promise<string>;
  /**
   * Stops accepting, lets the answers in flight finish for up to `graceMs` (default 0: cut at
   * once), then stops the outbox worker after its delivery in flight and closes the database.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/** One final answer as a response observer sees it. */
export interface ObservedResponse {
  method: string;
  /** The route pattern that answered (`/v1/orgs/:org/requests`), or `null` when none matched. */
  route: string | null;
  status: number;
  /** The `Content-Type` without parameters. */
  type: string;
  /** The JSON body as it goes on the wire, or `undefined` when the body is not JSON. */
  body: unknown;
}

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  /** Apply pending migrations first. @default true */
  migrate?: boolean;
  /** PostgreSQL schema to work in (tests). */
  schema?: string;
  /** Sees every answer once it is final; the tests check each against the OpenAPI document. */
  observe?: (response: ObservedResponse) => void;
}

/** Builds the service from a configuration: database, migrations, middleware, routes, outbox. */
export async function createApp(config: Config, options: CreateAppOptions = {}): Promise<CitizenCounterApp> {
  const logger = createLogger(config.logLevel);
  const db = await createDatabase(config.databaseUrl, options.schema ? { schema: options.schema } : {});
  if (options.migrate ?? true) await migrate(db.sequelize);
  const metrics = new Metrics(db);
  const files = openFileStores(config.storage, db, join(config.dataDir, 'files'));
  const outbox = new OutboxWorker(db, config, metrics.countSms(createSmsProvider(config, db)), files, logger);
  const uploads = new UploadBudget(config.uploadBytesInFlight);
  metrics.watchUploads(uploads, config.uploadBytesInFlight);
  const deps: Deps = { db, files, config, outbox, uploads };
  // Wrong operator and staff keys are bounded per address; the count of checks in flight is this process's.
  const keyGuard = new KeyGuard(deps);

  // With N trusted proxies, Koa keeps only the last N X-Forwarded-For entries: the client is the first of those.
  const koa = new Koa({ proxy: config.trustProxyHops > 0, maxIpsCount: config.trustProxyHops });
  // The error handler turns failures into answers; the unexpected ones (5xx) are logged here.
  koa.on('error', (error: unknown, ctx?: Koa.Context) => {
    logger.error({ err: error, requestId: ctx?.state['requestId'], method: ctx?.method, path: ctx?.path }, 'failed');
  });
  koa.use(requestLog(logger));
  koa.use(metrics.middleware());
  const { observe } = options;
  // Filled once the routers exist: the patterns of real routes, not of a router's own middleware.
  const routePaths = new Set<string>();
  if (observe) koa.use(observer(observe, routePaths));
  koa.use(errorHandler);
  koa.use(securityHeaders(config));
  // Source maps show the widget's sources to anyone: served while developing, not in production.
  const hideMaps = (file: string) => config.production && file.endsWith('.map');
  koa.use(staticFiles({ prefix: '/widget/', root: () => config.widgetDist, publicCors: true, versioned: true, hide: hideMaps }));
  koa.use(orgCors(deps));
  koa.use(jsonBody);
  // The citizen routes are the hot ones: matched first.
  const routers = [citizenRoutes(deps, keyGuard), staffAuthRoutes(deps), staffRoutes(deps, keyGuard), adminRoutes(deps, keyGuard), systemRoutes(deps), metricsRoutes(metrics, config, keyGuard)];
  const routes = routers.flatMap((router) =>
    router.stack.flatMap((layer) => layer.methods.filter((method) => method !== 'HEAD').map((method) => `${method} ${layer.path}`)),
  );
  for (const route of routes) routePaths.add(route.slice(route.indexOf(' ') + 1));
  for (const router of routers) {
    koa.use(router.routes());
    // Not thrown: the router then sets `Allow`, and the error handler renders the 405 around it.
    koa.use(router.allowedMethods());
  }
  // The demo folder is a workspace too: its package.json is not part of the site.
  koa.use(staticFiles({ prefix: '/', root: () => config.demoDir, hide: (file) => file === 'package.json' || (config.production && file.endsWith('.map')) }));
  // Browsers ask every page's origin for /favicon.ico, the receipt pages' and the API's too, and log
  // a 404 as a console error: no icon, no error (a demo site's own favicon.ico is served above).
  koa.use(async (ctx, next) => {
    if (ctx.path !== '/favicon.ico' || (ctx.method !== 'GET' && ctx.method !== 'HEAD')) return next();
    ctx.set('Cache-Control', 'public, max-age=86400');
    ctx.status = 204;
  });

  let server: Server | null = null;
  outbox.start();
  return {
    koa,
    db,
    deps,
    outbox,
    routes,
    logger,
    listen(port = config.port, host = config.host) {
      return new Promise((resolve, reject) => {
        const listening = koa.listen(port, host, () => {
          const address = listening.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
          resolve(`http://${shownHost}:${address.port}`);
        });
        listening.once('error', reject);
        server = listening;
      });
    },
    async close(options = {}) {
      if (server) await stopListening(server, options.graceMs ?? 0);
      await outbox.stop();
      await files.close();
      await db.close();
    },
  };
}

/**
 * Closes the listening socket and every connection once its answer is sent: idle keep-alive
 * connections at once and again every 100 ms (a finished answer leaves its connection idle), the
 * rest when `graceMs` is over.
 */
async function stopListening(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const idle = setInterval(() => server.closeIdleConnections(), 100);
  let grace: NodeJS.Timeout | undefined;
  await Promise.race([closed, new Promise<void>((resolve) => (grace = setTimeout(resolve, graceMs)))]);
  clearInterval(idle);
  clearTimeout(grace);
  server.closeAllConnections();
  await closed;
}

/** The outermost middleware when an observer is given: it sees the answer after the error handler. */
function observer(observe: (response: ObservedResponse) => void, routePaths: ReadonlySet<string>): Koa.Middleware {
  return async (ctx, next) => {
    await next();
    const matched = (ctx as Koa.Context & { _matchedRoute?: string | RegExp })._matchedRoute;
    // A router's own middleware (the staff and admin key checks) may answer before a route matched.
    const route = typeof matched === 'string' && routePaths.has(matched) ? matched : null;
    const json = ctx.response.is('json') !== false && ctx.body !== undefined && ctx.body !== null && !Buffer.isBuffer(ctx.body);
    observe({
      method: ctx.method,
      route,
      status: ctx.status,
      type: ctx.response.type,
      body: json ? (JSON.parse(JSON.stringify(ctx.body)) as unknown) : undefined,
    });
  };
}
