/**
 * The runtime schemas (TypeBox, JSON Schema) of every wire shape of the API. The server validates
 * input and builds its OpenAPI document from them; `../types.ts` derives the TypeScript types. A
 * separate package entry (`@citizen-counter/sdk/schemas`), so the browser bundle never carries them.
 */
export * from './admin.js';
export * from './auth.js';
export * from './common.js';
export * from './data-rights.js';
export * from './errors.js';
export * from './org.js';
export * from './outbox.js';
export * from './people.js';
export * from './receipts.js';
export * from './requests.js';
export * from './staff.js';
export * from './system.js';
export * from './templates.js';
export * from './webhooks.js';
