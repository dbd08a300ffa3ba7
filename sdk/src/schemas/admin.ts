import { Type } from '@sinclair/typebox';
import { ListSchema } from './common.js';
import { ApiKeyRoleSchema } from './people.js';

const apiKeyProperties = {
  id: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognize it.' }),
  label: Type.String(),
  role: ApiKeyRoleSchema,
  createdAt: Type.String({ description: 'ISO 8601 date-time in UTC.' }),
  revokedAt: Type.Union([Type.String(), Type.Null()], { description: 'When the key was revoked (ISO 8601).' }),
};

/** A staff API key as listed. */
export const ApiKeyInfoSchema = Type.Object(apiKeyProperties, { $id: 'ApiKeyInfo', description: 'A staff API key as listed (without its secret).' });

/** A freshly created key. */
export const CreatedApiKeySchema = Type.Object(
  { ...apiKeyProperties, key: Type.String({ description: 'The key, shown this once and stored only hashed.' }) },
  { $id: 'CreatedApiKey', description: 'A freshly created key: `key` is shown this once and stored only hashed.' },
);

/** `POST /v1/admin/orgs/:org/keys` body. */
export const CreateApiKeyInputSchema = Type.Object(
  {
    label: Type.Optional(Type.String({ maxLength: 200, description: 'A name to recognize the key by.' })),
    role: Type.Optional(ApiKeyRoleSchema),
  },
  { $id: 'CreateApiKeyInput', description: 'Body to create a staff API key.' },
);

/** `GET /v1/admin/orgs/:org/keys` answer. */
export const ApiKeyListSchema = ListSchema(ApiKeyInfoSchema, 'ApiKeyList', "The org's staff API keys, revoked ones too.");
