import type { ApiKeyInfo, ApiKeyRole, CreatedApiKey } from '@citizen-counter/sdk';
import type { StaffPrincipal, StoreDeps } from '../types.js';
import { unauthorized } from '../errors/app-error.js';
import { presentApiKey } from '../presenters/org.js';
import { newId, randomToken, sha256 } from '../lib/crypto.js';
import { loadOrg } from './orgs.js';
import { apiKeyInvalid, apiKeyNotFound } from '../errors/catalogue.js';

/** Creates a staff key `cc_live_…`; the key is in this answer only, the database keeps its hash. */
export async function createApiKey(deps: StoreDeps, params: { orgId: string; label: string; role?: ApiKeyRole }): Promise<CreatedApiKey> {
  const { db } = deps;
  await loadOrg(deps, params.orgId);
  const { label } = params;
  const key = `cc_live_${randomToken(32)}`;
  const row = await db.write((transaction) =>
    db.models.ApiKey.create(
      { id: newId(), orgId: params.orgId, hash: sha256(key), prefix: key.slice(0, 12), label, role: params.role ?? 'admin', createdAt: deps.config.now(), revokedAt: null },
      { transaction },
    ),
  );
  return { ...presentApiKey(row), key };
}

/** The org's keys, newest first. */
export async function listApiKeys(deps: StoreDeps, params: { orgId: string }): Promise<ApiKeyInfo[]> {
  const { db } = deps;
  await loadOrg(deps, params.orgId);
  const rows = await db.models.ApiKey.findAll({ where: { orgId: params.orgId }, order: [['createdAt', 'DESC'], ['id', 'ASC']] });
  return rows.map(presentApiKey);
}

/** Revokes a key at once. */
export async function revokeApiKey(deps: StoreDeps, params: { orgId: string; keyId: string }): Promise<void> {
  const { db } = deps;
  const [changed] = await db.write((transaction) =>
    db.models.ApiKey.update({ revokedAt: deps.config.now() }, { where: { orgId: params.orgId, id: params.keyId }, transaction }),
  );
  if (changed === 0) throw apiKeyNotFound();
}

/**
 * Checks a staff key against the org in the path. A key of another org is refused exactly like a
 * wrong key, so it reveals nothing about that org.
 */
export async function authenticateApiKey(deps: StoreDeps, params: { orgId: string; key: string | null }): Promise<StaffPrincipal> {
  const { db } = deps;
  if (!params.key) throw unauthorized();
  const row = await db.models.ApiKey.findOne({ where: { orgId: params.orgId, hash: sha256(params.key), revokedAt: null } });
  if (!row) throw apiKeyInvalid();
  return { orgId: row.orgId, actorType: 'api_key', actorId: row.id, name: row.label || row.prefix, role: row.role, unitIds: [], sessionId: null };
}
