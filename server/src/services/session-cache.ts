import type { Database } from '../db/database.js';

/** What a session lookup needs to decide. */
export interface CachedSession {
  id: string;
  citizenId: string;
  expiresAt: number;
  lastSeenAt: number;
  /** `performance.now()` when read from the database. */
  readAt: number;
}

/**
 * How long a session read stays in memory. Short on purpose: a logout in this process evicts at
 * once, a logout in another process sharing PostgreSQL is honoured here within this time.
 */
const ttlMs = 1000;
const maxEntries = 10_000;
const caches = new WeakMap<Database, Map<string, CachedSession>>();

function cacheOf(db: Database): Map<string, CachedSession> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  return cache;
}

/** A fresh cached session of `orgId` + token hash, or `undefined`. */
export function cachedSession(db: Database, key: string): CachedSession | undefined {
  const entry = cacheOf(db).get(key);
  if (entry && performance.now() - entry.readAt < ttlMs) return entry;
  return undefined;
}

/** Remembers a session read. */
export function rememberSession(db: Database, key: string, session: CachedSession): void {
  const cache = cacheOf(db);
  // Bounded without bookkeeping: entries live a second, so starting over loses nothing.
  if (cache.size >= maxEntries) cache.clear();
  cache.set(key, session);
}

/** Forgets a session (logout). */
export function forgetSession(db: Database, sessionId: string): void {
  const cache = cacheOf(db);
  for (const [key, entry] of cache) if (entry.id === sessionId) cache.delete(key);
}
