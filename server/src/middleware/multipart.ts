import { Writable } from 'node:stream';
import type { Context } from 'koa';
import formidable, { type Part } from 'formidable';
import { AppError } from '../errors/app-error.js';
import { sha256 } from '../lib/crypto.js';
import { fileTooLarge, fileTooMany, formTooLarge, multipartRequired, multipartUnreadable } from '../errors/catalogue.js';

/** A file read from a multipart body. */
export interface UploadedFile {
  field: string;
  /** The client's file name, without any path. */
  name: string;
  content: Buffer;
}

/** A parsed multipart body. */
export interface MultipartBody {
  fields: Record<string, string>;
  files: UploadedFile[];
}

// Formidable's error numbers (formidable/src/FormidableError.js).
const biggerThanTotalMaxFileSize = 1009;
const biggerThanMaxFileSize = 1016;
const maxFilesExceeded = 1015;
const maxFieldsExceeded = 1007;
const maxFieldsSizeExceeded = 1006;

/**
 * Parses a multipart body with formidable under the org's limits, configured per request because
 * the limit belongs to the org in the path. Files are collected in memory (they are at most the
 * org's limit, one per request), so no temp file is ever written and none can be left behind; it
 * also keeps the libuv thread pool free for the database. A part with a file name is a file
 * whether or not it says its type (formidable would take it for a text field, so a second file
 * without a type would slip past the one-file limit): the type is decided from the content anyway.
 */
export async function readMultipart(ctx: Context, options: { maxFileBytes: number }): Promise<MultipartBody> {
  if (!ctx.is('multipart/form-data')) {
    throw multipartRequired();
  }
  // Keyed by formidable's file object: the one given to the stream handler is the one it reports.
  const contents = new Map<object, Buffer[]>();
  const form = formidable({
    maxFileSize: options.maxFileBytes,
    maxTotalFileSize: options.maxFileBytes,
    maxFiles: 1,
    maxFields: 20,
    maxFieldsSize: 64 * 1024,
    allowEmptyFiles: true,
    minFileSize: 0,
    fileWriteStreamHandler: (file) => {
      const chunks: Buffer[] = [];
      if (file) contents.set(file, chunks);
      return new Writable({
        write(chunk: Buffer, _encoding, callback) {
          chunks.push(chunk);
          callback();
        },
      });
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
    throw toUploadError(error as Error, options.maxFileBytes);
  }
  const fields: Record<string, string> = {};
  for (const [key, values] of Object.entries(parsed[0])) fields[key] = values?.[0] ?? '';
  const files: UploadedFile[] = [];
  for (const [field, list] of Object.entries(parsed[1])) {
    for (const file of list ?? []) {
      files.push({ field, name: cleanFileName(file.originalFilename ?? ''), content: Buffer.concat(contents.get(file) ?? []) });
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

/** A digest of a whole form (fields and file contents), what an `Idempotency-Key` is bound to. */
export function hashForm(form: MultipartBody): string {
  const fields = Object.entries(form.fields).sort(([a], [b]) => a.localeCompare(b));
  const files = form.files.map((file) => [file.field, file.name, sha256(file.content)]);
  return sha256(JSON.stringify({ fields, files }));
}
