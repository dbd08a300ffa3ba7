import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { headBytes } from './file-store.js';

/**
 * A pass-through that hashes, counts and keeps the first bytes of what flows through it: the one
 * hash of an upload, taken on its way to the store.
 */
export class Measure extends Transform {
  readonly #hash = createHash('sha256');
  readonly #head: Buffer[] = [];
  #headLength = 0;
  /** Bytes seen so far. */
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#hash.update(chunk);
    this.size += chunk.length;
    if (this.#headLength < headBytes) {
      const part = chunk.subarray(0, headBytes - this.#headLength);
      this.#head.push(Buffer.from(part));
      this.#headLength += part.length;
    }
    callback(null, chunk);
  }

  /** The hex SHA-256 of everything seen; call once, after the stream ended. */
  digest(): string {
    return this.#hash.digest('hex');
  }

  /** The first bytes seen (at most {@link headBytes}). */
  head(): Buffer {
    return Buffer.concat(this.#head);
  }
}
