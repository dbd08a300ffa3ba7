import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Context, Next } from 'koa';

const types: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
  '.woff2': 'font/woff2',
};

/** Options of {@link staticFiles}. */
export interface StaticOptions {
  /** URL prefix, e.g. `/widget/` or `/`. */
  prefix: string;
  /** The directory served; nothing outside it ever is. */
  root: () => string | null;
  /** Adds `Access-Control-Allow-Origin: *` (public scripts loaded by other sites). */
  publicCors?: boolean;
}

/** Serves GET/HEAD of files inside one directory; `index.html` for directories; no traversal. */
export function staticFiles(options: StaticOptions) {
  return async (ctx: Context, next: Next): Promise<void> => {
    const root = options.root();
    if (!root || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(options.prefix)) return next();
    let relative: string;
    try {
      relative = decodeURIComponent(ctx.path.slice(options.prefix.length));
    } catch {
      return next();
    }
    if (relative.includes('\0')) return next();
    const base = resolve(root);
    let file = resolve(base, `.${sep}${relative}`);
    if (file !== base && !file.startsWith(base + sep)) return next();
    try {
      let info = await stat(file);
      if (info.isDirectory()) {
        file = join(file, 'index.html');
        info = await stat(file);
      }
      if (!info.isFile()) return next();
      ctx.type = types[extname(file).toLowerCase()] ?? 'application/octet-stream';
      ctx.length = info.size;
      ctx.set('Cache-Control', 'no-cache');
      if (options.publicCors) ctx.set('Access-Control-Allow-Origin', '*');
      ctx.body = ctx.method === 'HEAD' ? null : createReadStream(file);
      if (ctx.method === 'HEAD') ctx.status = 200;
    } catch {
      return next();
    }
  };
}
