import type { Database } from '../db/database.js';
import { RefreshingCache } from '../lib/refreshing-cache.js';

/** What a session lookup needs to decide. */
export interface CachedSession {
  id: string;
  citizenId: string;
  expiresAt: number;
  lastSeenAt: number;
}

/**
 * How long a session read stays in memory. Short on purpose: a logout in this process evicts at
 * once, a logout in another process sharing PostgreSQL is honoured here within this time. Reads
 * are single-flight and refreshed ahead, so a burst on one session reads it once.
 */
const ttlMs = 1000;
const caches = new WeakMap<Database, RefreshingCache<CachedSession | null>>();

function cacheOf(db: Database): RefreshingCache<CachedSession | null> {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new RefreshingCache({ ttlMs, merge: keepLatestUse })));
  return cache;
}

/** A refresh that began before this process touched the session must not bring back the older use. */
function keepLatestUse(previous: CachedSession | null, loaded: CachedSession | null): CachedSession | null {
  if (!previous || !loaded || previous.id !== loaded.id) return loaded;
  return { ...loaded, lastSeenAt: Math.max(previous.lastSeenAt, loaded.lastSeenAt) };
}

/**
 * The session of `orgId` + token hash (the key), from memory when read less than a second ago,
 * else from `load`; `null` (not cached) when there is none.
 */
export function lookUpSession(db: Database, key: string, load: () => Promise<CachedSession | null>): Promise<CachedSession | null> {
  return cacheOf(db).get(key, load, (session) => session !== null);
}

/** Forgets a session (logout), and any read of it in flight. */
export function forgetSession(db: Database, sessionId: string): void {
  cacheOf(db).deleteWhere((entry) => entry?.id === sessionId);
}
