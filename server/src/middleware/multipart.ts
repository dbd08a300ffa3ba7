import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import formidable, { multipart, type Options, type Part } from 'formidable';
import { AppError } from '../errors/app-error.js';
import { sha256 } from '../lib/crypto.js';
import { fileTooLarge, fileTooMany, formTooLarge, multipartRequired, multipartUnreadable } from '../errors/catalogue.js';
import type { StoredContent } from '../storage/file-store.js';
import type { FileStores } from '../storage/stores.js';
import type { UploadBudget } from './upload-budget.js';

/** A file read from a multipart body, already in the store. */
export interface UploadedFile {
  field: string;
  /** The client's file name, without any path. */
  name: string;
  /** Where its content went, with the hash, size and first bytes taken on the way. */
  stored: StoredContent;
}

/** A parsed multipart body. */
export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

/** What {@link readMultipart} writes to and counts against. */
export interface MultipartDeps {
  files: FileStores;
  uploads: UploadBudget;
}

// Formidable's error numbers (formidable/src/FormidableError.js).
const biggerThanTotalMaxFileSize = 1009;
const biggerThanMaxFileSize = 1016;
const maxFilesExceeded = 1015;
const maxFieldsExceeded = 1007;
const maxFieldsSizeExceeded = 1006;

/** Room for the text fields and part headers beside the file, counted as upload bytes in flight. */
const formOverheadBytes = 80 * 1024;

/** Parser options per file size limit, built once: orgs share a handful of limits. */
const optionsByLimit = new Map<number, Readonly<Options>>();

/**
 * Formidable's options for one limit. Only its multipart plugin is enabled (the routes take nothing
 * else), and its file names come from a few random bytes rather than its default id, which hashes
 * with SHA-3 for every file: the name is never used, contents go to the store.
 */
function parserOptions(maxFileBytes: number): Readonly<Options> {
  let options = optionsByLimit.get(maxFileBytes);
  if (!options) {
    options = Object.freeze({
      maxFileSize: maxFileBytes,
      maxTotalFileSize: maxFileBytes,
      maxFiles: 1,
      maxFields: 20,
      maxFieldsSize: 64 * 1024,
      allowEmptyFiles: true,
      minFileSize: 0,
      enabledPlugins: [multipart],
      filename: () => randomBytes(8).toString('hex'),
    });
    optionsByLimit.set(maxFileBytes, options);
  }
  return options;
}

/**
 * Parses a multipart body under the org's limits and streams its one file into the configured
 * store as it arrives: hashed, counted and its first bytes kept on the way, so nothing holds the
 * whole file (but the database store, whose row takes it) and no temp file is left to clean up.
 * The body's bytes count against the process's upload budget until the answer is sent; past it the
 * upload is refused with 503 and `Retry-After` before a byte is read. A part with a file name is a
 * file whether or not it says its type (formidable would take it for a text field, so a second file
 * without a type would slip past the one-file limit): the type is decided from the content anyway.
 */
export async function readMultipart(ctx: Context, deps: MultipartDeps, options: { orgId: string; maxFileBytes: number }): Promise<MultipartBody> {
  if (!ctx.is('multipart/form-data')) {
    throw multipartRequired();
  }
  const declared = Number(ctx.get('Content-Length'));
  const ceiling = options.maxFileBytes + formOverheadBytes;
  const release = deps.uploads.reserve(Number.isFinite(declared) && declared > 0 ? Math.min(declared, ceiling) : ceiling);
  // The bytes stay reserved until the answer is out: the database store holds them until its commit.
  ctx.res.once('close', release);
  // Keyed by formidable's file object: the one given to the stream handler is the one it reports.
  const puts = new Map<object, { stream: PassThrough; stored: Promise<StoredContent> }>();
  const form = formidable({
    ...parserOptions(options.maxFileBytes),
    fileWriteStreamHandler: (file) => {
      const stream = new PassThrough();
      // Destroyed with the parse's error when the form fails: the store's put sees it; it must not go unhandled.
      stream.on('error', () => undefined);
      const stored = deps.files.current.put(options.orgId, stream);
      // Awaited below; a rejection before then must not count as unhandled.
      stored.catch(() => undefined);
      if (file) puts.set(file, { stream, stored });
      return stream;
    },
  });
  form.onPart = (part) => {
    if (typeof part.originalFilename === 'string' && !part.mimetype) part.mimetype = 'application/octet-stream';
    // formidable's documented way to see parts first: its own handler, called from an override.
    (form as unknown as { _handlePart(part: Part): void })._handlePart(part);
  };
  let parsed: [formidable.Fields, formidable.Files];
  try {
    parsed = await form.parse(ctx.req);
  } catch (error) {
    const failure = toUploadError(error as Error, options.maxFileBytes);
    // Cut short: each store drops what it had of the file (a partial file never reaches its place).
    for (const { stream, stored } of puts.values()) {
      if (!stream.writableFinished) stream.destroy(failure);
      const kept = await stored.catch(() => null);
      if (kept) await deps.files.discard(options.orgId, kept);
    }
    throw failure;
  }
  const fields: Record<string, string> = {};
  for (const [key, values] of Object.entries(parsed[0])) fields[key] = values?.[0] ?? '';
  const files: UploadedFile[] = [];
  for (const [field, list] of Object.entries(parsed[1])) {
    for (const file of list ?? []) {
      const put = puts.get(file);
      if (!put) continue;
      files.push({ field, name: cleanFileName(file.originalFilename ?? ''), stored: await put.stored });
    }
  }
  return { fields, files };
}

/** Characters that reorder or hide text (bidi embeddings, overrides, isolates and marks; zero-width space, word joiner, BOM). */
const hiddenCharacters = /[\u0000-\u001f\u007f\u061c\u200b\u200e\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/**
 * A client's file name as it is stored, shown and sent back: the last path segment, without
 * control characters or characters that make a name read other than it is (`invoice\u202Efdp.exe`
 * shows as "invoiceexe.pdf"). The zero-width non-joiner stays: Persian spelling needs it. At most
 * 255 characters, cut before the extension rather than through it.
 */
export function cleanFileName(raw: string): string {
  const name = (raw.split(/[\\/]/).pop() ?? '').replace(hiddenCharacters, '').trim();
  if (!name) return 'file';
  const chars = [...name];
  if (chars.length <= 255) return name;
  const dot = name.lastIndexOf('.');
  const extension = dot > 0 && name.length - dot <= 16 ? [...name.slice(dot)] : [];
  return chars.slice(0, 255 - extension.length).join('') + extension.join('');
}

function toUploadError(error: Error, maxFileBytes: number): AppError {
  const code = (error as { code?: unknown }).code;
  if (code === biggerThanMaxFileSize || code === biggerThanTotalMaxFileSize) {
    return fileTooLarge(maxFileBytes);
  }
  if (code === maxFilesExceeded) return fileTooMany();
  if (code === maxFieldsExceeded || code === maxFieldsSizeExceeded) {
    return formTooLarge();
  }
  return multipartUnreadable();
}

/**
 * Runs `work` over a parsed form; when it fails (the file breaks a rule, the request is gone…) the
 * stored content that no row will name is discarded where that is safe (see {@link FileStores.discard}).
 */
export async function keepingFiles<T>(deps: MultipartDeps, orgId: string, form: MultipartBody, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    for (const file of form.files) await deps.files.discard(orgId, file.stored);
    throw error;
  }
}

/** A digest of a whole form (fields and file contents), what an `Idempotency-Key` is bound to. */
export function hashForm(form: MultipartBody): string {
  const fields = Object.entries(form.fields).sort(([a], [b]) => a.localeCompare(b));
  const files = form.files.map((file) => [file.field, file.name, file.stored.sha256]);
  return sha256(JSON.stringify({ fields, files }));
}
