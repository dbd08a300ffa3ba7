import type { LocalizedText, StaffUnit } from '@citizen-counter/sdk';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import type { StoreDeps } from '../types.js';
import type { UnitRow } from '../models/index.js';
import { newId } from '../lib/crypto.js';
import { presentStaffUnit } from '../presenters/org.js';
import { forgetOrg, loadOrg, type UnitData } from './orgs.js';
import { unitCodeTaken, unitInUse, unitNotFound } from '../errors/catalogue.js';

/** Identifies a unit of an org. */
export interface UnitRef {
  orgId: string;
  unitId: string;
}

/** A new unit: its names, its code for letter numbers and its response time in working days. */
export interface NewUnit {
  name: LocalizedText;
  code?: string | null | undefined;
  /** `null` or absent: the org's `responseDays`. */
  responseDays?: number | null | undefined;
}

/** A change to a unit; absent fields stay, `null` clears. */
export interface UnitChange {
  name?: LocalizedText | undefined;
  code?: string | null | undefined;
  responseDays?: number | null | undefined;
}

/** The org's units in display order. */
export async function listUnits(deps: StoreDeps, params: { orgId: string }): Promise<UnitData[]> {
  return (await loadOrg(deps, params.orgId)).units;
}

/** Adds a unit at the end of the org's list; a code another unit has is 409 `unit_code_taken`. */
export async function addUnit(deps: StoreDeps, params: { orgId: string } & NewUnit): Promise<StaffUnit> {
  const { db } = deps;
  const { orgId, name } = params;
  await loadOrg(deps, orgId);
  const code = params.code ?? null;
  const unit = await withUniqueCode(code, () =>
    db.write(async (transaction) => {
      await checkCodeFree(deps, { orgId, code, exceptId: null, transaction });
      const position = ((await db.models.Unit.max<number, UnitRow>('position', { where: { orgId }, transaction })) ?? 0) + 1;
      return db.models.Unit.create(
        { id: newId(), orgId, nameFa: name.fa, nameEn: name.en, position, code, responseDays: params.responseDays ?? null, createdAt: deps.config.now() },
        { transaction },
      );
    }),
  );
  forgetOrg(deps, orgId);
  return presentStaffUnit(unit);
}

/** Renames a unit or changes its code or response time. */
export async function updateUnit(deps: StoreDeps, params: UnitRef & { change: UnitChange }): Promise<StaffUnit> {
  const { db } = deps;
  const { orgId, unitId, change } = params;
  const unit = await findUnit(deps, params);
  const values: Partial<Pick<UnitRow, 'nameFa' | 'nameEn' | 'code' | 'responseDays'>> = {};
  if (change.name) Object.assign(values, { nameFa: change.name.fa, nameEn: change.name.en });
  if (change.code !== undefined) values.code = change.code;
  if (change.responseDays !== undefined) values.responseDays = change.responseDays;
  await withUniqueCode(values.code ?? null, () =>
    db.write(async (transaction) => {
      if (values.code) await checkCodeFree(deps, { orgId, code: values.code, exceptId: unitId, transaction });
      await unit.update(values, { transaction });
    }),
  );
  forgetOrg(deps, orgId);
  return presentStaffUnit(unit);
}

/** Removes a unit no request is addressed to; otherwise 409 `unit_in_use`. */
export async function removeUnit(deps: StoreDeps, params: UnitRef): Promise<void> {
  const { db } = deps;
  const unit = await findUnit(deps, params);
  await db.write(async (transaction) => {
    const used = await db.models.Request.count({ where: { orgId: params.orgId, unitId: params.unitId }, transaction });
    if (used > 0) throw unitInUse(used);
    await unit.destroy({ transaction });
  });
  forgetOrg(deps, params.orgId);
}

/** Finds a unit of the org, or 404 `unit_not_found`. */
async function findUnit(deps: StoreDeps, params: UnitRef): Promise<UnitRow> {
  const unit = await deps.db.models.Unit.findOne({ where: { orgId: params.orgId, id: params.unitId } });
  if (!unit) throw unitNotFound();
  return unit;
}

/** 409 `unit_code_taken` with the code when another unit of the org has it. */
async function checkCodeFree(
  deps: StoreDeps,
  params: { orgId: string; code: string | null; exceptId: string | null; transaction: Transaction },
): Promise<void> {
  const { orgId, code, exceptId, transaction } = params;
  if (code === null) return;
  const where = exceptId === null ? { orgId, code } : { orgId, code, id: { [Op.ne]: exceptId } };
  if ((await deps.db.models.Unit.count({ where, transaction })) > 0) throw unitCodeTaken(code);
}

/** Runs a write; the unique index (orgId, code) answers a race the check above could not see. */
async function withUniqueCode<T>(code: string | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof UniqueConstraintError && code !== null) throw unitCodeTaken(code);
    throw error;
  }
}
