import type { AuditEntry, RequestStatus } from '@citizen-counter/sdk';
import type { Transaction } from 'sequelize';
import { newId } from '../lib/crypto.js';
import { presentActor } from '../presenters/request.js';
import type { StaffPrincipal, StoreDeps } from '../types.js';

/** Who did something: a staff member or an API key (a principal), or a citizen answering a request for documents. */
export type AuditActor = Pick<StaffPrincipal, 'actorId' | 'name'> & { actorType: StaffPrincipal['actorType'] | 'citizen'; role: StaffPrincipal['role'] | 'citizen' };

/** One action to record. `actor: null` is the operator (admin API or CLI). */
export interface AuditRecord {
  orgId: string;
  actor: AuditActor | null;
  action: string;
  requestId?: string | undefined;
  fromStatus?: RequestStatus | undefined;
  toStatus?: RequestStatus | undefined;
  details?: Record<string, unknown> | undefined;
  now: Date;
  transaction: Transaction;
}

/** Records one staff action in the caller's transaction, so the trail never misses a committed change. */
export async function recordAudit(deps: StoreDeps, record: AuditRecord): Promise<void> {
  const { actor } = record;
  await deps.db.models.Audit.create(
    {
      id: newId(),
      orgId: record.orgId,
      requestId: record.requestId ?? null,
      actorType: actor ? actor.actorType : 'operator',
      actorId: actor ? actor.actorId : 'operator',
      actorName: actor ? `${actor.name}|${actor.role}` : null,
      action: record.action,
      fromStatus: record.fromStatus ?? null,
      toStatus: record.toStatus ?? null,
      details: record.details ? JSON.stringify(record.details) : null,
      createdAt: record.now,
    },
    { transaction: record.transaction },
  );
}

/** The audit trail of one request, or of the whole org when `requestId` is absent; oldest first, at most 500 entries. */
export async function listAudit(deps: StoreDeps, params: { orgId: string; requestId?: string }): Promise<AuditEntry[]> {
  const where = params.requestId ? { orgId: params.orgId, requestId: params.requestId } : { orgId: params.orgId };
  const rows = await deps.db.models.Audit.findAll({ where, order: [['createdAt', 'ASC'], ['id', 'ASC']], limit: 500 });
  return rows.map((row) => {
    // The name and role are kept together, as they were when the action was done.
    const [name, role] = (row.actorName ?? '').split('|');
    return {
      id: row.id,
      at: row.createdAt.toISOString(),
      actor: row.actorType === 'operator'
        ? { type: 'system', id: null, name: 'operator', role: null }
        : presentActor({ actorType: row.actorType, actorId: row.actorId, actorName: name || null, actorRole: role || null }),
      action: row.action,
      requestId: row.requestId,
      fromStatus: row.fromStatus as RequestStatus | null,
      toStatus: row.toStatus as RequestStatus | null,
      details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
    };
  });
}
