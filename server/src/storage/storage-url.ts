import { isAbsolute, join, resolve } from 'node:path';
import type { S3StoreConfig } from './s3-store.js';

/** Which store keeps file contents, read from `STORAGE_URL`. */
export type StorageConfig = { kind: 'database' } | { kind: 'filesystem'; root: string } | ({ kind: 's3' } & S3StoreConfig);

/** The forms `STORAGE_URL` takes, for messages. */
export const storageUrlForms = 'file:<directory>, s3://<bucket>[/<prefix>]?endpoint=<url>&region=<region> or database:';

/**
 * Reads `STORAGE_URL`: `file:<directory>` (the default, `<DATA_DIR>/files`), `s3://bucket/prefix?endpoint=…&region=…`
 * with the keys from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY` (or the AWS SDK's own chain), or
 * `database:` (contents in their rows).
 * @throws {Error} whose message says what is wrong, for the caller to name the variable.
 */
export function readStorageUrl(value: string | undefined, env: Record<string, string | undefined>, dataDir: string, cwd: string): StorageConfig {
  const text = value?.trim() ?? '';
  if (text === '') return { kind: 'filesystem', root: join(dataDir, 'files') };
  if (text === 'database:' || text === 'database') return { kind: 'database' };
  if (text.startsWith('file:')) {
    const path = text.replace(/^file:(\/\/)?/, '');
    if (!path) throw new Error(`names no directory (use ${storageUrlForms}).`);
    return { kind: 'filesystem', root: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (text.startsWith('s3://')) return s3Config(text, env);
  throw new Error(`must be one of ${storageUrlForms}, not ${JSON.stringify(text)}.`);
}

function s3Config(text: string, env: Record<string, string | undefined>): StorageConfig {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`is not a valid URL (use ${storageUrlForms}).`);
  }
  const bucket = url.hostname;
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw new Error(`names no valid bucket (3–63 lower-case letters, digits, dots and hyphens): ${JSON.stringify(bucket)}.`);
  const path = decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, '');
  const endpoint = url.searchParams.get('endpoint');
  if (endpoint !== null && !/^https?:\/\/[^/]+/.test(endpoint)) throw new Error(`has an endpoint that is not an http(s) URL: ${JSON.stringify(endpoint)}.`);
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  return {
    kind: 's3',
    bucket,
    prefix: path ? `${path}/` : '',
    endpoint,
    region: url.searchParams.get('region') ?? env['AWS_REGION'] ?? 'us-east-1',
    // An own endpoint (MinIO, Ceph) rarely has a host name per bucket.
    forcePathStyle: (url.searchParams.get('forcePathStyle') ?? (endpoint ? 'true' : 'false')) === 'true',
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : null,
  };
}

/** A configuration as one line for logs and the CLI, without credentials. */
export function describeStorage(config: StorageConfig): string {
  if (config.kind === 'database') return 'database:';
  if (config.kind === 'filesystem') return `file:${config.root}`;
  return `s3://${config.bucket}/${config.prefix}${config.endpoint ? ` at ${config.endpoint}` : ''}`;
}
