import { randomUUID } from 'node:crypto';
import type { Context, Next } from 'koa';
import type { Logger } from '../lib/logger.js';

/** An `X-Request-Id` a client or proxy may choose: short, and nothing that could forge a log line. */
const acceptedId = /^[A-Za-z0-9._:-]{1,100}$/;

/**
 * The outermost middleware: gives every request an id — the caller's `X-Request-Id` when it is a
 * plain token, else a new UUID — sends it back in `X-Request-Id`, keeps it in `ctx.state.requestId`,
 * and writes one access-log line when the answer is done: method, path (never the query string),
 * status, duration and size. Headers and bodies, where tokens and codes travel, are never logged.
 */
export function requestLog(logger: Logger) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const started = performance.now();
    const given = ctx.get('X-Request-Id');
    const requestId = acceptedId.test(given) ? given : randomUUID();
    ctx.state['requestId'] = requestId;
    ctx.set('X-Request-Id', requestId);
    // Written once the answer has gone out (or the connection closed first): the status is then
    // final and the size is the Content-Length Koa set — reading `ctx.length` earlier would
    // serialize a JSON body a second time just to count it.
    let written = false;
    const write = () => {
      if (written) return;
      written = true;
      const length = ctx.res.getHeader('content-length');
      const line = {
        requestId,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        bytes: length === undefined ? null : Number(length),
      };
      if (ctx.status >= 500) logger.error(line, 'request');
      else logger.info(line, 'request');
    };
    ctx.res.once('finish', write);
    ctx.res.once('close', write);
    await next();
  };
}
