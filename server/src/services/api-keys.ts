import type { ApiKeyInfo, CreatedApiKey } from '@citizen-counter/sdk';
import type { Database } from '../db/database.js';
import { unauthorized } from '../errors/app-error.js';
import { presentApiKey } from '../presenters/org.js';
import { newId, randomToken, sha256 } from '../lib/crypto.js';
import { loadOrg } from './orgs.js';
import { apiKeyInvalid, apiKeyNotFound } from '../errors/catalogue.js';

/** Creates a staff key `cc_live_…`; the key is in this answer only, the database keeps its hash. */
export async function createApiKey(db: Database, params: { orgId: string; label: string; now: Date }): Promise<CreatedApiKey> {
  await loadOrg(db, params.orgId);
  const { label } = params;
  const key = `cc_live_${randomToken(32)}`;
  const row = await db.write((transaction) =>
    db.models.ApiKey.create(
      { id: newId(), orgId: params.orgId, hash: sha256(key), prefix: key.slice(0, 12), label, createdAt: params.now, revokedAt: null },
      { transaction },
    ),
  );
  return { ...presentApiKey(row), key };
}

/** The org's keys, newest first. */
export async function listApiKeys(db: Database, params: { orgId: string }): Promise<ApiKeyInfo[]> {
  await loadOrg(db, params.orgId);
  const rows = await db.models.ApiKey.findAll({ where: { orgId: params.orgId }, order: [['createdAt', 'DESC'], ['id', 'ASC']] });
  return rows.map(presentApiKey);
}

/** Revokes a key at once. */
export async function revokeApiKey(db: Database, params: { orgId: string; keyId: string; now: Date }): Promise<void> {
  const [changed] = await db.write((transaction) =>
    db.models.ApiKey.update({ revokedAt: params.now }, { where: { orgId: params.orgId, id: params.keyId }, transaction }),
  );
  if (changed === 0) throw apiKeyNotFound();
}

/**
 * Checks a staff key against the org in the path. A key of another org is refused exactly like a
 * wrong key, so it reveals nothing about that org.
 */
export async function authenticateStaff(db: Database, params: { orgId: string; key: string | null }): Promise<{ id: string; orgId: string }> {
  if (!params.key) throw unauthorized();
  const row = await db.models.ApiKey.findOne({ where: { orgId: params.orgId, hash: sha256(params.key), revokedAt: null } });
  if (!row) throw apiKeyInvalid();
  return { id: row.id, orgId: row.orgId };
}
