import type { Context, Next } from 'koa';

/** Headers every answer carries: no sniffing, no framing of API answers, no referrer leaks. */
export async function securityHeaders(ctx: Context, next: Next): Promise<void> {
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.set('Cross-Origin-Resource-Policy', 'cross-origin');
  if (ctx.path.startsWith('/v1/') || ctx.path.startsWith('/dev/') || ctx.path === '/healthz') {
    ctx.set('X-Frame-Options', 'DENY');
    ctx.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    ctx.set('Cache-Control', 'no-store');
  }
  await next();
}
