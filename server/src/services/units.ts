import type { LocalizedText, Unit } from '@citizen-counter/sdk';
import type { StoreDeps } from '../types.js';
import type { UnitRow } from '../models/index.js';
import { newId } from '../lib/crypto.js';
import { presentUnit } from '../presenters/org.js';
import { forgetOrg, loadOrg, type UnitData } from './orgs.js';
import { unitInUse, unitNotFound } from '../errors/catalogue.js';

/** Identifies a unit of an org. */
export interface UnitRef {
  orgId: string;
  unitId: string;
}

/** The org's units in display order. */
export async function listUnits(deps: StoreDeps, params: { orgId: string }): Promise<UnitData[]> {
  return (await loadOrg(deps, params.orgId)).units;
}

/** Adds a unit at the end of the org's list. */
export async function addUnit(deps: StoreDeps, params: { orgId: string; name: LocalizedText }): Promise<Unit> {
  const { db } = deps;
  await loadOrg(deps, params.orgId);
  const { name } = params;
  const unit = await db.write(async (transaction) => {
    const position = ((await db.models.Unit.max<number, UnitRow>('position', { where: { orgId: params.orgId }, transaction })) ?? 0) + 1;
    return db.models.Unit.create(
      { id: newId(), orgId: params.orgId, nameFa: name.fa, nameEn: name.en, position, createdAt: deps.config.now() },
      { transaction },
    );
  });
  forgetOrg(deps, params.orgId);
  return presentUnit(unit);
}

/** Renames a unit. */
export async function updateUnit(deps: StoreDeps, params: UnitRef & { name: LocalizedText }): Promise<Unit> {
  const { db } = deps;
  const { name } = params;
  const unit = await findUnit(deps, params);
  await db.write((transaction) => unit.update({ nameFa: name.fa, nameEn: name.en }, { transaction }));
  forgetOrg(deps, params.orgId);
  return presentUnit(unit);
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
