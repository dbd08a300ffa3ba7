import type { Context, Next } from 'koa';
import { HttpMethodEnum, koaBody } from 'koa-body';

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
  parsedMethods: [HttpMethodEnum.POST, HttpMethodEnum.PUT, HttpMethodEnum.PATCH, HttpMethodEnum.DELETE],
});

/**
 * {@link parseJson} for the methods that carry a body; reads go straight through, and so does a
 * DELETE unless it sends JSON (deleting an account takes a confirmation in its body).
 */
export function jsonBody(ctx: Context, next: Next): Promise<unknown> {
  if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.method === 'OPTIONS') return next();
  if (ctx.method === 'DELETE' && !ctx.request.is('json')) return next();
  return parseJson(ctx, next);
}
