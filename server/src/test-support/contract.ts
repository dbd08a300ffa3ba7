import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { ObservedResponse } from '../app.js';
import { openApiDocument } from '../openapi.js';

interface ResponseObject {
  $ref?: string;
  content?: Record<string, { schema?: object }>;
}

type Document = Record<string, unknown> & {
  paths: Record<string, Record<string, { responses: Record<string, ResponseObject> }>>;
  components: { responses: Record<string, ResponseObject> };
};

/**
 * Checks answers against the OpenAPI document the service publishes, with ajv (JSON Schema 2020-12,
 * as OpenAPI 3.1 uses): so a test run fails when the document and the service disagree.
 */
export class ContractChecker {
  readonly #document: Document;
  readonly #ajv: Ajv2020;
  readonly #validators = new Map<string, ValidateFunction>();
  static readonly #id = 'urn:citizen-counter:openapi';

  constructor(document: Record<string, unknown> = openApiDocument({ version: '0.0.0', serverUrl: 'http://localhost' })) {
    this.#document = document as Document;
    // Not strict: the document's own keywords (openapi, paths…) are not JSON Schema; formats are annotations.
    this.#ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: false });
    this.#ajv.addSchema({ ...document, $id: ContractChecker.#id });
  }

  /** A description of how `response` disagrees with the document, or `null` when it agrees. */
  check(response: ObservedResponse): string | null {
    const where = `${response.method} ${response.route ?? '(no route)'} → ${response.status}`;
    const documented = this.#documented(response);
    if (documented === 'undocumented') return `${where}: the operation is not in the document`;
    if (documented === null) {
      // Only routes outside the document (static files) answer without one; their errors are still errors.
      if (response.body === undefined || response.status < 400) return null;
      return this.#validate('#/components/schemas/Error', response.body, where);
    }
    const content = documented.content ?? {};
    if (response.body === undefined) {
      if (Object.keys(content).length === 0 || response.status === 204 || content[response.type]) return null;
      return `${where}: answered ${response.type || 'no body'}, the document says ${Object.keys(content).join(', ')}`;
    }
    if (!content['application/json']) return `${where}: answered JSON, the document says ${Object.keys(content).join(', ') || 'no content'}`;
    return this.#validate(documented.pointer, response.body, where);
  }

  #documented(response: ObservedResponse): (ResponseObject & { pointer: string }) | 'undocumented' | null {
    if (response.route === null) return null;
    const path = response.route.replace(/:(\w+)/g, '{$1}').replace(/(.)\/$/, '$1');
    const operation = this.#document.paths[path]?.[response.method.toLowerCase()];
    if (!operation) return 'undocumented';
    const status = String(response.status);
    const key = status in operation.responses ? status : `${status[0]}XX`;
    let answer = operation.responses[key];
    if (!answer) return 'undocumented';
    let pointer = `#/paths/${escape(path)}/${response.method.toLowerCase()}/responses/${key}`;
    if (answer.$ref) {
      pointer = answer.$ref;
      answer = this.#document.components.responses[answer.$ref.split('/').pop() ?? ''] ?? {};
    }
    return { ...answer, pointer: `${pointer}/content/application~1json/schema` };
  }

  #validate(pointer: string, body: unknown, where: string): string | null {
    let validate = this.#validators.get(pointer);
    if (!validate) {
      validate = this.#ajv.compile({ $ref: `${ContractChecker.#id}${pointer}` });
      this.#validators.set(pointer, validate);
    }
    if (validate(body)) return null;
    const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`).join('; ');
    return `${where}: the body does not match the document (${errors}): ${JSON.stringify(body).slice(0, 300)}`;
  }
}

/** A JSON pointer segment. */
function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
