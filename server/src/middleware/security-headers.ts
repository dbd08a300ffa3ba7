import type { Context, Next } from 'koa';
import type { Config } from '../config.js';

/**
 * The policy of the service's own pages (the demo site, later the staff desk) — the same a careful
 * webmaster sets for the widget: scripts and styles from this origin only, `data:` images for the
 * code image, `blob:` workers for the invisible check, framing only by this origin.
 */
export const pagePolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src blob:; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'";

/**
 * The staff desk's page: the page policy plus `blob:` images and frames, which is how the desk
 * previews a request's image or PDF it downloaded (never a URL a citizen's file could choose).
 */
export const deskPolicy = pagePolicy.replace("img-src 'self' data:", "img-src 'self' data: blob:; frame-src blob:");

/** API answers are data: nothing in them may run, load or be framed. */
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/**
 * Headers every answer carries — no sniffing, no referrer leaks, HSTS when the service is reached
 * over https (`PUBLIC_URL`) — and a Content-Security-Policy and framing rule on every path: the
 * strict one on API answers, {@link pagePolicy} on pages and the widget's files.
 */
export function securityHeaders(config: Pick<Config, 'publicUrl'>) {
  const hsts = config.publicUrl?.startsWith('https://') ?? false;
  return async (ctx: Context, next: Next): Promise<void> => {
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
    if (hsts) ctx.set('Strict-Transport-Security', 'max-age=31536000');
    if (ctx.path.startsWith('/v1/') || ctx.path.startsWith('/dev/') || ctx.path === '/healthz') {
      ctx.set('X-Frame-Options', 'DENY');
      ctx.set('Content-Security-Policy', apiPolicy);
      ctx.set('Cache-Control', 'no-store');
    } else {
      ctx.set('X-Frame-Options', 'SAMEORIGIN');
      ctx.set('Content-Security-Policy', ctx.path === '/desk' || ctx.path.startsWith('/desk/') ? deskPolicy : pagePolicy);
    }
    await next();
  };
}
