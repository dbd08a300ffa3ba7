import type { Context, Next } from 'koa';
import { isAppError } from '../errors/app-error.js';
import { loadOrg, type LoadedOrg } from '../services/orgs.js';
import type { Deps } from '../types.js';
import { originNotAllowed } from '../errors/catalogue.js';

const allowHeaders = 'Authorization, Content-Type, Idempotency-Key, Accept, Accept-Language';
const allowMethods = 'GET, POST, PATCH, DELETE, OPTIONS';
const exposeHeaders = 'Content-Disposition, Retry-After, X-Request-Id';

/**
 * CORS for `/v1/orgs/:org/…`: a browser on one of the org's `allowedOrigins` is let in and only
 * that origin is reflected (never `*`, never a blind echo). Any other cross-origin call is refused
 * before it can do anything, such as sending an SMS. Same-origin calls never need CORS.
 */
export function orgCors(deps: Deps) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const match = /^\/v1\/orgs\/([^/]+)(?:\/|$)/.exec(ctx.path);
    const origin = ctx.get('Origin');
    if (!match?.[1] || !origin || isSameOrigin(ctx, origin, deps.config.publicUrl)) return next();
    ctx.vary('Origin');
    const orgId = decodeURIComponent(match[1]);
    // The cached loader: a preflight and its call cost no database read while the org is cached.
    const org = await loadOrg(deps, orgId).catch((error: unknown) => {
      if (isAppError(error) && error.status === 404) return null;
      throw error;
    });
    if (!org) return next();
    if (!allows(org, origin)) {
      // The refusal itself is readable by the page (not its preflight: nothing else gets through),
      // so the widget can say "this site may not embed the counter" rather than "unreachable".
      if (ctx.method !== 'OPTIONS') ctx.set('Access-Control-Allow-Origin', origin);
      throw originNotAllowed(origin);
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Expose-Headers', exposeHeaders);
    if (ctx.method === 'OPTIONS') {
      ctx.set('Access-Control-Allow-Methods', allowMethods);
      ctx.set('Access-Control-Allow-Headers', allowHeaders);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    await next();
  };
}

function allows(org: LoadedOrg, origin: string): boolean {
  return org.settings.allowedOrigins.includes(origin);
}

/**
 * A call from the service's own pages. With `PUBLIC_URL` set only that origin is: the `Host`
 * header is the caller's to write, and a name an attacker points at this server (DNS rebinding)
 * must be checked like any other site. Without it (development), the host the call came to.
 */
function isSameOrigin(ctx: Context, origin: string, publicUrl: string | null): boolean {
  return publicUrl !== null ? origin === publicUrl : origin === `${ctx.protocol}://${ctx.host}`;
}
