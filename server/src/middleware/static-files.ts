import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context, Next } from 'koa';
import conditional from 'koa-conditional-get';
import etag from '@koa/etag';
import send from 'koa-send';

/** Options of {@link staticFiles}. */
export interface StaticOptions {
  /** URL prefix, e.g. `/widget/` or `/`. */
  prefix: string;
  /** The directory served; nothing outside it ever is. */
  root: () => string | null;
  /** Adds `Access-Control-Allow-Origin: *` (public scripts loaded by other sites). */
  publicCors?: boolean;
  /**
   * Serves every file also under `<prefix>v/<hash>/<file>`, where the hash is of the file's
   * content, cached for a year as immutable; the plain URL then redirects there with a short
   * cache, so a new release reaches every host page within minutes and nothing is fetched twice.
   */
  versioned?: boolean;
  /** Files never served though they lie in the folder (paths relative to it, without a leading `/`). */
  hide?: (relative: string) => boolean;
}

/** How long the plain URL's redirect to the current version may be cached, in seconds. */
export const stableMaxAge = 300;
const year = 31_536_000;
const versionedPath = /^v\/([0-9a-f]{16})\/(.+)$/;

/**
 * Serves GET/HEAD of files inside one directory (`index.html` for directories, no traversal, no
 * dot files) through koa-send: a precompressed `.br` or `.gz` beside the file is sent when the
 * browser takes it, with `Last-Modified` and an `ETag` that answer `304` on revalidation.
 */
export function staticFiles(options: StaticOptions) {
  const hashes = new ContentHashes();
  const cached = conditional();
  const tagged = etag();
  return async (ctx: Context, next: Next): Promise<void> => {
    const root = options.root();
    if (!root || (ctx.method !== 'GET' && ctx.method !== 'HEAD') || !ctx.path.startsWith(options.prefix)) return next();
    let relative = ctx.path.slice(options.prefix.length);
    let cacheControl = 'no-cache';
    if (options.versioned) {
      const match = versionedPath.exec(relative);
      if (match) {
        const [, hash, file] = match as unknown as [string, string, string];
        const current = await hashes.of(root, file);
        if (current === null) return next();
        if (hash !== current) return redirect(ctx, `${options.prefix}v/${current}/${file}`, 'no-cache');
        relative = file;
        cacheControl = `public, max-age=${year}, immutable`;
      } else if (relative.endsWith('.js')) {
        const current = await hashes.of(root, relative);
        if (current !== null) return redirect(ctx, `${options.prefix}v/${current}/${relative}`, `public, max-age=${stableMaxAge}`);
      }
    }
    if (options.hide?.(decodeOrSelf(relative).replace(/^\/+/, ''))) return next();
    if (options.publicCors) ctx.set('Access-Control-Allow-Origin', '*');
    ctx.set('Cache-Control', cacheControl);
    ctx.vary('Accept-Encoding');
    const found = await cached(ctx, () =>
      tagged(ctx, async () => {
        await sendFile(ctx, root, relative);
      }),
    ).then(
      () => true,
      (error: { status?: number }) => {
        if (error.status && error.status < 500) return false;
        throw error;
      },
    );
    if (!found) {
      ctx.remove('Cache-Control');
      ctx.remove('Access-Control-Allow-Origin');
      return next();
    }
  };
}

async function sendFile(ctx: Context, root: string, relative: string): Promise<void> {
  // koa-send decodes the path itself and refuses anything resolving outside the root.
  const served = await send(ctx, relative || '/', { root, index: 'index.html', brotli: true, gzip: true, hidden: false });
  if (!served) ctx.throw(404);
}

function decodeOrSelf(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function redirect(ctx: Context, location: string, cacheControl: string): void {
  ctx.set('Cache-Control', cacheControl);
  ctx.set('Access-Control-Allow-Origin', '*');
  ctx.status = 302;
  ctx.redirect(location);
}

/** The first 16 hex digits of each file's SHA-256, recomputed only when its size or time changes. */
class ContentHashes {
  readonly #known = new Map<string, { key: string; hash: string }>();

  async of(root: string, relative: string): Promise<string | null> {
    if (relative.includes('..') || relative.includes('\0') || relative.startsWith('/')) return null;
    const file = join(root, relative);
    try {
      const info = await stat(file);
      if (!info.isFile()) return null;
      const key = `${info.size}:${info.mtimeMs}`;
      const known = this.#known.get(file);
      if (known?.key === key) return known.hash;
      const hash = createHash('sha256').update(await readFile(file)).digest('hex').slice(0, 16);
      this.#known.set(file, { key, hash });
      return hash;
    } catch {
      return null;
    }
  }
}
