import type { HumanCheckSolution, OtpRequestResult } from '@citizen-counter/sdk';
import { randomInt } from 'node:crypto';
import { Op, type Transaction } from 'sequelize';
import { lockForTransaction } from '../db/locks.js';
import { renderSms } from '../sms/templates.js';
import type { Deps } from '../types.js';
import { hmac, newId } from '../lib/crypto.js';
import { consumeHumanCheck } from './human-check.js';
import { type LoadedOrg } from './orgs.js';
import { enqueueSms } from '../outbox/enqueue.js';
import { parsePhone } from './phone.js';
import { countryNotAllowed, otpAddressRateLimited, otpCooldown, otpOrgRateLimited, otpPhoneRateLimited, phoneInvalid } from '../errors/catalogue.js';

/** Input of {@link requestOtp}: the phone (E.164, see {@link readPhone}), the solved human check and who asks. */
export interface RequestOtpParams {
  org: LoadedOrg;
  phone: string;
  challenge: HumanCheckSolution;
  ip: string;
}

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
  const orgId = org.row.id;
  await consumeHumanCheck(deps, { orgId, id: challenge.id, answer: challenge.answer });

  const { otp, smsLocale } = org.settings;
  const code = Array.from({ length: otp.length }, () => randomInt(10)).join('');
  const now = deps.config.now();
  const expiresAt = new Date(now.getTime() + otp.ttlSeconds * 1000);
  const outboxId = await deps.db.write(async (transaction) => {
    await checkLimits(deps, { orgId, phone, ip: params.ip, resendSeconds: otp.resendSeconds, now, transaction });
    const id = newId();
    await deps.db.models.OtpCode.create(
      { id, orgId, phone, ip: params.ip, codeHmac: otpHmac(deps.config.serverSecret, orgId, phone, code), expiresAt, consumedAt: null, createdAt: now },
      { transaction },
    );
    const orgName = smsLocale === 'fa' ? org.row.nameFa : org.row.nameEn;
    const text = renderSms('otp', smsLocale, { code, org: orgName });
    return enqueueSms(deps.db, { orgId, to: phone, text, dedupeKey: `otp:${id}`, now, transaction });
  });
  await deps.outbox.deliverNow([outboxId]);
  return {
    phone,
    codeLength: otp.length,
    expiresAt: expiresAt.toISOString(),
    resendAt: new Date(now.getTime() + otp.resendSeconds * 1000).toISOString(),
  };
}

interface LimitParams {
  orgId: string;
  phone: string;
  ip: string;
  resendSeconds: number;
  now: Date;
  transaction: Transaction;
}

/** Counts earlier sends from the database, so several processes sharing PostgreSQL share the caps. */
async function checkLimits(deps: Deps, params: LimitParams): Promise<void> {
  const { OtpCode } = deps.db.models;
  const { orgId, phone, ip, now, transaction } = params;
  const limits = deps.config.otpLimits;
  // Concurrent sends to one phone (several processes too) queue here until the first commits, so
  // the cooldown and the per-phone cap see each other's rows.
  await lockForTransaction(deps.db, `otp:${orgId}:${phone}`, transaction);
  const windowStart = new Date(now.getTime() - limits.windowSeconds * 1000);
  const recent = await OtpCode.findAll({
    where: { orgId, phone, createdAt: { [Op.gt]: windowStart } },
    order: [['createdAt', 'DESC']],
    attributes: ['createdAt'],
    transaction,
  });
  const latest = recent[0];
  if (latest) {
    const wait = latest.createdAt.getTime() + params.resendSeconds * 1000 - now.getTime();
    if (wait > 0) throw otpCooldown(wait / 1000);
  }
  const oldest = recent[recent.length - 1];
  if (oldest && recent.length >= limits.perPhone) {
    const wait = oldest.createdAt.getTime() + limits.windowSeconds * 1000 - now.getTime();
    throw otpPhoneRateLimited(wait / 1000);
  }
  const window = { [Op.gt]: windowStart };
  if ((await OtpCode.count({ where: { orgId, ip, createdAt: window }, transaction })) >= limits.perIp) {
    throw otpAddressRateLimited(limits.windowSeconds);
  }
  if ((await OtpCode.count({ where: { orgId, createdAt: window }, transaction })) >= limits.perOrg) {
    throw otpOrgRateLimited(60);
  }
}
