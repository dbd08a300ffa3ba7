import type { Locale, OrgSettings, SmsKind, SmsText } from '@citizen-counter/sdk';
import type { Transaction } from 'sequelize';
import type { Database } from '../db/database.js';
import { lockForTransaction } from '../db/locks.js';
import { orgSmsText } from '../db/org-queries.js';
import { smsSize } from '../sms/sms-parts.js';
import type { RequestRow } from '../models/index.js';
import { appealSentence, defaultSmsText, fillPlaceholders, smsDate, smsKinds, smsVariables, webOtpLine, type SmsTemplate } from '../sms/templates.js';
import type { StaffPrincipal, StoreDeps } from '../types.js';
import { recordAudit } from './audit.js';
import type { LoadedOrg } from './orgs.js';
import { checkPlaceholders } from './templates.js';

const locales: readonly Locale[] = ['fa', 'en'];

/** What {@link renderOrgSms} fills in. */
export interface OrgSmsParams {
  orgId: string;
  kind: SmsKind;
  locale: Locale;
  values: Record<string, string>;
  /** The caller's write transaction, when the SMS is queued in one. */
  transaction?: Transaction | undefined;
  /** The org's own text of the kind in the locale (`null`: none), when the caller read it already. */
  ownText?: string | null | undefined;
}

/** The text of an SMS as the org sends it: its own text for the kind and locale, or the built-in one, filled in. */
export async function renderOrgSms(db: Database, params: OrgSmsParams): Promise<string> {
  const { orgId, kind, locale } = params;
  // Outside a transaction (a submission renders before it writes) the raw reader's prepared statement does.
  const own =
    params.ownText !== undefined
      ? params.ownText
      : params.transaction
        ? ((await db.models.SmsText.findOne({ where: { orgId, kind, locale }, transaction: params.transaction }))?.text ?? null)
        : await orgSmsText(db, { orgId, kind, locale });
  return fillPlaceholders(own ?? defaultSmsText(kind, locale), params.values);
}

/** The SMS a citizen gets about a change, in the org's SMS locale and in the org's own text when it set one. */
export async function citizenSms(
  deps: Pick<StoreDeps, 'db'>,
  params: {
    org: LoadedOrg;
    kind: SmsTemplate;
    row: Pick<RequestRow, 'fullName' | 'trackingCode' | 'letterNumber' | 'rejectionReason' | 'letterDate' | 'unitId' | 'currentUnitId'>;
    now: Date;
    extra: Record<string, string>;
    transaction?: Transaction | undefined;
    /** The org's own text, when the caller read it already (see {@link renderOrgSms}). */
    ownText?: string | null | undefined;
  },
): Promise<string> {
  const { org, kind, row, now } = params;
  const locale = org.settings.smsLocale;
  const unit = org.units.find((candidate) => candidate.id === (row.currentUnitId ?? row.unitId));
  const values = {
    ...params.extra,
    fullName: row.fullName,
    trackingCode: row.trackingCode,
    letterNumber: row.letterNumber ?? '',
    unit: unit ? (locale === 'fa' ? unit.nameFa : unit.nameEn) : '',
    reason: row.rejectionReason ?? '',
    date: smsDate(kind === 'approved' ? (row.letterDate ?? now) : now, locale),
    org: locale === 'fa' ? org.row.nameFa : org.row.nameEn,
    appeal: org.settings.appeals.rounds > 0 ? appealSentence(locale, org.settings.appeals.days) : '',
  };
  return renderOrgSms(deps.db, { orgId: org.row.id, kind, locale, values, transaction: params.transaction, ownText: params.ownText });
}

/** Which setting of `notifications` turns each kind of citizen news on or off; login codes always go. */
const notificationSetting: Partial<Record<SmsTemplate, keyof OrgSettings['notifications']>> = {
  submitted: 'submitted',
  replied: 'replied',
  documents_requested: 'documentsRequested',
  approved: 'approved',
  rejected: 'rejected',
};

/** Whether the org sends SMS of `kind` (its `notifications` setting). */
export function notifies(org: LoadedOrg, kind: SmsTemplate): boolean {
  const setting = notificationSetting[kind];
  return setting === undefined || org.settings.notifications[setting];
}

/** Every kind of SMS in each locale: the built-in text, the org's own, the variables, an example and its size. */
export async function listSmsTexts(deps: StoreDeps, params: { org: LoadedOrg }): Promise<SmsText[]> {
  const { org } = params;
  const rows = await deps.db.models.SmsText.findAll({ where: { orgId: org.row.id } });
  const own = new Map(rows.map((row) => [`${row.kind}:${row.locale}`, row.text]));
  const now = deps.config.now();
  return smsKinds.flatMap((kind) => locales.map((locale) => presentSmsText(deps, org, kind, locale, own.get(`${kind}:${locale}`) ?? null, now)));
}

/**
 * Sets the org's own text for a kind of SMS in a locale (admins). It may use only its kind's
 * variables (400 `template_invalid` otherwise), and a login code text must keep `{code}`.
 */
export async function setSmsText(
  deps: StoreDeps,
  params: { org: LoadedOrg; kind: SmsKind; locale: Locale; text: string; by: StaffPrincipal },
): Promise<SmsText> {
  const { org, kind, locale, text } = params;
  const orgId = org.row.id;
  checkPlaceholders(text, { field: 'text', allowed: smsVariables[kind].variables, required: smsVariables[kind].required });
  const now = deps.config.now();
  await deps.db.write(async (transaction) => {
    const { SmsText: model } = deps.db.models;
    // Two admins saving the first text of a kind at once: the second waits here, then updates.
    await lockForTransaction(deps.db, `sms-text:${orgId}:${kind}:${locale}`, transaction);
    const [changed] = await model.update({ text, updatedAt: now }, { where: { orgId, kind, locale }, transaction });
    if (changed === 0) await model.create({ orgId, kind, locale, text, updatedAt: now }, { transaction });
    await recordAudit(deps, { orgId, actor: params.by, action: 'sms_text.changed', details: { kind, locale }, now, transaction });
  });
  return presentSmsText(deps, org, kind, locale, text, now);
}

/** Goes back to the built-in text for a kind and locale (admins); answers the entry as it now is. */
export async function resetSmsText(deps: StoreDeps, params: { org: LoadedOrg; kind: SmsKind; locale: Locale; by: StaffPrincipal }): Promise<SmsText> {
  const { org, kind, locale } = params;
  const orgId = org.row.id;
  const now = deps.config.now();
  await deps.db.write(async (transaction) => {
    const removed = await deps.db.models.SmsText.destroy({ where: { orgId, kind, locale }, transaction });
    if (removed > 0) await recordAudit(deps, { orgId, actor: params.by, action: 'sms_text.reset', details: { kind, locale }, now, transaction });
  });
  return presentSmsText(deps, org, kind, locale, null, now);
}

function presentSmsText(deps: StoreDeps, org: LoadedOrg, kind: SmsKind, locale: Locale, own: string | null, now: Date): SmsText {
  const defaultText = defaultSmsText(kind, locale);
  const values = sampleValues(org, locale, now);
  const filled = fillPlaceholders(own ?? defaultText, values);
  // A login code goes with the WebOTP line of PUBLIC_URL at least, and it counts in the parts.
  const host = (kind === 'otp' || kind === 'staff_otp') && deps.config.publicUrl ? new URL(deps.config.publicUrl).host : null;
  const example = host ? `${filled}\n${webOtpLine(host, values['code'] ?? '')}` : filled;
  const size = smsSize(example);
  return {
    kind,
    locale,
    defaultText,
    text: own,
    variables: [...smsVariables[kind].variables],
    required: [...smsVariables[kind].required],
    example,
    encoding: size.encoding,
    parts: size.parts,
  };
}

/** Values of typical length, so the part count of the example is the one citizens will mostly get. */
function sampleValues(org: LoadedOrg, locale: Locale, now: Date): Record<string, string> {
  const fa = locale === 'fa';
  const unit = org.units[0];
  return {
    code: '123456789'.slice(0, org.settings.otp.length),
    org: fa ? org.row.nameFa : org.row.nameEn,
    fullName: fa ? 'سارا احمدی' : 'Sara Ahmadi',
    trackingCode: '4829301756',
    letterNumber: '127/1405',
    unit: unit ? (fa ? unit.nameFa : unit.nameEn) : '',
    date: smsDate(now, locale),
    reason: fa ? 'امضای درخواست کننده ندارد' : 'The request is not signed',
    message: fa ? 'تصویر کارت ملی' : 'A copy of your ID card',
    appeal: org.settings.appeals.rounds > 0 ? appealSentence(locale, org.settings.appeals.days) : '',
  };
}
