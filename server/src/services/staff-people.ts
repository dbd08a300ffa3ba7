import type { StaffMember, StaffRole, StaffSession, UnitPerson } from '@citizen-counter/sdk';
import { Op, UniqueConstraintError, type Transaction } from 'sequelize';
import { unauthorized } from '../errors/app-error.js';
import { handlerNeedsUnits, lastAdmin, sessionExpired, sessionTokenInvalid, staffExists, staffNotFound, unitNotFound } from '../errors/catalogue.js';
import { newId, randomToken, sha256 } from '../lib/crypto.js';
import type { StaffRow } from '../models/index.js';
import type { StaffPrincipal, StoreDeps } from '../types.js';
import { recordAudit, type AuditActor } from './audit.js';
import type { LoadedOrg } from './orgs.js';
import { consumeOtp } from './otp.js';
import { sessionIdleMs, sessionLifetimeMs } from './sessions.js';

/** Staff tokens carry their own prefix, so neither kind of token is ever tried as the other. */
const staffTokenPrefix = 'ccs_';

/** A staff member to add: the phone already read for the org (E.164). */
export interface NewStaff {
  phone: string;
  name: string;
  role: StaffRole;
  unitIds: string[];
}

/** A change to a staff member; absent fields stay. */
export interface StaffChange {
  name?: string | undefined;
  role?: StaffRole | undefined;
  unitIds?: string[] | undefined;
  active?: boolean | undefined;
}

/** Adds a staff member; `by` is who did it (the operator when `null`). */
export async function addStaff(deps: StoreDeps, params: { orgId: string; staff: NewStaff; by: AuditActor | null }): Promise<StaffMember> {
  const { orgId, staff } = params;
  const unitIds = staff.role === 'handler' ? staff.unitIds : [];
  if (staff.role === 'handler' && unitIds.length === 0) throw handlerNeedsUnits();
  const now = deps.config.now();
  const id = newId();
  try {
    await deps.db.write(async (transaction) => {
      await checkUnits(deps, orgId, unitIds, transaction);
      await deps.db.models.Staff.create({ id, orgId, phone: staff.phone, name: staff.name, role: staff.role, active: true, createdAt: now, updatedAt: now }, { transaction });
      await setUnits(deps, orgId, id, unitIds, transaction);
      await recordAudit(deps, { orgId, actor: params.by, action: 'staff.added', details: { staffId: id, role: staff.role, unitIds }, now, transaction });
    });
  } catch (error) {
    if (error instanceof UniqueConstraintError) throw staffExists();
    throw error;
  }
  return getStaff(deps, { orgId, staffId: id });
}

/** The org's staff: active ones first, then by name. */
export async function listStaff(deps: StoreDeps, params: { orgId: string }): Promise<StaffMember[]> {
  const rows = await deps.db.models.Staff.findAll({ where: { orgId: params.orgId }, order: [['active', 'DESC'], ['name', 'ASC'], ['id', 'ASC']] });
  const units = await unitsOf(deps, params.orgId, rows.map((row) => row.id));
  return rows.map((row) => presentStaff(row, units.get(row.id) ?? []));
}

/**
 * The active handlers of a unit, by name: whom a request referred there can be given to. Admins
 * and registrars work at no unit, so they are not listed (a referral may still name one). A unit
 * the org lacks is 404 `unit_not_found`.
 */
export async function listUnitPeople(deps: StoreDeps, params: { orgId: string; unitId: string }): Promise<UnitPerson[]> {
  const { orgId, unitId } = params;
  if ((await deps.db.models.Unit.count({ where: { orgId, id: unitId } })) === 0) throw unitNotFound();
  const links = await deps.db.models.StaffUnit.findAll({ where: { orgId, unitId }, attributes: ['staffId'] });
  if (links.length === 0) return [];
  const rows = await deps.db.models.Staff.findAll({
    where: { orgId, id: links.map((link) => link.staffId), role: 'handler', active: true },
    attributes: ['id', 'name'],
    order: [['name', 'ASC'], ['id', 'ASC']],
  });
  return rows.map((row) => ({ id: row.id, name: row.name }));
}

/** One staff member. */
export async function getStaff(deps: StoreDeps, params: { orgId: string; staffId: string }): Promise<StaffMember> {
  const row = await deps.db.models.Staff.findOne({ where: { orgId: params.orgId, id: params.staffId } });
  if (!row) throw staffNotFound();
  const units = await unitsOf(deps, params.orgId, [row.id]);
  return presentStaff(row, units.get(row.id) ?? []);
}

/**
 * Changes a staff member. Deactivating ends their sessions at once; the org always keeps one
 * active admin.
 */
export async function updateStaff(
  deps: StoreDeps,
  params: { orgId: string; staffId: string; change: StaffChange; by: AuditActor | null },
): Promise<StaffMember> {
  const { orgId, staffId, change } = params;
  const now = deps.config.now();
  await deps.db.write(async (transaction) => {
    const row = await deps.db.models.Staff.findOne({ where: { orgId, id: staffId }, transaction, lock: true });
    if (!row) throw staffNotFound();
    const role = change.role ?? row.role;
    const active = change.active ?? row.active;
    const current = (await unitsOf(deps, orgId, [staffId], transaction)).get(staffId) ?? [];
    const unitIds = role === 'handler' ? (change.unitIds ?? current) : [];
    if (role === 'handler' && unitIds.length === 0) throw handlerNeedsUnits();
    await checkUnits(deps, orgId, unitIds, transaction);
    if (row.role === 'admin' && row.active && (role !== 'admin' || !active)) {
      const admins = await deps.db.models.Staff.count({ where: { orgId, role: 'admin', active: true, id: { [Op.ne]: staffId } }, transaction });
      if (admins === 0) throw lastAdmin();
    }
    await row.update({ name: change.name ?? row.name, role, active, updatedAt: now }, { transaction });
    await setUnits(deps, orgId, staffId, unitIds, transaction);
    if (!active) await deps.db.models.StaffSession.destroy({ where: { orgId, staffId }, transaction });
    const details = { staffId, ...Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined)) };
    await recordAudit(deps, { orgId, actor: params.by, action: active ? 'staff.changed' : 'staff.deactivated', details, now, transaction });
  });
  return getStaff(deps, { orgId, staffId });
}

/** Exchanges a staff code for a session; a phone that is not an active member's gets `otp_invalid`, as a wrong code does. */
export async function staffLogin(deps: StoreDeps, params: { org: LoadedOrg; phone: string; code: string }): Promise<StaffSession> {
  const orgId = params.org.row.id;
  const { phone } = params;
  const now = deps.config.now();
  const outcome = await deps.db.write(async (transaction) => {
    const checked = await consumeOtp(deps, { orgId, phone, code: params.code, audience: 'staff', now, transaction });
    if (checked) return { error: checked };
    const member = await deps.db.models.Staff.findOne({ where: { orgId, phone, active: true }, transaction });
    if (!member) return { error: sessionTokenInvalid() };
    const token = `${staffTokenPrefix}${randomToken(32)}`;
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs);
    await deps.db.models.StaffSession.create(
      { id: newId(), orgId, tokenHash: sha256(token), staffId: member.id, expiresAt, lastSeenAt: now, createdAt: now },
      { transaction },
    );
    return { token, expiresAt, staffId: member.id };
  });
  if ('error' in outcome) throw outcome.error;
  return { token: outcome.token, expiresAt: outcome.expiresAt.toISOString(), staff: await getStaff(deps, { orgId, staffId: outcome.staffId }) };
}

/** Whether a bearer credential is a staff session token (rather than an API key). */
export function isStaffToken(token: string): boolean {
  return token.startsWith(staffTokenPrefix);
}

/** The live staff session of a token at an org, as a principal; a deactivated member's is over. */
export async function authenticateStaffSession(deps: StoreDeps, params: { orgId: string; token: string }): Promise<StaffPrincipal> {
  const { orgId } = params;
  const session = await deps.db.models.StaffSession.findOne({ where: { orgId, tokenHash: sha256(params.token) } });
  if (!session) throw sessionTokenInvalid();
  const now = deps.config.now().getTime();
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + sessionIdleMs <= now) throw sessionExpired();
  const member = await deps.db.models.Staff.findOne({ where: { orgId, id: session.staffId, active: true } });
  if (!member) throw unauthorized();
  if (session.lastSeenAt.getTime() + 60_000 <= now) {
    await deps.db.write((transaction) => deps.db.models.StaffSession.update({ lastSeenAt: new Date(now) }, { where: { orgId, id: session.id }, transaction }));
  }
  const unitIds = member.role === 'handler' ? ((await unitsOf(deps, orgId, [member.id])).get(member.id) ?? []) : [];
  return { orgId, actorType: 'staff', actorId: member.id, name: member.name, role: member.role, unitIds, sessionId: session.id };
}

/** Ends a staff session. */
export async function staffLogout(deps: StoreDeps, params: { orgId: string; sessionId: string }): Promise<void> {
  await deps.db.write((transaction) => deps.db.models.StaffSession.destroy({ where: { orgId: params.orgId, id: params.sessionId }, transaction }));
}

/** The names of staff members by id (for assignees and note authors). */
export async function staffNames(deps: StoreDeps, orgId: string, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await deps.db.models.Staff.findAll({ where: { orgId, id: [...new Set(ids)] }, attributes: ['id', 'name'] });
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** Whether a staff member is an active handler of a unit. */
export async function worksAtUnit(deps: StoreDeps, params: { orgId: string; staffId: string; unitId: string; transaction?: Transaction }): Promise<boolean> {
  const { orgId, staffId, unitId, transaction } = params;
  const member = await deps.db.models.Staff.findOne({ where: { orgId, id: staffId, active: true }, transaction: transaction ?? null });
  if (!member) return false;
  if (member.role !== 'handler') return true;
  return (await deps.db.models.StaffUnit.count({ where: { orgId, staffId, unitId }, transaction: transaction ?? null })) > 0;
}

function presentStaff(row: StaffRow, unitIds: string[]): StaffMember {
  return {
    id: row.id,
    phone: row.phone,
    name: row.name,
    role: row.role,
    unitIds,
    active: Boolean(row.active),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function unitsOf(deps: StoreDeps, orgId: string, staffIds: string[], transaction?: Transaction): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  if (staffIds.length === 0) return found;
  const rows = await deps.db.models.StaffUnit.findAll({ where: { orgId, staffId: staffIds }, order: [['unitId', 'ASC']], transaction: transaction ?? null });
  for (const row of rows) found.set(row.staffId, [...(found.get(row.staffId) ?? []), row.unitId]);
  return found;
}

async function checkUnits(deps: StoreDeps, orgId: string, unitIds: string[], transaction: Transaction): Promise<void> {
  if (unitIds.length === 0) return;
  const known = await deps.db.models.Unit.count({ where: { orgId, id: unitIds }, transaction });
  if (known !== new Set(unitIds).size) throw unitNotFound('unitIds');
}

async function setUnits(deps: StoreDeps, orgId: string, staffId: string, unitIds: string[], transaction: Transaction): Promise<void> {
  await deps.db.models.StaffUnit.destroy({ where: { orgId, staffId }, transaction });
  for (const unitId of new Set(unitIds)) await deps.db.models.StaffUnit.create({ orgId, staffId, unitId }, { transaction });
}
