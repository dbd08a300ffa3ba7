import type { Readable } from 'node:stream';
import type { Context } from 'koa';
import type { StoredFile } from '../services/citizen-requests.js';

/** Sends a zip archive made as it streams, as a download that is neither sniffed nor cached. */
export function sendArchive(ctx: Context, name: string, archive: Readable): void {
  ctx.body = archive;
  ctx.type = 'application/zip';
  ctx.set('Content-Disposition', contentDisposition(name));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'private, no-store');
}

/** The bearer credential of a request, or `null`. */
export function bearer(ctx: Context): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'));
  return match?.[1] ?? null;
}

/** A path parameter of a route's context (the router has matched it, so it is present). */
export function param(ctx: { params: Record<string, string> }, name: string): string {
  return ctx.params[name] ?? '';
}

/** `Content-Disposition: attachment` with an RFC 6266 UTF-8 name and an ASCII fallback. */
export function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Sends a stored file, streamed from its store, as a download that a browser will neither sniff nor cache. */
export function sendFile(ctx: Context, file: StoredFile): void {
  ctx.body = file.content;
  ctx.length = file.size;
  ctx.type = file.type;
  ctx.set('Content-Disposition', contentDisposition(file.name));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'private, no-store');
}

/**
 * The base of links the service hands out: `PUBLIC_URL` when set, else the scheme and host the
 * caller reached (not `ctx.origin`: since Koa 3 that is the request's `Origin` header).
 */
export function publicBase(ctx: Context, publicUrl: string | null): string {
  return publicUrl ?? `${ctx.protocol}://${ctx.host}`;
}

/**
 * The host a login code's WebOTP line names: the page the widget runs on when the call comes from
 * one of the org's allowed origins (the browser fills the code in only for the top-level page),
 * else the host of `PUBLIC_URL` (the service's own pages), else none.
 */
export function webOtpHost(ctx: Context, allowedOrigins: readonly string[], publicUrl: string | null): string | null {
  const origin = ctx.get('Origin');
  if (origin && allowedOrigins.includes(origin)) return new URL(origin).host;
  return publicUrl ? new URL(publicUrl).host : null;
}
