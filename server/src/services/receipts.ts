import type { Locale, ReceiptLink, ReceiptVerification } from '@citizen-counter/sdk';
import { createHmac } from 'node:crypto';
import { presentUnit } from '../presenters/org.js';
import type { ReceiptLinker } from '../presenters/request.js';
import { safeEqual } from '../lib/crypto.js';
import type { StoreDeps } from '../types.js';
import { isAppError } from '../errors/app-error.js';
import { loadOrg, type LoadedOrg } from './orgs.js';
import { normalizeTrackingCode } from './tracking-codes.js';

/**
 * Receipts anyone can verify. A receipt's QR code holds a link to
 * `/v1/orgs/:org/receipts/:trackingCode?sig=…`; the signature is an HMAC-SHA256 of the org and the
 * tracking code under a key of the org's own, derived from `SERVER_SECRET`. HMAC rather than
 * Ed25519 because only this service ever checks a signature (the link is answered here): no key to
 * publish or store, and 128 bits of tag keep the code small enough to scan from a printed page.
 * Changing `SERVER_SECRET` voids every receipt printed before.
 */

/** Bytes of the HMAC kept in a link: 128 bits, 22 base64url characters. */
const tagBytes = 16;

// Derived keys by secret and org: a list page signs a receipt link per request, and deriving the
// key each time was half of that work.
const orgKeys = new Map<string, Map<string, Buffer>>();

/** The org's receipt key: one org's receipts say nothing about another's. */
function orgKey(secret: string, orgId: string): Buffer {
  let keys = orgKeys.get(secret);
  if (!keys) orgKeys.set(secret, (keys = new Map()));
  let key = keys.get(orgId);
  if (!key) {
    if (keys.size >= 10_000) keys.clear();
    keys.set(orgId, (key = createHmac('sha256', secret).update(`receipt-key:${orgId}`).digest()));
  }
  return key;
}

// Signatures made lately, by secret, org and tracking code: a citizen's list is asked for again and
// again with the same requests on it. Bounded; the oldest go first.
const recentSignatures = new Map<string, string>();
const recentSignaturesMax = 20_000;

/** The signature of a receipt of `orgId` with `trackingCode`. */
export function receiptSignature(secret: string, orgId: string, trackingCode: string): string {
  const cacheKey = `${secret}\n${orgId}\n${trackingCode}`;
  let signature = recentSignatures.get(cacheKey);
  if (signature === undefined) {
    signature = createHmac('sha256', orgKey(secret, orgId)).update(`${orgId}\n${trackingCode}`).digest().subarray(0, tagBytes).toString('base64url');
    if (recentSignatures.size >= recentSignaturesMax) recentSignatures.delete(recentSignatures.keys().next().value!);
    recentSignatures.set(cacheKey, signature);
  }
  return signature;
}

/** The absolute, signed link of a receipt, under `base` (`PUBLIC_URL` or the origin the caller reached). */
export function receiptUrl(params: { base: string; secret: string; orgId: string; trackingCode: string }): string {
  const { base, secret, orgId, trackingCode } = params;
  const sig = receiptSignature(secret, orgId, trackingCode);
  return `${base}/v1/orgs/${encodeURIComponent(orgId)}/receipts/${encodeURIComponent(trackingCode)}?sig=${sig}`;
}

/** A {@link ReceiptLinker} under `base`. */
export function receiptLinker(secret: string, base: string): ReceiptLinker {
  return (orgId, trackingCode) => receiptUrl({ base, secret, orgId, trackingCode });
}

/** Whether a link's signature is the one the service gives this org and tracking code, compared in constant time. */
export function signatureMatches(secret: string, orgId: string, trackingCode: string, sig: string | undefined): boolean {
  if (!sig) return false;
  return safeEqual(sig, receiptSignature(secret, orgId, trackingCode));
}

/**
 * What a receipt's link shows: genuine with its date, unit and current status, or only not genuine.
 * The tracking code is taken exactly as signed — any other spelling of it is another link, and not
 * genuine. A wrong signature and an unknown code look the same, so the link tells nothing of other
 * requests.
 */
export async function verifyReceipt(
  deps: StoreDeps,
  params: { orgId: string; trackingCode: string; sig: string | undefined },
): Promise<ReceiptVerification> {
  const { orgId, trackingCode } = params;
  const notGenuine: ReceiptVerification = { genuine: false };
  if (!signatureMatches(deps.config.serverSecret, orgId, trackingCode, params.sig)) return notGenuine;
  if (normalizeTrackingCode(trackingCode) !== trackingCode) return notGenuine;
  const org = await orgOrNull(deps, orgId);
  if (!org) return notGenuine;
  const row = await deps.db.models.Request.findOne({ where: { orgId, trackingCode }, attributes: ['unitId', 'status', 'createdAt', 'updatedAt'] });
  const unit = row ? org.units.find((candidate) => candidate.id === row.unitId) : undefined;
  if (!row || !unit) return notGenuine;
  return {
    genuine: true,
    trackingCode,
    org: { id: org.row.id, name: { fa: org.row.nameFa, en: org.row.nameEn } },
    submittedAt: row.createdAt.toISOString(),
    unit: presentUnit(unit),
    status: row.status,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The language of a receipt page: `?lang=`, else the first of `Accept-Language` the page speaks, else Persian. */
export function receiptLocale(lang: Locale | undefined, acceptLanguage: string | undefined): Locale {
  if (lang) return lang;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
    if (tag.startsWith('fa')) return 'fa';
    if (tag.startsWith('en')) return 'en';
  }
  return 'fa';
}

async function orgOrNull(deps: StoreDeps, orgId: string): Promise<LoadedOrg | null> {
  try {
    return await loadOrg(deps, orgId);
  } catch (error) {
    if (isAppError(error) && error.code === 'org_not_found') return null;
    throw error;
  }
}

/** How long a printable receipt's link works: enough to print it, not enough to matter once forgotten in a history. */
const printLinkSeconds = 15 * 60;

/** The signature of a printable receipt's link: the org, the request, the citizen it was made for and its end. */
function printSignature(secret: string, params: { orgId: string; requestId: string; citizenId: string; exp: number }): string {
  const { orgId, requestId, citizenId, exp } = params;
  return createHmac('sha256', orgKey(secret, orgId)).update(`print\n${orgId}\n${requestId}\n${citizenId}\n${exp}`).digest().subarray(0, tagBytes).toString('base64url');
}

/**
 * A link to a request's printable receipt, openable without a session for 15 minutes — in a new tab,
 * where the citizen prints it or saves it as PDF (a session token never goes into a URL).
 */
export function printLink(params: { base: string; secret: string; orgId: string; requestId: string; citizenId: string; lang: Locale | undefined; now: Date }): ReceiptLink {
  const { base, secret, orgId, requestId, citizenId, lang, now } = params;
  const exp = Math.floor(now.getTime() / 1000) + printLinkSeconds;
  const query = new URLSearchParams({ c: citizenId, exp: String(exp), sig: printSignature(secret, { orgId, requestId, citizenId, exp }) });
  if (lang) query.set('lang', lang);
  return {
    url: `${base}/v1/orgs/${encodeURIComponent(orgId)}/requests/${encodeURIComponent(requestId)}/receipt?${query}`,
    expiresAt: new Date(exp * 1000).toISOString(),
  };
}

/** Whether a printable receipt's link is one the service made and has not yet ended (constant-time comparison). */
export function printLinkValid(secret: string, params: { orgId: string; requestId: string; citizenId: string; exp: number; sig: string; now: Date }): boolean {
  const { sig, now, ...signed } = params;
  return signed.exp * 1000 > now.getTime() && safeEqual(sig, printSignature(secret, signed));
}
