import type { HumanCheckChallenge, HumanCheckKind } from '@citizen-counter/sdk';
import { createChallenge, verifySolution } from 'altcha-lib';
import svgCaptcha from 'svg-captcha';
import type { Deps } from '../types.js';
import { hmac, newId, safeEqual } from '../lib/crypto.js';
import { humanCheckExpired, humanCheckFailed } from '../errors/catalogue.js';

const lifetimeMs = 10 * 60 * 1000;
const maxNumber = 50_000;
const imageLength = 5;

/** A key only for human checks, so a leaked signature says nothing about OTP HMACs. */
function checkKey(deps: Deps): string {
  return hmac(deps.config.serverSecret, 'human-check');
}

/** Makes a new single-use human check of the org's kind and remembers it. */
export async function createHumanCheck(deps: Deps, params: { orgId: string; kind: HumanCheckKind }): Promise<HumanCheckChallenge> {
  const now = deps.config.now();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  const id = newId();
  if (params.kind === 'image') {
    const captcha = svgCaptcha.create({ size: imageLength, noise: 2, ignoreChars: '0oO1ilI' });
    await deps.db.write((transaction) =>
      deps.db.models.HumanCheck.create(
        { id, orgId: params.orgId, kind: 'image', salt: null, secret: hmac(checkKey(deps), captcha.text.toLowerCase()), signature: null, expiresAt, usedAt: null, createdAt: now },
        { transaction },
      ),
    );
    const image = `data:image/svg+xml;base64,${Buffer.from(captcha.data).toString('base64')}`;
    return { kind: 'image', id, image, length: imageLength, expiresAt: expiresAt.toISOString() };
  }
  const challenge = await createChallenge({ hmacKey: checkKey(deps), maxnumber: maxNumber, expires: expiresAt });
  await deps.db.write((transaction) =>
    deps.db.models.HumanCheck.create(
      { id, orgId: params.orgId, kind: 'pow', salt: challenge.salt, secret: challenge.challenge, signature: challenge.signature, expiresAt, usedAt: null, createdAt: now },
      { transaction },
    ),
  );
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

/**
 * Consumes a human check and checks its answer. Any attempt uses the check up (the transaction
 * commits before a wrong answer is reported), so an image code cannot be guessed by trying again.
 */
export async function consumeHumanCheck(deps: Deps, params: { orgId: string; id: string; answer: string }): Promise<void> {
  const { HumanCheck } = deps.db.models;
  const now = deps.config.now();
  const outcome = await deps.db.write(async (transaction) => {
    const row = await HumanCheck.findOne({ where: { orgId: params.orgId, id: params.id }, transaction });
    if (!row) return 'failed';
    if (row.usedAt || row.expiresAt.getTime() <= now.getTime()) return 'expired';
    const [taken] = await HumanCheck.update({ usedAt: now }, { where: { orgId: params.orgId, id: params.id, usedAt: null }, transaction });
    if (taken !== 1) return 'expired';
    return (await isCorrect(deps, row.kind, row.salt, row.secret, row.signature, params.answer)) ? 'ok' : 'failed';
  });
  if (outcome === 'expired') throw humanCheckExpired();
  if (outcome === 'failed') throw humanCheckFailed();
}

async function isCorrect(deps: Deps, kind: string, salt: string | null, secret: string, signature: string | null, answer: string): Promise<boolean> {
  if (kind === 'image') return safeEqual(hmac(checkKey(deps), answer.trim().toLowerCase()), secret);
  if (!/^\d{1,9}$/.test(answer) || !salt || !signature) return false;
  // Expiry is the row's (it follows the injectable clock); the signature proves the server made it.
  return verifySolution({ algorithm: 'SHA-256', challenge: secret, number: Number(answer), salt, signature }, checkKey(deps), false);
}
