import type { ErrorBody } from '@citizen-counter/sdk';
import type { Context, Next } from 'koa';
import { AppError, isAppError } from '../errors/app-error.js';
import { bodyNotDecodable, fromHttpStatus, invalidJson, routeNotFound } from '../errors/catalogue.js';

/**
 * The first middleware: renders every failure as `{"error": {code, message, details}}`. Known
 * failures of the libraries (body parser, router) keep their 4xx status with a stable code;
 * anything else becomes a 500 `internal_error` without internals, and the original error is
 * emitted on the app (`app.on('error')`), where the service logs it. An error whose details carry
 * `retryAfter` (seconds) answers with that `Retry-After` header, whatever its code.
 */
export async function errorHandler(ctx: Context, next: Next): Promise<void> {
  try {
    await next();
    if (ctx.status === 404 && ctx.body === undefined) throw routeNotFound();
    // The router answers a known path with a method it lacks by 405 (or 501) and an `Allow` header,
    // which stays on the rendered error.
    if ((ctx.status === 405 || ctx.status === 501) && ctx.body == null) throw fromHttpStatus(ctx.status);
  } catch (caught) {
    const error = toAppError(caught);
    if (error.status >= 500) ctx.app.emit('error', caught, ctx);
    const body: ErrorBody = { error: { code: error.code, message: error.message, details: error.details } };
    ctx.status = error.status;
    ctx.body = body;
    const retryAfter = error.details['retryAfter'];
    if (typeof retryAfter === 'number' && Number.isFinite(retryAfter)) ctx.set('Retry-After', String(Math.max(1, Math.ceil(retryAfter))));
  }
}

function toAppError(caught: unknown): AppError {
  if (isAppError(caught)) return caught;
  const error = (caught ?? {}) as { status?: unknown; statusCode?: unknown; httpCode?: unknown; type?: unknown; expose?: unknown; message?: unknown };
  const status = Number(error.httpCode ?? error.status ?? error.statusCode ?? 500);
  // zlib's and brotli's failures on a body sent compressed: the client's bytes, not our bug.
  if (typeof (caught as { code?: unknown } | null)?.code === 'string' && /^(Z_|ERR__ERROR_)/.test((caught as { code: string }).code)) {
    return bodyNotDecodable();
  }
  if (error.type === 'entity.parse.failed' || (status === 400 && error.type === undefined && /JSON/i.test(String(error.message)))) {
    return invalidJson();
  }
  return fromHttpStatus(status);
}
