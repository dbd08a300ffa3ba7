import type { QueryInterface } from 'sequelize';
import * as initial from './0001-initial.js';
import * as letterRegister from './0002-letter-register.js';
import * as desk from './0003-desk.js';
import * as deskActors from './0004-desk-actors.js';
import * as unitCodes from './0005-unit-codes.js';
import * as search from './0006-search.js';
import * as templates from './0007-templates.js';
import * as webhookDeliveries from './0008-webhook-deliveries.js';
import * as abuseLimits from './0009-abuse-limits.js';
import * as fileStores from './0010-file-stores.js';
import * as appeals from './0011-appeals.js';
import * as dataRights from './0012-data-rights.js';
import * as listCoveringIndex from './0013-list-covering-index.js';
import * as removedFilesListed from './0014-removed-files-listed.js';

/** A migration step; `name` is what umzug records as applied. */
export interface MigrationModule {
  name: string;
  up(params: { context: QueryInterface }): Promise<void>;
  down(params: { context: QueryInterface }): Promise<void>;
}

/** Every migration, in order. Listed explicitly so they run the same under tsx and any bundler. */
export const migrations: MigrationModule[] = [
  { name: '0001-initial', up: initial.up, down: initial.down },
  { name: '0002-letter-register', up: letterRegister.up, down: letterRegister.down },
  { name: '0003-desk', up: desk.up, down: desk.down },
  { name: '0004-desk-actors', up: deskActors.up, down: deskActors.down },
  { name: '0005-unit-codes', up: unitCodes.up, down: unitCodes.down },
  { name: '0006-search', up: search.up, down: search.down },
  { name: '0007-templates', up: templates.up, down: templates.down },
  { name: '0008-webhook-deliveries', up: webhookDeliveries.up, down: webhookDeliveries.down },
  { name: '0009-abuse-limits', up: abuseLimits.up, down: abuseLimits.down },
  { name: '0010-file-stores', up: fileStores.up, down: fileStores.down },
  { name: '0011-appeals', up: appeals.up, down: appeals.down },
  { name: '0012-data-rights', up: dataRights.up, down: dataRights.down },
  { name: '0013-list-covering-index', up: listCoveringIndex.up, down: listCoveringIndex.down },
  { name: '0014-removed-files-listed', up: removedFilesListed.up, down: removedFilesListed.down },
];
