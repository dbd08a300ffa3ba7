import type { LocalizedText, OrgSettings, OrgSettingsPatch } from '@citizen-counter/sdk';
import { UniqueConstraintError } from 'sequelize';
import type { Database } from '../db/database.js';
import type { StoreDeps } from '../types.js';
import { findOrgRecord, orgUnits } from '../db/org-queries.js';
import { RefreshingCache } from '../lib/refreshing-cache.js';
import type { UnitRow } from '../models/index.js';
import { applySettingsPatch, defaultSettings, parseSettings } from './org-settings.js';
import { orgExists, orgNotFound } from '../errors/catalogue.js';

/** The columns of an org services read. */
export interface OrgData {
  id: string;
  nameFa: string;
  nameEn: string;
  createdAt: Date;
}

/** The columns of a unit services read. */
export type UnitData = Pick<UnitRow, 'id' | 'nameFa' | 'nameEn' | 'code' | 'responseDays'>;

/** An org with its parsed settings and units, as services use it. */
export interface LoadedOrg {
  row: OrgData;
  settings: OrgSettings;
  units: UnitData[];
}

/**
 * Orgs read in the last second, per database. Every citizen call starts by loading its org, so a
 * burst would otherwise send every caller to the database at once when the entry expires: loads are
 * single-flight and refreshed ahead ({@link RefreshingCache}). A change made in this process
 * evicts at once ({@link forgetOrg}), one made by another process sharing PostgreSQL shows within
 * this time.
 */
const orgTtlMs = 1000;
const orgCaches = new WeakMap<Database, RefreshingCache<LoadedOrg>>();

function orgCache(db: Database): RefreshingCache<LoadedOrg> {
  let cache = orgCaches.get(db);
  if (!cache) orgCaches.set(db, (cache = new RefreshingCache({ ttlMs: orgTtlMs })));
  return cache;
}

/** Drops an org from the cache after a change to it or its units. */
export function forgetOrg(deps: StoreDeps, orgId: string): void {
  orgCaches.get(deps.db)?.delete(orgId);
}

/** Finds an org with its units, or 404 `org_not_found`. */
export function loadOrg(deps: StoreDeps, orgId: string): Promise<LoadedOrg> {
  return orgCache(deps.db).get(orgId, () => readOrg(deps.db, orgId));
}

async function readOrg(db: Database, orgId: string): Promise<LoadedOrg> {
  const row = await findOrgRecord(db, orgId);
  if (!row) throw orgNotFound(orgId);
  const units = await orgUnits(db, orgId);
  return {
    row: { id: row.id, nameFa: row.nameFa, nameEn: row.nameEn, createdAt: row.createdAt },
    settings: parseSettings(row.settings),
    units,
  };
}

/** Every org, oldest first. */
export async function listOrgs(deps: StoreDeps): Promise<LoadedOrg[]> {
  const rows = await deps.db.models.Org.findAll({ order: [['createdAt', 'ASC'], ['id', 'ASC']] });
  return rows.map((row) => ({
    row: { id: row.id, nameFa: row.nameFa, nameEn: row.nameEn, createdAt: row.createdAt },
    settings: parseSettings(row.settings),
    units: [],
  }));
}

/** Input of {@link createOrg}. */
export interface CreateOrgParams {
  /** Lower-case letters, digits and dashes (the schema checked it). */
  id: string;
  name: LocalizedText;
  settings?: OrgSettingsPatch | undefined;
}

/** Creates an org with default settings merged with the given ones; an existing id → 409 `org_exists`. */
export async function createOrg(deps: StoreDeps, params: CreateOrgParams): Promise<LoadedOrg> {
  const { db } = deps;
  const { id, name } = params;
  const settings = applySettingsPatch(defaultSettings(), params.settings);
  try {
    await db.write((transaction) =>
      db.models.Org.create(
        { id, orgId: id, nameFa: name.fa, nameEn: name.en, settings: JSON.stringify(settings), createdAt: deps.config.now() },
        { transaction },
      ),
    );
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw orgExists(id);
    throw error;
  }
  return loadOrg(deps, id);
}

/** Input of {@link updateOrg}. */
export interface UpdateOrgParams {
  orgId: string;
  name?: LocalizedText | undefined;
  settings?: OrgSettingsPatch | undefined;
}

/** Renames an org and/or merges a settings patch. */
export async function updateOrg(deps: StoreDeps, params: UpdateOrgParams): Promise<LoadedOrg> {
  const { db } = deps;
  const current = await loadOrg(deps, params.orgId);
  const settings = applySettingsPatch(current.settings, params.settings);
  const name = params.name ?? null;
  await db.write((transaction) =>
    db.models.Org.update(
      { settings: JSON.stringify(settings), ...(name ? { nameFa: name.fa, nameEn: name.en } : {}) },
      { where: { orgId: params.orgId, id: params.orgId }, transaction },
    ),
  );
  forgetOrg(deps, params.orgId);
  return loadOrg(deps, params.orgId);
}
