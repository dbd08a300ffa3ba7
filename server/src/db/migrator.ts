import { SequelizeStorage, Umzug } from 'umzug';
import type { Sequelize } from 'sequelize';
import { migrations } from '../migrations/index.js';

function migrator(sequelize: Sequelize) {
  return new Umzug({
    migrations,
    context: sequelize.getQueryInterface(),
    storage: new SequelizeStorage({ sequelize }),
    logger: undefined,
  });
}

/** Applies every pending migration; answers with the names it applied. */
export async function migrate(sequelize: Sequelize): Promise<string[]> {
  const applied = await migrator(sequelize).up();
  return applied.map((migration) => migration.name);
}

/** Reverts every applied migration, newest first; answers with the names it reverted. */
export async function rollbackAll(sequelize: Sequelize): Promise<string[]> {
  const reverted = await migrator(sequelize).down({ to: 0 });
  return reverted.map((migration) => migration.name);
}

/** The migrations the database has and those it still lacks, oldest first. */
export async function migrationStatus(sequelize: Sequelize): Promise<{ applied: string[]; pending: string[] }> {
  const umzug = migrator(sequelize);
  const [applied, pending] = await Promise.all([umzug.executed(), umzug.pending()]);
  return { applied: applied.map((migration) => migration.name), pending: pending.map((migration) => migration.name) };
}
