import type { HumanCheckSolution, OtpRequestResult } from '@citizen-counter/sdk';
import { randomInt } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { lockForTransaction } from '../db/locks.js';
import { addressBlock, phonePrefix } from '../lib/address-block.js';
import type { Deps, StoreDeps } from '../types.js';
import type { AppError } from '../errors/app-error.js';
import { hmac, newId, safeEqual } from '../lib/crypto.js';
import { consumeHumanCheck } from './human-check.js';
import { type LoadedOrg } from './orgs.js';
import { enqueueSms } from '../outbox/enqueue.js';
import { parsePhone } from './phone.js';
import { renderOrgSms } from './sms-texts.js';
import { webOtpLine } from '../sms/templates.js';
import {
  countryNotAllowed,
  humanCheckImageRequired,
  otpAddressRateLimited,
  otpAttemptsExceeded,
  otpBlockRateLimited,
  otpCooldown,
  otpExpired,
  otpInvalid,
  otpPhoneRateLimited,
  otpPrefixRateLimited,
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
  /**
   * The host of the page that asks for the code, for the WebOTP line the SMS ends with
   * (`@host #123456`), so Android and Chrome offer the code to that page; `null` for none.
   */
  webOtpHost?: string | null;
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
 * The answer is the same whether or not the phone has been seen before — except while the org sends
 * more citizen codes in an hour than its cap: then a number that never logged in there needs the
 * image check (`human_check_image_required`), so the org keeps serving everyone while an attacker's
 * fresh numbers cost a typed image each.
 */
export async function requestOtp(deps: Deps, params: RequestOtpParams): Promise<OtpRequestResult> {
  const { org, phone, challenge, ip } = params;
  const audience = params.audience ?? 'citizen';
  const orgId = org.row.id;
  const checkKind = await consumeHumanCheck(deps, { orgId, id: challenge.id, answer: challenge.answer });

  const { otp, smsLocale } = org.settings;
  const code = Array.from({ length: otp.length }, () => randomInt(10)).join('');
  const now = deps.config.now();
  const expiresAt = new Date(now.getTime() + otp.ttlSeconds * 1000);
  const outboxId = await deps.db.write(async (transaction) => {
    const limits = { orgId, phone, ip, audience, resendSeconds: otp.resendSeconds, ttlSeconds: otp.ttlSeconds, codeLength: otp.length, now, transaction };
    await checkLimits(deps, limits);
    const hourlyCap = org.settings.codesPerHour ?? deps.config.otpLimits.perOrgHour;
    if (checkKind !== 'image' && (await needsImageCheck(deps, { ...limits, hourlyCap }))) throw humanCheckImageRequired();
    const id = newId();
    await deps.db.models.OtpCode.create(
      {
        id,
        orgId,
        phone,
        ip,
        ipBlock: addressBlock(ip),
        phonePrefix: phonePrefix(phone),
        codeHmac: otpHmac(deps.config.serverSecret, orgId, phone, code),
        audience,
        expiresAt,
        consumedAt: null,
        createdAt: now,
      },
      { transaction },
    );
    // A staff code goes only to a member's phone; the answer is the same either way, so the
    // login form tells nobody who the org's staff are.
    if (audience === 'staff' && !(await isActiveStaffPhone(deps, orgId, phone, transaction))) return null;
    const orgName = smsLocale === 'fa' ? org.row.nameFa : org.row.nameEn;
    const kind = audience === 'staff' ? 'staff_otp' : 'otp';
    const own = await renderOrgSms(deps.db, { orgId, kind, locale: smsLocale, values: { code, org: orgName }, transaction });
    // After the org's own text too, so no text can lose it: the browser offers the code to the page.
    const text = params.webOtpHost ? `${own}\n${webOtpLine(params.webOtpHost, code)}` : own;
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
  ttlSeconds: number;
  codeLength: number;
  now: Date;
  transaction: Transaction;
}

/** Refuses when the newest `cap` rows of a window fill it, with the wait until the oldest of them leaves. */
function refuseWhenFull(rows: readonly { createdAt: Date }[], cap: number, windowSeconds: number, now: Date, refusal: (seconds: number) => AppError): void {
  const oldest = rows[cap - 1];
  if (oldest) throw refusal(secondsUntil(oldest.createdAt, windowSeconds, now));
}

/**
 * Counts earlier sends from the database, so several processes sharing PostgreSQL share the caps.
 * Every cap is narrow — a phone, an address, a network, a range of numbers — so no flood from a few
 * places shuts a whole org out; the org's own volume only raises the human check (see
 * {@link needsImageCheck}).
 */
async function checkLimits(deps: Deps, params: LimitParams): Promise<void> {
  const { OtpCode } = deps.db.models;
  const { orgId, phone, ip, audience, now, transaction } = params;
  const limits = deps.config.otpLimits;
  const windowStart = new Date(now.getTime() - limits.windowSeconds * 1000);
  const window = { [Op.gt]: windowStart };
  // The newest `cap` rows matching `where`, newest first: enough to tell whether the cap is full.
  const newest = (where: Record<string, unknown>, cap: number) =>
    OtpCode.findAll({ where: { ...where, createdAt: window }, attributes: ['createdAt'], order: [['createdAt', 'DESC']], limit: cap, transaction });
  // Concurrent sends to one phone (several processes too) queue here until the first commits, so
  // the cooldown and the per-phone cap see each other's rows.
  await lockForTransaction(deps.db, `otp:${orgId}:${phone}`, transaction);
  const recent = await OtpCode.findAll({
    where: { orgId, phone, createdAt: window },
    order: [['createdAt', 'DESC']],
    attributes: ['createdAt', 'audience'],
    transaction,
  });
  // The cooldown is per audience (a clerk who is also a citizen may log into both at once); the
  // per-phone cap counts every code sent to the phone.
  const latest = recent.find((row) => row.audience === audience);
  if (latest) {
    const sentAt = latest.createdAt.getTime();
    const wait = sentAt + params.resendSeconds * 1000 - now.getTime();
    // The refusal carries the times of the code already sent (the wait told them anyway), so a
    // citizen who asks again — after a reload, say — goes on to type the code they have.
    if (wait > 0) {
      throw otpCooldown(wait / 1000, {
        phone,
        codeLength: params.codeLength,
        expiresAt: new Date(sentAt + params.ttlSeconds * 1000).toISOString(),
        resendAt: new Date(sentAt + params.resendSeconds * 1000).toISOString(),
      });
    }
  }
  refuseWhenFull(recent, limits.perPhone, limits.windowSeconds, now, otpPhoneRateLimited);
  // The other caps are exact too: sends sharing a key take turns, always in this order — phone,
  // address, network, number range — so no two transactions wait on each other.
  await lockForTransaction(deps.db, `otp-ip:${ip}`, transaction);
  refuseWhenFull(await newest({ orgId, ip }, limits.perIp), limits.perIp, limits.windowSeconds, now, otpAddressRateLimited);
  // An address cannot spread its sends over orgs, nor a network over its addresses.
  refuseWhenFull(await newest({ ip }, limits.perIpAllOrgs), limits.perIpAllOrgs, limits.windowSeconds, now, otpAddressRateLimited);
  const block = addressBlock(ip);
  await lockForTransaction(deps.db, `otp-block:${block}`, transaction);
  refuseWhenFull(await newest({ ipBlock: block }, limits.perAddressBlock), limits.perAddressBlock, limits.windowSeconds, now, otpBlockRateLimited);
  const prefix = phonePrefix(phone);
  await lockForTransaction(deps.db, `otp-prefix:${orgId}:${prefix}`, transaction);
  refuseWhenFull(await newest({ orgId, phonePrefix: prefix }, limits.perPhonePrefix), limits.perPhonePrefix, limits.windowSeconds, now, otpPrefixRateLimited);
}

/**
 * Whether a citizen code needs the image check: the org has sent its hourly cap of citizen codes
 * and the number never logged in there. Staff codes never do (they reach members' phones only).
 */
async function needsImageCheck(deps: Deps, params: LimitParams & { hourlyCap: number }): Promise<boolean> {
  const { orgId, phone, audience, now, transaction, hourlyCap } = params;
  if (audience !== 'citizen') return false;
  const hourAgo = new Date(now.getTime() - 3600 * 1000);
  const sent = await deps.db.models.OtpCode.count({ where: { orgId, audience: 'citizen', createdAt: { [Op.gt]: hourAgo } }, transaction });
  if (sent < hourlyCap) return false;
  return (await deps.db.models.Citizen.count({ where: { orgId, phone }, transaction })) === 0;
}
