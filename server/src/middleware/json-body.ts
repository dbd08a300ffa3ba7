import type { Context, Next } from 'koa';
import { koaBody } from 'koa-body';

/**
 * Parses JSON bodies (only objects and arrays, at most 100 KB). Multipart is left alone: upload
 * routes parse it themselves with the limits of the org in the path.
 */
const parseJson = koaBody({
  json: true,
  jsonStrict: true,
  jsonLimit: '100kb',
  multipart: false,
  urlencoded: false,
  text: false,
});

/** {@link parseJson} for the methods that carry a body; reads go straight through. */
export function jsonBody(ctx: Context, next: Next): Promise<unknown> {
  if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS' || ctx.method === 'DELETE') return next();
  return parseJson(ctx, next);
}
