import type { CreateTemplateInput, Locale, RenderedTemplate, Template, TemplateKind, UpdateTemplateInput } from '@citizen-counter/sdk';
import { UniqueConstraintError, type Transaction } from 'sequelize';
import { fieldRequired } from '../errors/app-error.js';
import { templateExists, templateMissingVariable, templateNotFound, templateUnknownVariable, templateWrongKind } from '../errors/catalogue.js';
import { newId } from '../lib/crypto.js';
import type { RequestRow, TemplateRow } from '../models/index.js';
import { fillPlaceholders, placeholdersOf, smsDate } from '../sms/templates.js';
import type { StaffPrincipal, StoreDeps } from '../types.js';
import { recordAudit } from './audit.js';
import type { LoadedOrg } from './orgs.js';

/** The variables an answer or rejection template may use. */
export const templateVariables: readonly string[] = ['fullName', 'trackingCode', 'letterNumber', 'unit', 'date'];

/**
 * Checks the `{name}`s of a text: each must be one of `allowed` (else 400 `template_invalid`
 * naming it), and each of `required` must be there.
 */
export function checkPlaceholders(text: string, rules: { field: string; allowed: readonly string[]; required?: readonly string[] }): void {
  const used = placeholdersOf(text);
  const unknown = used.find((name) => !rules.allowed.includes(name));
  if (unknown) throw templateUnknownVariable(rules.field, unknown, rules.allowed);
  const missing = rules.required?.find((name) => !used.includes(name));
  if (missing) throw templateMissingVariable(rules.field, missing);
}

/** The org's templates, by kind and title. */
export async function listTemplates(deps: StoreDeps, params: { orgId: string }): Promise<Template[]> {
  const rows = await deps.db.models.Template.findAll({ where: { orgId: params.orgId }, order: [['kind', 'ASC'], ['title', 'ASC'], ['id', 'ASC']] });
  return rows.map(presentTemplate);
}

/** Adds a template (admins); a title is unique per org and kind (409 `template_exists`). */
export async function addTemplate(deps: StoreDeps, params: { orgId: string; input: CreateTemplateInput; by: StaffPrincipal }): Promise<Template> {
  const { orgId, input } = params;
  const texts = checkedTexts({ fa: input.text.fa ?? null, en: input.text.en ?? null });
  const now = deps.config.now();
  const row = await uniqueTitle(() =>
    deps.db.write(async (transaction) => {
      await refuseTakenTitle(deps, { orgId, kind: input.kind, title: input.title, transaction });
      const created = await deps.db.models.Template.create({ id: newId(), orgId, kind: input.kind, title: input.title, ...texts, createdAt: now, updatedAt: now }, { transaction });
      await recordAudit(deps, { orgId, actor: params.by, action: 'template.added', details: { templateId: created.id, kind: input.kind, title: input.title }, now, transaction });
      return created;
    }),
  );
  return presentTemplate(row);
}

/** Changes a template's title or texts (admins); an empty text removes that locale, one must remain. */
export async function updateTemplate(
  deps: StoreDeps,
  params: { orgId: string; templateId: string; change: UpdateTemplateInput; by: StaffPrincipal },
): Promise<Template> {
  const { orgId, templateId, change } = params;
  const now = deps.config.now();
  const row = await uniqueTitle(() =>
    deps.db.write(async (transaction) => {
      const found = await findTemplate(deps, { orgId, templateId, transaction });
      const title = change.title ?? found.title;
      if (title !== found.title) await refuseTakenTitle(deps, { orgId, kind: found.kind, title, transaction });
      const texts = checkedTexts({
        fa: change.text?.fa === undefined ? found.textFa : change.text.fa || null,
        en: change.text?.en === undefined ? found.textEn : change.text.en || null,
      });
      await found.update({ title, ...texts, updatedAt: now }, { transaction });
      await recordAudit(deps, { orgId, actor: params.by, action: 'template.changed', details: { templateId, title }, now, transaction });
      return found;
    }),
  );
  return presentTemplate(row);
}

/** Removes a template (admins); what was sent with it stays as it was sent. */
export async function deleteTemplate(deps: StoreDeps, params: { orgId: string; templateId: string; by: StaffPrincipal }): Promise<void> {
  const { orgId, templateId } = params;
  const now = deps.config.now();
  await deps.db.write(async (transaction) => {
    const found = await findTemplate(deps, { orgId, templateId, transaction });
    await found.destroy({ transaction });
    await recordAudit(deps, { orgId, actor: params.by, action: 'template.removed', details: { templateId, kind: found.kind, title: found.title }, now, transaction });
  });
}

/** What a template is filled in with: the request at the moment of the action. */
export interface TemplateTarget {
  org: LoadedOrg;
  row: Pick<RequestRow, 'fullName' | 'trackingCode' | 'letterNumber' | 'unitId' | 'currentUnitId'>;
  now: Date;
  transaction?: Transaction | undefined;
}

/**
 * Fills a template in for a request, in the locale the citizen reads (the org's default locale:
 * the service keeps no locale per citizen), or in the other one when the template has only that.
 * A template of another kind than `kind`, when given, is 400 `template_invalid`.
 */
export async function renderTemplate(
  deps: StoreDeps,
  params: TemplateTarget & { templateId: string; kind?: TemplateKind | undefined },
): Promise<RenderedTemplate> {
  const { org, row, now } = params;
  const found = await deps.db.models.Template.findOne({ where: { orgId: org.row.id, id: params.templateId }, transaction: params.transaction ?? null });
  if (!found) throw templateNotFound('templateId');
  if (params.kind && found.kind !== params.kind) throw templateWrongKind(params.kind);
  const preferred = org.settings.defaultLocale;
  const locale: Locale = (preferred === 'fa' ? found.textFa : found.textEn) ? preferred : preferred === 'fa' ? 'en' : 'fa';
  const text = (locale === 'fa' ? found.textFa : found.textEn) ?? '';
  const unit = org.units.find((candidate) => candidate.id === (row.currentUnitId ?? row.unitId));
  return {
    locale,
    text: fillPlaceholders(text, {
      fullName: row.fullName,
      trackingCode: row.trackingCode,
      letterNumber: row.letterNumber ?? '',
      unit: unit ? (locale === 'fa' ? unit.nameFa : unit.nameEn) : '',
      date: smsDate(now, locale),
    }),
  };
}

/**
 * The text of a reply or a rejection: the template filled in for the request, with the staff
 * member's own words (when they wrote any) below it; or their words alone without a template.
 */
export async function composeText(
  deps: StoreDeps,
  params: TemplateTarget & { templateId: string | null; kind: TemplateKind; text: string | null },
): Promise<string | null> {
  if (!params.templateId) return params.text;
  const { text } = await renderTemplate(deps, { ...params, templateId: params.templateId });
  return params.text ? `${text}\n\n${params.text}` : text;
}

async function findTemplate(deps: StoreDeps, params: { orgId: string; templateId: string; transaction: Transaction }): Promise<TemplateRow> {
  const found = await deps.db.models.Template.findOne({ where: { orgId: params.orgId, id: params.templateId }, transaction: params.transaction, lock: true });
  if (!found) throw templateNotFound();
  return found;
}

async function refuseTakenTitle(deps: StoreDeps, params: { orgId: string; kind: TemplateKind; title: string; transaction: Transaction }): Promise<void> {
  const { orgId, kind, title, transaction } = params;
  if ((await deps.db.models.Template.count({ where: { orgId, kind, title }, transaction })) > 0) throw templateExists();
}

/** Two admins saving the same title at once: the unique index decides, and the loser hears 409. */
async function uniqueTitle<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw templateExists();
    throw error;
  }
}

/** Both texts checked for their variables; at least one is required. */
function checkedTexts(texts: { fa: string | null; en: string | null }): { textFa: string | null; textEn: string | null } {
  const fa = texts.fa || null;
  const en = texts.en || null;
  if (!fa && !en) throw fieldRequired('text');
  if (fa) checkPlaceholders(fa, { field: 'text.fa', allowed: templateVariables });
  if (en) checkPlaceholders(en, { field: 'text.en', allowed: templateVariables });
  return { textFa: fa, textEn: en };
}

function presentTemplate(row: TemplateRow): Template {
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    text: { fa: row.textFa, en: row.textEn },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
