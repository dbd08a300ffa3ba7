import type { Session } from '@citizen-counter/sdk';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { unauthorized } from '../errors/app-error.js';
import { findSessionByTokenHash, touchSession } from '../db/session-queries.js';
import type { CitizenState, Deps } from '../types.js';
import { forgetSession, lookUpSession } from './session-cache.js';
import { newId, randomToken, sha256 } from '../lib/crypto.js';
import type { LoadedOrg } from './orgs.js';
import { consumeOtp } from './otp.js';
import { otpLoginInProgress, sessionExpired, sessionTokenInvalid } from '../errors/catalogue.js';

/** A session lives at most this long. */
export const sessionLifetimeMs = 12 * 60 * 60 * 1000;
/** A session unused this long is over. */
export const sessionIdleMs = 30 * 60 * 1000;
/** How stale `lastSeenAt` may get before a request writes it again (saves a write per request). */
const touchEveryMs = 60 * 1000;

/** Input of {@link login}: the phone in E.164 form and the code in Latin digits. */
export interface LoginParams {
  org: LoadedOrg;
  phone: string;
  code: string;
}

/** Exchanges the latest code sent to a phone for a session; every failure has its own code. */
export async function login(deps: Deps, params: LoginParams): Promise<Session> {
  const { phone, code } = params;
  const orgId = params.org.row.id;
  const { Session: SessionModel } = deps.db.models;
  const now = deps.config.now();

  const outcome = await deps.db.write(async (transaction) => {
    const checked = await consumeOtp(deps, { orgId, phone, code, audience: 'citizen', now, transaction });
    if (checked) return { error: checked };
    const citizenId = await findOrCreateCitizen(deps, { orgId, phone, now, transaction });
    const token = randomToken(32);
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await SessionModel.create(
      { id: newId(), orgId, tokenHash: sha256(token), citizenId, expiresAt, lastSeenAt: now, createdAt: now },
      { transaction },
    );
    return { session: { token, expiresAt: expiresAt.toISOString(), phone } };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.session;
}

async function findOrCreateCitizen(
  deps: Deps,
  params: { orgId: string; phone: string; now: Date; transaction: Transaction },
): Promise<string> {
  const { Citizen } = deps.db.models;
  const existing = await Citizen.findOne({ where: { orgId: params.orgId, phone: params.phone }, transaction: params.transaction });
  if (existing) return existing.id;
  const id = newId();
  try {
    await Citizen.create({ id, orgId: params.orgId, phone: params.phone, createdAt: params.now }, { transaction: params.transaction });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw otpLoginInProgress();
    throw error;
  }
  return id;
}

/** Finds the live session of a bearer token at an org; a token of another org is worthless here. */
export async function authenticate(deps: Deps, params: { orgId: string; token: string | null }): Promise<CitizenState> {
  if (!params.token) throw unauthorized();
  const { db } = deps;
  const tokenHash = sha256(params.token);
  const key = `${params.orgId}|${tokenHash}`;
  const session = await lookUpSession(db, key, async () => {
    const found = await findSessionByTokenHash(db, params.orgId, tokenHash);
    return found ? { id: found.id, citizenId: found.citizenId, expiresAt: found.expiresAt.getTime(), lastSeenAt: found.lastSeenAt.getTime() } : null;
  });
  if (!session) throw sessionTokenInvalid();
  const now = deps.config.now().getTime();
  if (session.expiresAt <= now || session.lastSeenAt + sessionIdleMs <= now) {
    throw sessionExpired();
  }
  if (session.lastSeenAt + touchEveryMs <= now) {
    session.lastSeenAt = now;
    await touchSession(db, { orgId: params.orgId, sessionId: session.id, at: new Date(now) });
  }
  return { orgId: params.orgId, citizenId: session.citizenId, sessionId: session.id };
}

/** Ends a session. */
export async function logout(deps: Deps, params: { orgId: string; sessionId: string }): Promise<void> {
  forgetSession(deps.db, params.sessionId);
  await deps.db.write((transaction) =>
    deps.db.models.Session.destroy({ where: { orgId: params.orgId, id: params.sessionId }, transaction }),
  );
  forgetSession(deps.db, params.sessionId);
}
