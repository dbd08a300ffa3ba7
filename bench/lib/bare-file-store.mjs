// @ts-check
// How the bare submission baselines keep a file: as the server's filesystem store does
// (server/src/storage/filesystem-store.ts) — streamed to `tmp/` while hashed, fsynced, renamed to
// `ab/cd/<sha256>` under the root, its directory fsynced (and the new parents when it made them) —
// so that the baselines pay the same disk work per upload as the server.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, rename } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Stores the body of `req` under `root`; answers its key (the SHA-256) and size.
 * @param {string} root
 * @param {import('node:http').IncomingMessage} req
 */
export async function storeBody(root, req) {
  const staging = join(root, 'tmp', randomBytes(12).toString('hex'));
  const handle = await open(staging, 'wx', 0o600);
  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of req) {
      hash.update(chunk);
      size += chunk.length;
      let offset = 0;
      while (offset < chunk.length) offset += (await handle.write(chunk, offset)).bytesWritten;
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  const key = hash.digest('hex');
  const folder = join(root, key.slice(0, 2), key.slice(2, 4));
  const created = await mkdir(folder, { recursive: true, mode: 0o700 });
  await rename(staging, join(folder, key));
  await syncDirectory(folder);
  if (created) {
    await syncDirectory(join(folder, '..'));
    await syncDirectory(root);
  }
  return { key, size };
}

/** @param {string} root makes `root/tmp` */
export const prepareRoot = (root) => mkdir(join(root, 'tmp'), { recursive: true, mode: 0o700 });

/** @param {string} path */
async function syncDirectory(path) {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
