/** One operation of the API, the source the OpenAPI document is built from. */
interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  auth: 'none' | 'session' | 'apiKey' | 'admin';
  status: number;
  /** A schema name under `components.schemas` for the answer, or none (204). */
  response?: string;
  /** `json:<Schema>` or `multipart:<field,…>`. */
  body?: string;
  query?: string[];
}

const org = '/v1/orgs/{org}';
const staff = `${org}/staff`;
const admin = '/v1/admin/orgs';

/** Every route the service answers, also checked by a test against the document. */
export const operations: Operation[] = [
  { method: 'get', path: '/healthz', summary: 'Health of the service and its database', auth: 'none', status: 200, response: 'Health' },
  { method: 'get', path: '/v1/openapi.json', summary: 'This document', auth: 'none', status: 200, response: 'Object' },
  { method: 'get', path: org, summary: 'Public profile of an org', auth: 'none', status: 200, response: 'OrgProfile' },
  { method: 'post', path: `${org}/challenges`, summary: 'A new human check', auth: 'none', status: 201, response: 'HumanCheckChallenge' },
  { method: 'post', path: `${org}/otp`, summary: 'Send a one-time code by SMS', auth: 'none', status: 202, response: 'OtpRequestResult', body: 'json:OtpRequestInput' },
  { method: 'post', path: `${org}/sessions`, summary: 'Log in with the SMS code', auth: 'none', status: 201, response: 'Session', body: 'json:SessionInput' },
  { method: 'delete', path: `${org}/sessions/current`, summary: 'Log out', auth: 'session', status: 204 },
  { method: 'post', path: `${org}/requests`, summary: 'Send a request with its body file (honours Idempotency-Key)', auth: 'session', status: 201, response: 'CitizenRequest', body: 'multipart:fullName,subject,unitId,body' },
  { method: 'get', path: `${org}/requests`, summary: "The caller's requests, newest first", auth: 'session', status: 200, response: 'CitizenRequestPage', query: ['cursor', 'limit', 'trackingCode'] },
  { method: 'get', path: `${org}/requests/{id}`, summary: 'One request with its timeline', auth: 'session', status: 200, response: 'RequestDetail' },
  { method: 'get', path: `${org}/requests/{id}/files/{fileId}`, summary: 'Download a body or reply file', auth: 'session', status: 200, response: 'Binary' },
  { method: 'get', path: `${staff}/requests`, summary: 'Requests of the org', auth: 'apiKey', status: 200, response: 'StaffRequestPage', query: ['cursor', 'limit', 'status', 'unitId', 'q', 'from', 'to'] },
  { method: 'get', path: `${staff}/requests/{id}`, summary: 'One request', auth: 'apiKey', status: 200, response: 'StaffRequest' },
  { method: 'post', path: `${staff}/requests/{id}/approve`, summary: 'Approve with a letter number', auth: 'apiKey', status: 200, response: 'StaffRequest', body: 'json:ApproveInput' },
  { method: 'post', path: `${staff}/requests/{id}/reject`, summary: 'Reject with a reason', auth: 'apiKey', status: 200, response: 'StaffRequest', body: 'json:RejectInput' },
  { method: 'post', path: `${staff}/requests/{id}/reply`, summary: 'Attach the reply', auth: 'apiKey', status: 200, response: 'StaffRequest', body: 'multipart:text,file' },
  { method: 'get', path: `${staff}/requests/{id}/files/{fileId}`, summary: 'Download a file', auth: 'apiKey', status: 200, response: 'Binary' },
  { method: 'get', path: `${staff}/org`, summary: 'The org and its settings', auth: 'apiKey', status: 200, response: 'Org' },
  { method: 'patch', path: `${staff}/org`, summary: 'Change settings', auth: 'apiKey', status: 200, response: 'Org', body: 'json:Object' },
  { method: 'get', path: `${staff}/units`, summary: 'Units', auth: 'apiKey', status: 200, response: 'UnitList' },
  { method: 'post', path: `${staff}/units`, summary: 'Add a unit', auth: 'apiKey', status: 201, response: 'Unit', body: 'json:CreateUnitInput' },
  { method: 'patch', path: `${staff}/units/{unitId}`, summary: 'Rename a unit', auth: 'apiKey', status: 200, response: 'Unit', body: 'json:CreateUnitInput' },
  { method: 'delete', path: `${staff}/units/{unitId}`, summary: 'Remove an unused unit', auth: 'apiKey', status: 204 },
  { method: 'get', path: `${staff}/webhooks`, summary: 'Webhooks', auth: 'apiKey', status: 200, response: 'WebhookList' },
  { method: 'post', path: `${staff}/webhooks`, summary: 'Add a webhook', auth: 'apiKey', status: 201, response: 'CreatedWebhook', body: 'json:CreateWebhookInput' },
  { method: 'delete', path: `${staff}/webhooks/{webhookId}`, summary: 'Remove a webhook', auth: 'apiKey', status: 204 },
  { method: 'post', path: admin, summary: 'Create an org', auth: 'admin', status: 201, response: 'Org', body: 'json:CreateOrgInput' },
  { method: 'get', path: admin, summary: 'Every org', auth: 'admin', status: 200, response: 'OrgList' },
  { method: 'get', path: `${admin}/{org}`, summary: 'One org', auth: 'admin', status: 200, response: 'Org' },
  { method: 'patch', path: `${admin}/{org}`, summary: 'Rename an org or change settings', auth: 'admin', status: 200, response: 'Org', body: 'json:Object' },
  { method: 'post', path: `${admin}/{org}/units`, summary: 'Add a unit', auth: 'admin', status: 201, response: 'Unit', body: 'json:CreateUnitInput' },
  { method: 'post', path: `${admin}/{org}/keys`, summary: 'Create a staff API key (shown once)', auth: 'admin', status: 201, response: 'CreatedApiKey', body: 'json:Object' },
  { method: 'get', path: `${admin}/{org}/keys`, summary: 'Staff API keys', auth: 'admin', status: 200, response: 'ApiKeyList' },
  { method: 'delete', path: `${admin}/{org}/keys/{keyId}`, summary: 'Revoke a key', auth: 'admin', status: 204 },
  { method: 'get', path: '/dev/sms', summary: 'Messages kept by the dev SMS provider (dev only)', auth: 'none', status: 200, response: 'DevSmsList', query: ['to', 'org'] },
];

const object = { type: 'object', additionalProperties: true };
const ref = (name: string) => (name === 'Object' ? object : name === 'Binary' ? { type: 'string', format: 'binary' } : { $ref: `#/components/schemas/${name}` });

/** The OpenAPI 3.1 document of the whole API. */
export function openApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = describe(operation);
  }
  const schemaNames = new Set(operations.flatMap((op) => [op.response, op.body?.startsWith('json:') ? op.body.slice(5) : undefined]));
  const schemas: Record<string, unknown> = {
    Error: {
      type: 'object',
      required: ['error'],
      properties: {
        error: {
          type: 'object',
          required: ['code', 'message'],
          properties: { code: { type: 'string' }, message: { type: 'string' }, details: object },
        },
      },
    },
  };
  for (const name of schemaNames) {
    if (name && name !== 'Object' && name !== 'Binary') schemas[name] = { ...object, description: `See \`${name}\` in @citizen-counter/sdk (src/types.ts).` };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Citizen Counter API', version, description: 'Wire types are defined in @citizen-counter/sdk (src/types.ts).' },
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: { type: 'http', scheme: 'bearer', description: 'A citizen session token' },
        apiKey: { type: 'http', scheme: 'bearer', description: 'A staff API key of the org in the path' },
        admin: { type: 'http', scheme: 'bearer', description: 'The operator ADMIN_KEY' },
      },
    },
  };
}

function describe(operation: Operation): Record<string, unknown> {
  const pathParams = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => ({ name: match[1], in: 'path', required: true, schema: { type: 'string' } }));
  const queryParams = (operation.query ?? []).map((name) => ({ name, in: 'query', required: false, schema: { type: 'string' } }));
  const headers = operation.body?.startsWith('multipart:') && operation.auth === 'session'
    ? [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string' } }]
    : [];
  const error = { description: 'An error', content: { 'application/json': { schema: ref('Error') } } };
  const success = operation.response
    ? { description: 'OK', content: { [operation.response === 'Binary' ? 'application/octet-stream' : 'application/json']: { schema: ref(operation.response) } } }
    : { description: 'No content' };
  return {
    summary: operation.summary,
    ...(operation.auth === 'none' ? {} : { security: [{ [operation.auth]: [] }] }),
    parameters: [...pathParams, ...queryParams, ...headers],
    ...(operation.body ? { requestBody: requestBody(operation.body) } : {}),
    responses: { [String(operation.status)]: success, '4XX': error, '5XX': error },
  };
}

function requestBody(body: string): Record<string, unknown> {
  if (body.startsWith('json:')) return { required: true, content: { 'application/json': { schema: ref(body.slice(5)) } } };
  const fields = body.slice('multipart:'.length).split(',');
  const properties = Object.fromEntries(fields.map((field) => [field, field === 'body' || field === 'file' ? { type: 'string', format: 'binary' } : { type: 'string' }]));
  return { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties } } } };
}
