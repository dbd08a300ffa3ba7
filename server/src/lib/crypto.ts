import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/** A new random id for a row. */
export function newId(): string {
  return randomUUID();
}

/** `bytes` random bytes as base64url (tokens, keys, secrets). */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** Hex SHA-256 of `data`. */
export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Hex HMAC-SHA256 of `data` under `key`. */
export function hmac(key: string, data: string | Buffer): string {
  return createHmac('sha256', key).update(data).digest('hex');
}

/** Compares two strings in time independent of where they differ. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(sha256(a), 'hex');
  const right = Buffer.from(sha256(b), 'hex');
  // Hashing first gives equal lengths, so timingSafeEqual never throws and the length is not leaked.
  return timingSafeEqual(left, right) && a === b;
}
