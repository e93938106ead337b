import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Root of the vendored specs (see `specs/README.md`). */
export const SPEC_ROOT = resolve(
  __dirname,
  '../../specs/azure-rest-api-specs/specification',
);

/** The vendored spec files (under {@link SPEC_ROOT}) whose operations the emulator serves. */
export const SERVED_SPECS = [
  'cognitiveservices/resource-manager/Microsoft.CognitiveServices/stable/2025-09-01/cognitiveservices.json',
  'network/resource-manager/Microsoft.Network/stable/2025-07-01/privateEndpoint.json',
  'monitor/resource-manager/Microsoft.Insights/preview/2021-05-01-preview/diagnosticsSettings_API.json',
  'authorization/resource-manager/Microsoft.Authorization/stable/2022-04-01/authorization-RoleAssignmentsCalls.json',
  'resourcegraph/resource-manager/Microsoft.ResourceGraph/stable/2021-03-01/resourcegraph.json',
];

/**
 * Places where a vendored spec's schema contradicts Microsoft's own examples
 * and the real service. Errors listed here are not reported.
 */
export const KNOWN_SPEC_DEVIATIONS: Array<{
  operationId: string;
  error: string;
  why: string;
}> = [
  {
    operationId: 'Resources',
    error: '/data must be object',
    why: 'resourcegraph 2021-03-01 declares QueryResponse.data as an object, but its own examples and the service return an array of rows (objectArray format).',
  },
];

/** One operation of a swagger file. */
export interface SpecOperation {
  file: string;
  path: string;
  method: string;
  operationId: string;
  op: any;
}

/**
 * Validates emulator answers against the response schemas of the official
 * swagger files. `$ref`s between files are resolved by registering every
 * reachable file with Ajv under its `file://` URL; files that were not
 * available (see specs/README.md) are replaced by stubs whose referenced
 * definitions accept any JSON.
 */
export class SpecValidator {
  private readonly ajv = new Ajv({
    strict: false,
    validateFormats: false,
    allErrors: true,
    validateSchema: false,
  });
  private readonly loaded = new Map<string, any>();
  private readonly stubs = new Map<
    string,
    Record<string, Record<string, unknown>>
  >();
  private readonly cache = new Map<string, ValidateFunction>();

  /** Loads a swagger file (relative to SPEC_ROOT) and everything it references. */
  load(relative: string): any {
    return this.loadFile(resolve(SPEC_ROOT, relative));
  }

  private loadFile(file: string): any {
    if (this.loaded.has(file)) {
      return this.loaded.get(file);
    }
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    this.loaded.set(file, doc);
    for (const ref of collectRefs(doc)) {
      const [target, pointer = ''] = ref.split('#');
      if (!target) {
        continue;
      }
      const full = resolve(dirname(file), target);
      if (full.includes('/examples/')) {
        continue;
      }
      if (existsSync(full)) {
        this.loadFile(full);
      } else {
        const [, section, name] = pointer.split('/');
        const stub = this.stubs.get(full) ?? {};
        stub[section] = { ...stub[section], [name]: {} };
        this.stubs.set(full, stub);
      }
    }
    this.ajv.addSchema({ ...doc, $id: pathToFileURL(file).href });
    return doc;
  }

  private registerStubs() {
    for (const [file, stub] of this.stubs) {
      const id = pathToFileURL(file).href;
      if (!this.ajv.getSchema(id)) {
        this.ajv.addSchema({ ...stub, $id: id });
      }
    }
  }

  /** Every operation of a loaded swagger file. */
  operations(relative: string): SpecOperation[] {
    const file = resolve(SPEC_ROOT, relative);
    const doc = this.load(relative);
    const out: SpecOperation[] = [];
    for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === 'parameters' || !op?.operationId) {
          continue;
        }
        out.push({
          file,
          path,
          method: method.toUpperCase(),
          operationId: op.operationId,
          op: {
            ...op,
            parameters: [...(item.parameters ?? []), ...(op.parameters ?? [])],
          },
        });
      }
    }
    return out;
  }

  /** The declared (non-default) status codes of an operation. */
  statuses(op: SpecOperation): number[] {
    return Object.keys(op.op.responses)
      .filter(s => s !== 'default')
      .map(Number);
  }

  /**
   * Validation errors of a response body, or an empty list. Error statuses
   * (4xx/5xx) that are not declared are checked against the `default`
   * (ARM error) response.
   */
  validate(op: SpecOperation, status: number, body: unknown): string[] {
    let key = String(status);
    if (!op.op.responses[key] && status >= 400 && op.op.responses.default) {
      key = 'default';
    }
    const response = op.op.responses[key];
    if (!response) {
      return [
        `status ${status} is not declared for ${
          op.operationId
        } (declared: ${this.statuses(op).join(', ')})`,
      ];
    }
    if (!response.schema) {
      return [];
    }
    const pointer = [
      'paths',
      op.path,
      op.method.toLowerCase(),
      'responses',
      key,
      'schema',
    ]
      .map(t => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1')))
      .join('/');
    return this.check(
      `${pathToFileURL(op.file).href}#/${pointer}`,
      body,
    ).filter(
      e =>
        !KNOWN_SPEC_DEVIATIONS.some(
          k => k.operationId === op.operationId && e.startsWith(k.error),
        ),
    );
  }

  /** Validation errors of a body against a named definition of a spec file. */
  validateDefinition(
    relative: string,
    definition: string,
    body: unknown,
  ): string[] {
    const file = resolve(SPEC_ROOT, relative);
    this.loadFile(file);
    return this.check(
      `${pathToFileURL(file).href}#/definitions/${definition}`,
      body,
    );
  }

  private check(ref: string, body: unknown): string[] {
    this.registerStubs();
    let validate = this.cache.get(ref);
    if (!validate) {
      validate = this.ajv.compile({ $ref: ref });
      this.cache.set(ref, validate);
    }
    if (validate(body)) {
      return [];
    }
    return (validate.errors ?? []).map(
      e => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }

  /** Resolves a (possibly `$ref`) parameter of an operation. */
  parameter(op: SpecOperation, p: any): any {
    if (!p.$ref) {
      return p;
    }
    const [target, pointer] = p.$ref.split('#');
    const file = target ? resolve(dirname(op.file), target) : op.file;
    if (!existsSync(file)) {
      return { name: pointer.split('/').pop(), in: 'unknown' };
    }
    const doc = this.loadFile(file);
    return pointer
      .split('/')
      .slice(1)
      .reduce((o: any, k: string) => o?.[k], doc);
  }
}

function collectRefs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) {
    node.forEach(n => collectRefs(n, out));
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') {
        out.push(v);
      } else {
        collectRefs(v, out);
      }
    }
  }
  return out;
}
