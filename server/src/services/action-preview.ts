import type { ActionPreview, ActionPreviewInput } from '@citizen-counter/sdk';
import { lastNumber } from '../db/letter-register.js';
import { jalaliYear } from '../lib/jalali.js';
import { smsSize } from '../sms/sms-parts.js';
import type { StaffPrincipal, StoreDeps } from '../types.js';
import type { LoadedOrg } from './orgs.js';
import { citizenSms } from './sms-texts.js';
import { findVisible, letterNumberFor } from './staff-requests.js';
import { composeText } from './templates.js';

/**
 * What an action would tell the citizen, before the clerk confirms it: the letter number an
 * approval would get (the one typed, or the register's next — proposed, not reserved: a number
 * is taken only by the approval itself), the text they would read (a template filled in, with
 * the clerk's words) and the SMS with its size. Changes nothing.
 */
export async function previewAction(
  deps: StoreDeps,
  params: { who: StaffPrincipal; org: LoadedOrg; requestId: string; input: ActionPreviewInput },
): Promise<ActionPreview> {
  const { org, input } = params;
  const row = await findVisible(deps, params.who, params.requestId);
  const now = deps.config.now();
  const typed = input.text?.trim() || null;
  const sms = async (kind: 'approved' | 'rejected' | 'documents_requested' | 'replied', changes: { letterNumber?: string; rejectionReason?: string }, extra = {}) => {
    const text = await citizenSms(deps, { org, kind, row: { ...plainFields(row), letterDate: now, ...changes }, now, extra });
    const size = smsSize(text);
    return { text, encoding: size.encoding, parts: size.parts };
  };
  switch (input.action) {
    case 'approve': {
      const year = jalaliYear(now);
      const letterNumber =
        input.letterNumber?.trim() ||
        (await letterNumberFor(deps, { org, row, seq: (await lastNumber(deps.db, { orgId: org.row.id, year, direction: 'incoming' })) + 1, year }));
      return { letterNumber, text: null, sms: await sms('approved', { letterNumber }) };
    }
    case 'reject': {
      const reason = (await composeText(deps, { org, row, now, kind: 'rejection', templateId: input.templateId ?? null, text: typed })) ?? '';
      return { letterNumber: null, text: reason, sms: await sms('rejected', { rejectionReason: reason }) };
    }
    case 'documents':
      return { letterNumber: null, text: typed, sms: await sms('documents_requested', {}, { message: typed ?? '' }) };
    case 'reply': {
      const text = await composeText(deps, { org, row, now, kind: 'reply', templateId: input.templateId ?? null, text: typed });
      return { letterNumber: null, text, sms: await sms('replied', {}) };
    }
  }
}

function plainFields(row: Awaited<ReturnType<typeof findVisible>>) {
  const { fullName, trackingCode, letterNumber, rejectionReason, letterDate, unitId, currentUnitId } = row;
  return { fullName, trackingCode, letterNumber, rejectionReason, letterDate, unitId, currentUnitId };
}
