import type { HumanCheckSolution, OtpRequestResult } from '@citizen-counter/sdk';
import { randomInt } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { lockForTransaction } from '../db/locks.js';
import type { Deps, StoreDeps } from '../types.js';
import type { AppError } from '../errors/app-error.js';
import { hmac, newId, safeEqual } from '../lib/crypto.js';
import { consumeHumanCheck } from './human-check.js';
import { type LoadedOrg } from './orgs.js';
import { enqueueSms } from '../outbox/enqueue.js';
import { parsePhone } from './phone.js';
import { renderOrgSms } from './sms-texts.js';
import {
  countryNotAllowed,
  otpAddressRateLimited,
  otpAttemptsExceeded,
  otpCooldown,
  otpExpired,
  otpInvalid,
  otpOrgRateLimited,
  otpPhoneRateLimited,
  otpUsed,
  phoneInvalid,
} from '../errors/catalogue.js';

/** Input of {@link requestOtp}: the phone (E.164, see {@link readPhone}), the solved human check and who asks. */
export interface RequestOtpParams {
  org: LoadedOrg;
  phone: string;
  challenge: HumanCheckSolution;
  ip: string;
  /** Who the code logs in. A staff code is sent only to an active staff member's phone. @default 'citizen' */
  audience?: OtpAudience;
}

/** Who a one-time code logs in. */
export type OtpAudience = 'citizen' | 'staff';

const maxAttempts = 5;

/** The HMAC an OTP is stored as: bound to the org and the phone, so a row is useless elsewhere. */
export function otpHmac(secret: string, orgId: string, phone: string, code: string): string {
  return hmac(secret, `${orgId}|${phone}|${code}`);
}

/** Reads a phone for an org (the edge calls it), or throws `phone_invalid` / `country_not_allowed`. */
export function readPhone(value: string, org: LoadedOrg): string {
  const parsed = parsePhone(value, org.settings.allowedCountryCodes);
  if (parsed.ok) return parsed.e164;
  if (parsed.reason === 'country') {
    throw countryNotAllowed(org.settings.allowedCountryCodes);
  }
  throw phoneInvalid();
}

/**
 * Sends a one-time code after a solved human check, within the resend cooldown and the send caps.
 * The answer is the same whether or not the phone has been seen before.
 */
export async function requestOtp(deps: Deps, params: RequestOtpParams): Promise<OtpRequestResult> {
  const { org, phone, challenge } = params;
  const audience = params.audience ?? 'citizen';
  const orgId = org.row.id;
  await consumeHumanCheck(deps, { orgId, id: challenge.id, answer: challenge.answer });

  const { otp, smsLocale } = org.settings;
  const code = Array.from({ length: otp.length }, () => randomInt(10)).join('');
  const now = deps.config.now();
  const expiresAt = new Date(now.getTime() + otp.ttlSeconds * 1000);
  const outboxId = await deps.db.write(async (transaction) => {
    await checkLimits(deps, { orgId, phone, ip: params.ip, audience, resendSeconds: otp.resendSeconds, now, transaction });
    const id = newId();
    await deps.db.models.OtpCode.create(
      { id, orgId, phone, ip: params.ip, codeHmac: otpHmac(deps.config.serverSecret, orgId, phone, code), audience, expiresAt, consumedAt: null, createdAt: now },
      { transaction },
    );
    // A staff code goes only to a member's phone; the answer is the same either way, so the
    // login form tells nobody who the org's staff are.
    if (audience === 'staff' && !(await isActiveStaffPhone(deps, orgId, phone, transaction))) return null;
    const orgName = smsLocale === 'fa' ? org.row.nameFa : org.row.nameEn;
    const kind = audience === 'staff' ? 'staff_otp' : 'otp';
    const text = await renderOrgSms(deps.db, { orgId, kind, locale: smsLocale, values: { code, org: orgName }, transaction });
    return enqueueSms(deps.db, { orgId, to: phone, text, secret: true, dedupeKey: `otp:${id}`, now, transaction });
  });
  if (outboxId) await deps.outbox.deliverNow([outboxId]);
  return {
    phone,
    codeLength: otp.length,
    expiresAt: expiresAt.toISOString(),
    resendAt: new Date(now.getTime() + otp.resendSeconds * 1000).toISOString(),
  };
}

async function isActiveStaffPhone(deps: Deps, orgId: string, phone: string, transaction: Transaction): Promise<boolean> {
  return (await deps.db.models.Staff.count({ where: { orgId, phone, active: true }, transaction })) > 0;
}

/**
 * Checks a code against the latest one sent to a phone for an audience, inside the caller's write
 * transaction, and marks it used. Answers the error to throw (after the transaction commits, so a
 * counted wrong try stays counted), or `null` when the code is right.
 *
 * A wrong code gets the same answer whatever the phone's state — no code, a live one, an expired,
 * used or exhausted one — so guessing tells nothing about whether (or when) its holder asked for a
 * code; only a caller who has the right code learns that it expired or was used. Only a live code
 * counts wrong tries, 5 at most, as before.
 */
export async function consumeOtp(
  deps: StoreDeps,
  params: { orgId: string; phone: string; code: string; audience: OtpAudience; now: Date; transaction: Transaction },
): Promise<AppError | null> {
  const { OtpCode } = deps.db.models;
  const { orgId, phone, code, audience, now, transaction } = params;
  // FOR UPDATE on PostgreSQL: concurrent guesses take turns, so no more than 5 are ever checked.
  const otp = await OtpCode.findOne({ where: { orgId, phone, audience }, order: [['createdAt', 'DESC'], ['id', 'DESC']], transaction, lock: true });
  // Hashed whether or not there is a code to compare with: the answer takes as long either way.
  const given = otpHmac(deps.config.serverSecret, orgId, phone, code);
  const live = otp !== null && !otp.consumedAt && otp.attempts < maxAttempts && otp.expiresAt.getTime() > now.getTime();
  if (!otp || !safeEqual(given, otp.codeHmac)) {
    if (live) await OtpCode.increment('attempts', { by: 1, where: { orgId, id: otp.id }, transaction });
    return otpInvalid();
  }
  if (otp.consumedAt) return otpUsed();
  if (otp.attempts >= maxAttempts) return otpAttemptsExceeded();
  if (!live) return otpExpired();
  const [consumed] = await OtpCode.update({ consumedAt: now }, { where: { orgId, id: otp.id, consumedAt: null }, transaction });
  return consumed === 1 ? null : otpUsed();
}

/** Seconds until a send made at `at` leaves the window: when the next one may pass. */
function secondsUntil(at: Date, windowSeconds: number, now: Date): number {
  return Math.max(1, Math.ceil((at.getTime() + windowSeconds * 1000 - now.getTime()) / 1000));
}

interface LimitParams {
  orgId: string;
  phone: string;
  ip: string;
  audience: OtpAudience;
  resendSeconds: number;
  now: Date;
  transaction: Transaction;
}

/** Counts earlier sends from the database, so several processes sharing PostgreSQL share the caps. */
async function checkLimits(deps: Deps, params: LimitParams): Promise<void> {
  const { OtpCode } = deps.db.models;
  const { orgId, phone, ip, audience, now, transaction } = params;
  const limits = deps.config.otpLimits;
  // Concurrent sends to one phone (several processes too) queue here until the first commits, so
  // the cooldown and the per-phone cap see each other's rows.
  await lockForTransaction(deps.db, `otp:${orgId}:${phone}`, transaction);
  const windowStart = new Date(now.getTime() - limits.windowSeconds * 1000);
  const recent = await OtpCode.findAll({
    where: { orgId, phone, createdAt: { [Op.gt]: windowStart } },
    order: [['createdAt', 'DESC']],
    attributes: ['createdAt', 'audience'],
    transaction,
  });
  // The cooldown is per audience (a clerk who is also a citizen may log into both at once); the
  // per-phone cap counts every code sent to the phone.
  const latest = recent.find((row) => row.audience === audience);
  if (latest) {
    const wait = latest.createdAt.getTime() + params.resendSeconds * 1000 - now.getTime();
    if (wait > 0) throw otpCooldown(wait / 1000);
  }
  const oldest = recent[recent.length - 1];
  if (oldest && recent.length >= limits.perPhone) {
    const wait = oldest.createdAt.getTime() + limits.windowSeconds * 1000 - now.getTime();
    throw otpPhoneRateLimited(wait / 1000);
  }
  // The address's and the org's caps are exact too: sends from one address, and sends of one org,
  // take turns (always in this order — phone, address, org — so no two transactions wait on each other).
  await lockForTransaction(deps.db, `otp-ip:${ip}`, transaction);
  const window = { [Op.gt]: windowStart };
  const fromAddress = await OtpCode.findAll({ where: { ip, createdAt: window }, attributes: ['orgId', 'createdAt'], order: [['createdAt', 'ASC']], transaction });
  const fromAddressHere = fromAddress.filter((row) => row.orgId === orgId);
  // Per address at this org, and per address across every org (an address cannot spread over orgs).
  for (const [rows, cap] of [[fromAddressHere, limits.perIp], [fromAddress, limits.perIpAllOrgs]] as const) {
    if (rows.length >= cap) throw otpAddressRateLimited(secondsUntil(rows[rows.length - cap]!.createdAt, limits.windowSeconds, now));
  }
  await lockForTransaction(deps.db, `otp-org:${orgId}`, transaction);
  if ((await OtpCode.count({ where: { orgId, createdAt: window }, transaction })) >= limits.perOrg) {
    throw otpOrgRateLimited(60);
  }
}
