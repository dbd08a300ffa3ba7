import { Writable } from 'node:stream';
import type { Context } from 'koa';
import { koaBody } from 'koa-body';
import type { File as FormidableFile } from 'formidable';
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
 * Parses a multipart body with koa-body (formidable) under the org's limits, configured per
 * request because the limit belongs to the org in the path. Files are collected in memory (they
 * are at most the org's limit, one per request), so no temp file is ever written and none can be
 * left behind; it also keeps the libuv thread pool free for the database.
 */
export async function readMultipart(ctx: Context, options: { maxFileBytes: number }): Promise<MultipartBody> {
  if (!ctx.is('multipart/form-data')) {
    throw multipartRequired();
  }
  // Keyed by formidable's file object: the one given to the stream handler is the one it reports.
  const contents = new Map<object, Buffer[]>();
  const parse = koaBody({
    multipart: true,
    json: false,
    urlencoded: false,
    text: false,
    formidable: {
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
    },
    onError: (error) => {
      throw toUploadError(error, options.maxFileBytes);
    },
  });
  await parse(ctx, async () => undefined);
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries((ctx.request.body ?? {}) as Record<string, string | string[]>)) {
    fields[key] = Array.isArray(value) ? (value[0] ?? '') : value;
  }
  const files: UploadedFile[] = [];
  for (const [field, value] of Object.entries(ctx.request.files ?? {})) {
    for (const file of Array.isArray(value) ? value : [value]) {
      files.push({ field, name: cleanName(file), content: Buffer.concat(contents.get(file) ?? []) });
    }
  }
  return { fields, files };
}

function cleanName(file: FormidableFile): string {
  const raw = file.originalFilename ?? 'file';
  // Keep the last path segment only and drop control characters: the name is shown and sent back.
  return (raw.split(/[\\/]/).pop() ?? 'file').replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'file';
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
