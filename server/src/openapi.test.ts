import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { errorCodes } from '@citizen-counter/sdk';
import { openApiDocument, operations } from './openapi.js';
import { ContractChecker } from './test-support/contract.js';

type Operation = { operationId?: string; tags?: string[]; security?: unknown[]; responses: Record<string, unknown> };
const document = openApiDocument({ version: '1.2.3', serverUrl: 'https://counter.example.org' }) as {
  servers: { url: string }[];
  info: { license?: { name: string } };
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
};
const all = Object.values(document.paths).flatMap((item) => Object.values(item));

describe('openApiDocument()', () => {
  it('should give every operation an operationId, a tag and its security', () => {
    assert.equal(all.length, operations.length);
    const ids = all.map((operation) => operation.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    for (const operation of all) {
      assert.ok(operation.operationId, JSON.stringify(operation).slice(0, 100));
      assert.ok(operation.tags?.length, `${operation.operationId} has tags`);
      assert.ok(Array.isArray(operation.security), `${operation.operationId} declares security`);
      for (const requirement of operation.security ?? []) {
        for (const scheme of Object.keys(requirement as object)) assert.ok(document.components.securitySchemes[scheme], scheme);
      }
    }
    assert.deepEqual(document.paths['/v1/orgs/{org}']?.['get']?.security, []);
    assert.deepEqual(document.paths['/v1/orgs/{org}/requests']?.['get']?.security, [{ citizenSession: [] }]);
  });

  it('should describe bodies with real schemas, not placeholders', () => {
    const text = JSON.stringify(document);
    assert.doesNotMatch(text, /"additionalProperties":true/);
    for (const name of ['CitizenRequest', 'CitizenRequestPage', 'StaffRequest', 'OrgProfile', 'Error', 'OrgSettingsPatch']) {
      assert.ok(document.components.schemas[name], name);
    }
    for (const match of text.matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)) {
      assert.ok(document.components.schemas[match[1]!], `$ref to ${match[1]} resolves`);
    }
  });

  it('should list every stable error code in the error schema', () => {
    assert.deepEqual((document.components.schemas['ErrorCode'] as { enum: string[] }).enum, [...errorCodes]);
  });

  it('should declare servers, a license, 429 on the OTP send and the webhooks', () => {
    assert.deepEqual(document.servers.map((server) => server.url), ['https://counter.example.org']);
    assert.equal(document.info.license?.name, 'MIT');
    assert.ok(document.paths['/v1/orgs/{org}/otp']?.['post']?.responses['429']);
    assert.deepEqual(Object.keys(document.webhooks).sort(), ['request.appealed', 'request.approved', 'request.rejected', 'request.replied', 'request.submitted']);
  });
});

describe('ContractChecker', () => {
  const checker = new ContractChecker(document);

  it('should accept an answer that matches the document', () => {
    const body = { status: 'ok', database: 'sqlite', version: '1.2.3' };
    assert.equal(checker.check({ method: 'GET', route: '/healthz', status: 200, type: 'application/json', body }), null);
  });

  it('should catch a wrong body, an unknown error code and an undocumented content type', () => {
    const wrong = checker.check({ method: 'GET', route: '/v1/orgs/:org/requests', status: 200, type: 'application/json', body: { items: [{ id: 1 }] } });
    assert.match(wrong ?? '', /does not match/);
    const code = checker.check({ method: 'POST', route: '/v1/orgs/:org/otp', status: 400, type: 'application/json', body: { error: { code: 'oops', message: 'x' } } });
    assert.match(code ?? '', /error\/code/);
    const download = checker.check({ method: 'GET', route: '/v1/orgs/:org/requests/:id/files/:fileId', status: 200, type: 'text/html', body: undefined });
    assert.match(download ?? '', /text\/html/);
    const missing = checker.check({ method: 'PUT', route: '/v1/orgs/:org', status: 200, type: 'application/json', body: {} });
    assert.match(missing ?? '', /not in the document/);
  });
});
