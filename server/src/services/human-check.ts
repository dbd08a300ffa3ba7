import type { HumanCheckChallenge, HumanCheckKind } from '@citizen-counter/sdk';
import { createChallenge, verifySolution } from 'altcha-lib';
import svgCaptcha from 'svg-captcha';
import { Op, type Transaction } from 'sequelize';
import type { Deps } from '../types.js';
import { lockForTransaction } from '../db/locks.js';
import { hmac, newId, safeEqual } from '../lib/crypto.js';
import { humanCheckExpired, humanCheckFailed, humanChecksRateLimited } from '../errors/catalogue.js';

const lifetimeMs = 10 * 60 * 1000;
const maxNumber = 50_000;
const imageLength = 5;

/** A key only for human checks, so a leaked signature says nothing about OTP HMACs. */
function checkKey(deps: Deps): string {
  return hmac(deps.config.serverSecret, 'human-check');
}

/** An image check's characters and its SVG drawing. */
export interface DrawnImageCheck {
  text: string;
  svg: string;
}

/**
 * Draws an image check with svg-captcha: characters that cannot be mistaken for one another. The
 * library centres each character on an even share of the width; at its default size (150×50,
 * 56 px letters) a wide first or last letter (W, M) spills over the edge and is cut. 200×64 with
 * 50 px letters keeps every letter whole.
 */
export function drawImageCheck(): DrawnImageCheck {
  const captcha = svgCaptcha.create({ size: imageLength, noise: 2, ignoreChars: '0oO1ilI', width: 200, height: 64, fontSize: 50 });
  return { text: captcha.text, svg: captcha.data };
}

/**
 * Makes a new single-use human check of `kind` (the org's, or the image check a caller asks for)
 * for a client address, and remembers it. An address gets a bounded number of checks in the
 * window, across every org: beyond it, 429 `rate_limited` with the real wait.
 */
export async function createHumanCheck(deps: Deps, params: { orgId: string; kind: HumanCheckKind; ip: string }): Promise<HumanCheckChallenge> {
  const { orgId, ip } = params;
  const now = deps.config.now();
  // Read first, outside the single writer: a flood from one address is refused without queueing there.
  await checkAddressCap(deps, { ip, now });
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  const id = newId();
  const remember = (row: { kind: HumanCheckKind; salt: string | null; secret: string; signature: string | null }) =>
    deps.db.write(async (transaction) => {
      // Again in the transaction, after concurrent checks of the address have taken turns: exact.
      await lockForTransaction(deps.db, `checks-ip:${ip}`, transaction);
      await checkAddressCap(deps, { ip, now, transaction });
      await deps.db.models.HumanCheck.create({ id, orgId, ...row, expiresAt, usedAt: null, ip, createdAt: now }, { transaction });
    });
  if (params.kind === 'image') {
    const drawn = (deps.config.drawImageCheck ?? drawImageCheck)();
    await remember({ kind: 'image', salt: null, secret: hmac(checkKey(deps), drawn.text.toLowerCase()), signature: null });
    const image = `data:image/svg+xml;base64,${Buffer.from(drawn.svg).toString('base64')}`;
    return { kind: 'image', id, image, length: drawn.text.length, expiresAt: expiresAt.toISOString() };
  }
  const challenge = await createChallenge({ hmacKey: checkKey(deps), maxnumber: maxNumber, expires: expiresAt });
  await remember({ kind: 'pow', salt: challenge.salt, secret: challenge.challenge, signature: challenge.signature });
  return {
    kind: 'pow',
    id,
    algorithm: 'SHA-256',
    challenge: challenge.challenge,
    salt: challenge.salt,
    signature: challenge.signature,
    maxNumber,
    expiresAt: expiresAt.toISOString(),
  };
}

/** Refuses a check when the address has had its share of the window, saying when the next one frees. */
async function checkAddressCap(deps: Deps, params: { ip: string; now: Date; transaction?: Transaction }): Promise<void> {
  const { ip, now, transaction } = params;
  const { challenges, windowSeconds } = deps.config.addressLimits;
  const recent = await deps.db.models.HumanCheck.findAll({
    where: { ip, createdAt: { [Op.gt]: new Date(now.getTime() - windowSeconds * 1000) } },
    attributes: ['createdAt'],
    order: [['createdAt', 'DESC']],
    limit: challenges,
    ...(transaction ? { transaction } : {}),
  });
  const oldest = recent[challenges - 1];
  if (oldest) throw humanChecksRateLimited((oldest.createdAt.getTime() + windowSeconds * 1000 - now.getTime()) / 1000);
}

/**
 * Consumes a human check and checks its answer; answers the kind of check it was. Any attempt uses
 * the check up (the transaction commits before a wrong answer is reported), so an image code cannot
 * be guessed by trying again.
 */
export async function consumeHumanCheck(deps: Deps, params: { orgId: string; id: string; answer: string }): Promise<HumanCheckKind> {
  const { HumanCheck } = deps.db.models;
  const now = deps.config.now();
  const outcome = await deps.db.write(async (transaction) => {
    const row = await HumanCheck.findOne({ where: { orgId: params.orgId, id: params.id }, transaction });
    if (!row) return 'failed';
    if (row.usedAt || row.expiresAt.getTime() <= now.getTime()) return 'expired';
    const [taken] = await HumanCheck.update({ usedAt: now }, { where: { orgId: params.orgId, id: params.id, usedAt: null }, transaction });
    if (taken !== 1) return 'expired';
    return (await isCorrect(deps, row.kind, row.salt, row.secret, row.signature, params.answer)) ? row.kind : 'failed';
  });
  if (outcome === 'expired') throw humanCheckExpired();
  if (outcome === 'failed') throw humanCheckFailed();
  return outcome;
}

async function isCorrect(deps: Deps, kind: string, salt: string | null, secret: string, signature: string | null, answer: string): Promise<boolean> {
  if (kind === 'image') return safeEqual(hmac(checkKey(deps), answer.trim().toLowerCase()), secret);
  if (!/^\d{1,9}$/.test(answer) || !salt || !signature) return false;
  // Expiry is the row's (it follows the injectable clock); the signature proves the server made it.
  return verifySolution({ algorithm: 'SHA-256', challenge: secret, number: Number(answer), salt, signature }, checkKey(deps), false);
}
