import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import type { FileRef, FileStore, StoredContent } from './file-store.js';
import { Measure } from './measure.js';

/** Where the S3 store keeps contents: a bucket of any S3-compatible service (MinIO, AWS, Ceph). */
export interface S3StoreConfig {
  bucket: string;
  /** Prefix of every object key, e.g. `counter/` (empty for the bucket's top). */
  prefix: string;
  /** The service's URL (MinIO, Ceph, loopback tests), or `null` for AWS itself. */
  endpoint: string | null;
  region: string;
  /** `bucket` in the path rather than the host name, as MinIO and Ceph usually want. */
  forcePathStyle: boolean;
  /** Keys from `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, or `null` for the SDK's own chain (roles, profiles). */
  credentials: { accessKeyId: string; secretAccessKey: string } | null;
}

/** A multipart part: S3 wants at least 5 MiB for every part but the last. */
const partBytes = 8 * 1024 * 1024;

/**
 * Contents as objects of an S3 bucket under server-made keys (`<org>/<uuid>`). A content smaller
 * than one part goes up in one PUT; a larger one as a multipart upload, part by part, so at most one
 * part per upload is ever in memory. `put` answers once S3 has acknowledged the whole object.
 */
export class S3Store implements FileStore {
  readonly kind = 's3' as const;
  readonly #client: S3Client;
  readonly #bucket: string;
  readonly #prefix: string;

  constructor(config: S3StoreConfig) {
    this.#bucket = config.bucket;
    this.#prefix = config.prefix;
    this.#client = new S3Client({
      region: config.region,
      forcePathStyle: config.forcePathStyle,
      ...(config.endpoint ? { endpoint: config.endpoint } : {}),
      ...(config.credentials ? { credentials: config.credentials } : {}),
    });
  }

  async put(orgId: string, source: Readable): Promise<StoredContent> {
    const key = `${orgId}/${randomUUID()}`;
    const measure = new Measure();
    const parts: CompletedPart[] = [];
    let uploadId: string | null = null;
    try {
      await pipeline(source, measure, async (chunks: AsyncIterable<Buffer>) => {
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        for await (const chunk of chunks) {
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes < partBytes) continue;
          uploadId ??= await this.#startMultipart(key);
          parts.push(await this.#uploadPart(key, uploadId, parts.length + 1, Buffer.concat(pending)));
          pending = [];
          pendingBytes = 0;
        }
        const rest = Buffer.concat(pending);
        if (uploadId === null) {
          await this.#client.send(new PutObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(key), Body: rest, ContentLength: rest.length }));
        } else {
          if (rest.length > 0) parts.push(await this.#uploadPart(key, uploadId, parts.length + 1, rest));
          await this.#client.send(new CompleteMultipartUploadCommand({ Bucket: this.#bucket, Key: this.#objectKey(key), UploadId: uploadId, MultipartUpload: { Parts: parts } }));
        }
      });
    } catch (error) {
      const started: string | null = uploadId;
      if (started !== null) {
        await this.#client.send(new AbortMultipartUploadCommand({ Bucket: this.#bucket, Key: this.#objectKey(key), UploadId: started })).catch(() => undefined);
      }
      throw error;
    }
    return { store: this.kind, key, sha256: measure.digest(), size: measure.size, head: measure.head(), inline: null };
  }

  async get(ref: FileRef): Promise<Readable> {
    const answer = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(ref.key) }));
    if (!(answer.Body instanceof Readable)) throw new Error(`S3 answered no stream for ${ref.key}.`);
    return answer.Body;
  }

  async delete(ref: FileRef): Promise<void> {
    await this.#client.send(new DeleteObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(ref.key) }));
  }

  async exists(ref: FileRef): Promise<boolean> {
    try {
      await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(ref.key) }));
      return true;
    } catch (error) {
      if ((error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return false;
      throw error;
    }
  }

  async *listOlderThan(before: Date): AsyncIterable<string> {
    let token: string | undefined;
    do {
      const page = await this.#client.send(new ListObjectsV2Command({ Bucket: this.#bucket, Prefix: this.#prefix || undefined, ContinuationToken: token }));
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified && object.LastModified < before) yield object.Key.slice(this.#prefix.length);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async removeStale(ref: FileRef, before: Date): Promise<boolean> {
    // Keys are never reused, so nothing can write this one again meanwhile.
    try {
      const head = await this.#client.send(new HeadObjectCommand({ Bucket: this.#bucket, Key: this.#objectKey(ref.key) }));
      if (!head.LastModified || head.LastModified >= before) return false;
    } catch {
      return false;
    }
    await this.delete(ref);
    return true;
  }

  async close(): Promise<void> {
    this.#client.destroy();
  }

  async #startMultipart(key: string): Promise<string> {
    const started = await this.#client.send(new CreateMultipartUploadCommand({ Bucket: this.#bucket, Key: this.#objectKey(key) }));
    if (!started.UploadId) throw new Error('S3 started no multipart upload.');
    return started.UploadId;
  }

  async #uploadPart(key: string, uploadId: string, partNumber: number, body: Buffer): Promise<CompletedPart> {
    const answer = await this.#client.send(
      new UploadPartCommand({ Bucket: this.#bucket, Key: this.#objectKey(key), UploadId: uploadId, PartNumber: partNumber, Body: body, ContentLength: body.length }),
    );
    return { PartNumber: partNumber, ETag: answer.ETag };
  }

  #objectKey(key: string): string {
    if (!/^[A-Za-z0-9._-]+\/[0-9a-f-]{36}$/.test(key)) throw new Error(`Not an S3 store key: ${JSON.stringify(key)}.`);
    return `${this.#prefix}${key}`;
  }
}
