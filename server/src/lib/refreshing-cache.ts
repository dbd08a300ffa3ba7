/** Options of a {@link RefreshingCache}. */
export interface RefreshingCacheOptions<V> {
  /** How long a value read from the source may be answered; never longer. */
  ttlMs: number;
  /**
   * From this age on a hit still answers at once but starts a refresh in the background, so that
   * under steady use the value is renewed before it expires and nobody waits for the source.
   * @default half of `ttlMs`
   */
  refreshAfterMs?: number;
  /** Bounded without bookkeeping: past this many entries the cache starts over. @default 10000 */
  maxEntries?: number;
  /** The clock, in milliseconds. @default performance.now */
  now?: () => number;
  /**
   * Combines a refreshed value with the entry it replaces, for what this process knows better
   * than the source did when the refresh began (a session's latest use, say). @default the loaded value
   */
  merge?: (previous: V, loaded: V) => V;
}

/**
 * A short-lived read cache that loads single-flight: concurrent misses of one key share one load
 * instead of all going to the source at once, and a value past half its life is refreshed in the
 * background while it is still answered (refresh-ahead). A value is never answered once older
 * than `ttlMs`, counted from when its load started. {@link delete} also disowns the loads in
 * flight, so a value read before a change is not stored after it.
 */
export class RefreshingCache<V> {
  readonly #entries = new Map<string, { value: V; readAt: number }>();
  readonly #loads = new Map<string, Promise<V>>();
  readonly #ttlMs: number;
  readonly #refreshAfterMs: number;
  readonly #maxEntries: number;
  readonly #now: () => number;
  readonly #merge: (previous: V, loaded: V) => V;
  #generation = 0;

  constructor(options: RefreshingCacheOptions<V>) {
    this.#ttlMs = options.ttlMs;
    this.#refreshAfterMs = options.refreshAfterMs ?? options.ttlMs / 2;
    this.#maxEntries = options.maxEntries ?? 10_000;
    this.#now = options.now ?? (() => performance.now());
    this.#merge = options.merge ?? ((_previous, loaded) => loaded);
  }

  /**
   * The cached value of `key`, or the one `load` gives (shared with every caller asking meanwhile).
   * `keep` says whether a loaded value may be cached (a miss at the source, say, is not).
   */
  get(key: string, load: () => Promise<V>, keep: (value: V) => boolean = () => true): Promise<V> {
    const entry = this.#entries.get(key);
    if (entry) {
      const age = this.#now() - entry.readAt;
      if (age < this.#ttlMs) {
        // A failed background refresh leaves the entry to expire; the next miss reports the failure.
        if (age >= this.#refreshAfterMs) this.#load(key, load, keep).catch(() => undefined);
        return Promise.resolve(entry.value);
      }
    }
    return this.#load(key, load, keep);
  }

  /** The cached value of `key` if it is still fresh, without loading. */
  peek(key: string): V | undefined {
    const entry = this.#entries.get(key);
    return entry && this.#now() - entry.readAt < this.#ttlMs ? entry.value : undefined;
  }

  /** Forgets `key`, and any value being loaded now. */
  delete(key: string): void {
    this.#generation++;
    this.#entries.delete(key);
    this.#loads.delete(key);
  }

  /** Forgets every entry whose value matches, and every value being loaded now. */
  deleteWhere(matches: (value: V) => boolean): void {
    this.#generation++;
    this.#loads.clear();
    for (const [key, entry] of this.#entries) if (matches(entry.value)) this.#entries.delete(key);
  }

  #load(key: string, load: () => Promise<V>, keep: (value: V) => boolean): Promise<V> {
    const pending = this.#loads.get(key);
    if (pending) return pending;
    const generation = this.#generation;
    const readAt = this.#now();
    const loading: Promise<V> = load()
      .then((value) => {
        if (generation === this.#generation && keep(value)) {
          if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
          const previous = this.#entries.get(key);
          const kept = previous ? this.#merge(previous.value, value) : value;
          this.#entries.set(key, { value: kept, readAt });
          return kept;
        }
        return value;
      })
      .finally(() => {
        if (this.#loads.get(key) === loading) this.#loads.delete(key);
      });
    this.#loads.set(key, loading);
    return loading;
  }
}
