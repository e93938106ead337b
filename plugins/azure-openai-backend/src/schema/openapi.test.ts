import fs from 'node:fs';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { parse } from 'yaml';
import { createRouter } from '../service/router';
import { fleetQuerySchema } from '../service/schemas';

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /path/{param}` for every route the router serves. */
async function routerOperations(): Promise<string[]> {
  const unused = {} as never;
  const router = await createRouter({
    httpAuth: mockServices.httpAuth(),
    permissions: mockServices.permissions(),
    store: unused,
    postures: unused,
    scans: unused,
    linker: unused,
    goldenPathOptions: unused,
  });
  const stack = (router as unknown as { stack: Layer[] }).stack;
  return stack
    .filter(layer => layer.route)
    .flatMap(layer =>
      Object.keys(layer.route!.methods)
        .filter(m => HTTP_METHODS.includes(m))
        .map(
          m =>
            `${m.toUpperCase()} ${layer.route!.path.replace(
              /:(\w+)/g,
              '{$1}',
            )}`,
        ),
    )
    .sort();
}

function documentOperations(): { operations: string[]; doc: any } {
  const doc = parse(
    fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
  );
  const operations = Object.entries(
    doc.paths as Record<string, Record<string, unknown>>,
  )
    .flatMap(([p, item]) =>
      Object.keys(item)
        .filter(m => HTTP_METHODS.includes(m))
        .map(m => `${m.toUpperCase()} ${p}`),
    )
    .sort();
  return { operations, doc };
}

describe('openapi.yaml', () => {
  it('documents exactly the routes the router serves', async () => {
    const served = await routerOperations();
    const { operations } = documentOperations();
    expect(served.length).toBeGreaterThanOrEqual(9);
    expect(operations).toEqual(served);
  });

  it('documents the error answers of every operation', () => {
    const { doc } = documentOperations();
    for (const [p, item] of Object.entries(
      doc.paths as Record<string, Record<string, any>>,
    )) {
      for (const [method, operation] of Object.entries(item)) {
        if (!HTTP_METHODS.includes(method)) continue;
        const codes = Object.keys(operation.responses);
        expect({
          operation: `${method} ${p}`,
          has401: codes.includes('401'),
          has403: codes.includes('403'),
        }).toEqual({
          operation: `${method} ${p}`,
          has401: true,
          has403: true,
        });
        const hasInput =
          (operation.parameters ?? []).length > 0 || operation.requestBody;
        expect({
          operation: `${method} ${p}`,
          has400: codes.includes('400'),
        }).toEqual({
          operation: `${method} ${p}`,
          has400: Boolean(hasInput),
        });
      }
    }
  });

  it('documents every fleet query parameter and the scan state of fleet items', () => {
    const { doc } = documentOperations();
    const fleet = doc.paths['/fleet'].get;
    const documented = fleet.parameters.map((p: { name: string }) => p.name);
    expect([...documented].sort()).toEqual(
      Object.keys(fleetQuerySchema.shape).sort(),
    );
    const scanState = fleet.parameters.find(
      (p: { name: string }) => p.name === 'scanState',
    );
    expect(scanState.schema.enum).toEqual(
      fleetQuerySchema.shape.scanState.unwrap().options,
    );
    const item = doc.components.schemas.FleetItem;
    expect(item.required).toEqual(['account', 'scanState']);
    expect(item.required).not.toContain('latest');
    expect(item.properties.scanState.enum).toEqual(scanState.schema.enum);
  });
});
