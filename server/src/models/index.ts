import type { Sequelize } from 'sequelize';
import { defineAuthModels } from './auth-models.js';
import { defineDeliveryModels } from './delivery-models.js';
import { defineDeskModels } from './desk-models.js';
import { defineOrgModels } from './org-models.js';
import { defineRequestModels } from './request-models.js';
import { defineTemplateModels } from './template-models.js';

/** Every model, bound to one Sequelize instance (tests run several apps in one process). */
export type Models = ReturnType<typeof defineModels>;

/** Defines every model on `sequelize`. */
export function defineModels(sequelize: Sequelize) {
  return {
    ...defineOrgModels(sequelize),
    ...defineAuthModels(sequelize),
    ...defineRequestModels(sequelize),
    ...defineDeliveryModels(sequelize),
    ...defineDeskModels(sequelize),
    ...defineTemplateModels(sequelize),
  };
}

export type * from './auth-models.js';
export type * from './delivery-models.js';
export type * from './desk-models.js';
export type * from './org-models.js';
export type * from './request-models.js';
export type * from './template-models.js';
