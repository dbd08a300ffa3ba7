import type { Middleware } from 'koa';
import { Op } from 'sequelize';
import type { Config } from '../config.js';
import { isAppError } from '../errors/app-error.js';
import { adminKeyRequired, keyAttemptsExceeded } from '../errors/catalogue.js';
import { newId, safeEqual } from '../lib/crypto.js';
import { bearer } from '../routes/http-helpers.js';
import type { StoreDeps } from '../types.js';

/** Addresses with recent failures kept in memory before the ones past the window are dropped. */
const maxAddressesKept = 10_000;

/**
 * Bounds the wrong operator and staff keys one client address may present: past
 * `KEY_FAILURES_PER_IP` in 10 minutes (counted in the database, so processes sharing PostgreSQL
 * count together) the address is answered 429 `rate_limited` with the real wait, even with a right
 * key, until the oldest failure leaves the window. Only a presented credential that is not one
 * (401 `unauthorized`) counts — not a missing one, nor a real session that has expired — so a desk
 * left open overnight costs its office nothing. Checks of one address in flight at once count as
 * tries too, so a burst cannot slip a thousand guesses past the count before the first is recorded.
 */
export class KeyGuard {
  readonly #deps: StoreDeps;
  readonly #inFlight = new Map<string, number>();
  /** This process's failures per address (times in ms), seen before the database read can show them. */
  readonly #recent = new Map<string, number[]>();

  constructor(deps: StoreDeps) {
    this.#deps = deps;
  }

  /** Runs `verify` — the check of a credential presented from `ip` — within the address's bound. */
  async check<T>(ip: string, verify: () => Promise<T>): Promise<T> {
    const { keyFailures: cap, windowSeconds } = this.#deps.config.addressLimits;
    const now = this.#deps.config.now().getTime();
    const since = now - windowSeconds * 1000;
    const stored = await this.#deps.db.models.KeyFailure.findAll({
      where: { ip, createdAt: { [Op.gt]: new Date(since) } },
      attributes: ['createdAt'],
      order: [['createdAt', 'DESC']],
      limit: cap,
    });
    // The database has every process's failures; this process's own are known here at once.
    const local = (this.#recent.get(ip) ?? []).filter((at) => at > since);
    const failures = stored.length >= local.length ? stored.map((row) => row.createdAt.getTime()) : local.slice().reverse();
    const oldest = failures[cap - 1];
    if (oldest !== undefined) throw keyAttemptsExceeded((oldest + windowSeconds * 1000 - now) / 1000);
    const inFlight = this.#inFlight.get(ip) ?? 0;
    if (failures.length + inFlight >= cap) throw keyAttemptsExceeded(1);
    this.#inFlight.set(ip, inFlight + 1);
    try {
      return await verify();
    } catch (error) {
      if (isAppError(error) && error.status === 401 && error.code === 'unauthorized') await this.#record(ip, since);
      throw error;
    } finally {
      const left = (this.#inFlight.get(ip) ?? 1) - 1;
      if (left > 0) this.#inFlight.set(ip, left);
      else this.#inFlight.delete(ip);
    }
  }

  async #record(ip: string, since: number): Promise<void> {
    const { db, config } = this.#deps;
    const at = config.now();
    this.#recent.set(ip, [...(this.#recent.get(ip) ?? []).filter((time) => time > since), at.getTime()]);
    if (this.#recent.size > maxAddressesKept) this.#forget(since);
    await db.write((transaction) => db.models.KeyFailure.create({ id: newId(), ip, createdAt: at }, { transaction }));
  }

  /** Drops addresses whose failures have all left the window, so a spread of addresses cannot grow the map for good. */
  #forget(since: number): void {
    for (const [ip, times] of this.#recent) if ((times[times.length - 1] ?? 0) <= since) this.#recent.delete(ip);
  }
}

/** Middleware: the operator key (`Authorization: Bearer $ADMIN_KEY`, compared in constant time), within `guard`'s bound. */
export function requireAdminKey(guard: KeyGuard, config: Pick<Config, 'adminKey'>): Middleware {
  return async (ctx, next) => {
    const key = bearer(ctx);
    if (!key) throw adminKeyRequired();
    await guard.check(ctx.ip, async () => {
      if (!safeEqual(key, config.adminKey)) throw adminKeyRequired();
    });
    await next();
  };
}
