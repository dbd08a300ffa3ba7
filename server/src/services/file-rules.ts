import type { UploadRules } from '@citizen-counter/sdk';
import { fileTypeFromBuffer } from 'file-type';
import type { UploadedFile } from '../middleware/multipart.js';
import type { StoredContent } from '../storage/file-store.js';
import { fileEmpty, fileMissing, fileTooLarge, fileTooMany, fileTypeMismatch, fileTypeNotAllowed } from '../errors/catalogue.js';

/** A file that passed the org's rules, with the type decided from its content, already in the store. */
export interface CheckedFile {
  name: string;
  type: string;
  size: number;
  sha256: string;
  stored: StoredContent;
}

/** For each extension: what `file-type` may detect in it, and the MIME type to store. */
const formats: Record<string, { detected: string[]; mime: string }> = {
  pdf: { detected: ['pdf'], mime: 'application/pdf' },
  jpg: { detected: ['jpg'], mime: 'image/jpeg' },
  jpeg: { detected: ['jpg'], mime: 'image/jpeg' },
  png: { detected: ['png'], mime: 'image/png' },
  tif: { detected: ['tif'], mime: 'image/tiff' },
  tiff: { detected: ['tif'], mime: 'image/tiff' },
  zip: { detected: ['zip'], mime: 'application/zip' },
  // A docx is a zip; file-type names it docx when it finds the Word parts, zip otherwise.
  docx: { detected: ['docx', 'zip'], mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  // A legacy Word file is an OLE compound file (cfb).
  doc: { detected: ['cfb'], mime: 'application/msword' },
  gif: { detected: ['gif'], mime: 'image/gif' },
  webp: { detected: ['webp'], mime: 'image/webp' },
};

/** Every MIME type a stored file can have, hence every type a download is sent with. */
export const storedMimeTypes: readonly string[] = [...new Set([...Object.values(formats).map((format) => format.mime), 'application/octet-stream'])];

/** Two spellings of one format: a rule that names either accepts both. */
const spellings: Record<string, string> = { tif: 'tiff', tiff: 'tif', jpg: 'jpeg', jpeg: 'jpg' };

/** The extensions a rule list accepts: each as written, and its other spelling (`tif` for `tiff`). */
export function acceptedExtensions(allowed: readonly string[]): string[] {
  return [...new Set(allowed.flatMap((extension) => [extension, spellings[extension] ?? extension]))];
}

/**
 * Checks the one file of a form against the org's rules: present, single, not empty, within the
 * size, an allowed extension, and content whose magic bytes agree with that extension.
 */
export async function checkFile(files: UploadedFile[], field: string, rules: UploadRules): Promise<CheckedFile> {
  if (files.length > 1) throw fileTooMany();
  const file = files.find((candidate) => candidate.field === field);
  if (!file) throw fileMissing(field);
  const { stored } = file;
  if (stored.size === 0) throw fileEmpty(field);
  if (stored.size > rules.maxFileBytes) {
    throw fileTooLarge(rules.maxFileBytes);
  }
  const extension = /\.([^.]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const accepted = acceptedExtensions(rules.allowedExtensions);
  if (!extension || !accepted.includes(extension)) {
    throw fileTypeNotAllowed(accepted);
  }
  // The first bytes, kept while the file streamed to the store, are all file-type reads.
  const detected = await fileTypeFromBuffer(stored.head);
  const format = formats[extension];
  const agrees = format ? detected !== undefined && format.detected.includes(detected.ext) : detected === undefined;
  if (!agrees) {
    throw fileTypeMismatch(extension, detected?.ext ?? null);
  }
  return {
    name: file.name,
    type: format?.mime ?? 'application/octet-stream',
    size: stored.size,
    sha256: stored.sha256,
    stored,
  };
}
