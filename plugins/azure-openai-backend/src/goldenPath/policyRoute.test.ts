import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import type { GoldenPathPolicyDocument } from '@pavedai/plugin-azure-openai-common';
import { goldenPathPolicyVersion } from '@pavedai/plugin-azure-openai-node';
import express from 'express';
import request from 'supertest';
import { createRouter } from '../service/router';
import { fakePermissions } from '../testUtils/fakePermissions';
import { appConfigPolicy } from './__testUtils__/goldenPathWorld';
import {
  createSeededFleet,
  noGovernance,
  SEED_TIME,
} from './__testUtils__/seededFleet';

jest.setTimeout(60_000);

describe('GET /golden-path/policy', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });
  // The local app's policy: every kind of field (lists, maps, nested profiles, numbers).
  const policy = appConfigPolicy();

  const fleet = (fleetRead: boolean) =>
    createSeededFleet({
      databases,
      size: 6,
      permissions: fakePermissions({ 'azure-openai.fleet.read': fleetRead }),
      goldenPath: {
        currentPolicy: async () => policy,
        withAuditOverrides: p => ({
          ...p,
          disabledControls: ['AOAI-MON-004'],
        }),
        governance: async () => noGovernance(),
        now: () => SEED_TIME,
      },
    });

  it('answers the policy in force with its version and as YAML, which previews as no change', async () => {
    const { app } = await fleet(true);
    const res = await request(app).get('/golden-path/policy');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const document = res.body as GoldenPathPolicyDocument;
    expect(document.policy).toEqual(JSON.parse(JSON.stringify(policy)));
    expect(document.version).toBe(goldenPathPolicyVersion(policy));
    // the audit's own overrides are not part of the golden-path policy
    expect(document.yaml).not.toContain('AOAI-MON-004');
    expect(document.yaml).toContain('allowedRegions:');

    const impact = await request(app)
      .post('/golden-path/impact')
      .send({ policyYaml: document.yaml });
    expect(impact.status).toBe(200);
    expect(impact.body).toMatchObject({
      currentPolicyVersion: document.version,
      candidatePolicyVersion: document.version,
      accountsEvaluated: 6,
      accountsChanged: 0,
      accounts: [],
    });
  });

  it('answers 403 without fleet read', async () => {
    const { app } = await fleet(false);
    const res = await request(app).get('/golden-path/policy');
    expect(res.status).toBe(403);
    expect(res.body.error).toMatchObject({
      name: 'NotAllowedError',
      message: 'Not allowed to read the Azure OpenAI fleet',
    });
  });

  it('answers 401 without a signed-in caller', async () => {
    const { app } = await fleet(true);
    const res = await request(app)
      .get('/golden-path/policy')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
  });

  it('answers 501 when the backend runs without golden-path maintenance', async () => {
    const unused = {} as never;
    const app = express()
      .use(
        await createRouter({
          httpAuth: mockServices.httpAuth(),
          permissions: fakePermissions({ 'azure-openai.fleet.read': true }),
          store: unused,
          postures: unused,
          scans: unused,
          linker: unused,
          goldenPathOptions: unused,
        }),
      )
      .use(mockErrorHandler());
    const res = await request(app).get('/golden-path/policy');
    expect(res.status).toBe(501);
    expect(res.body.error.message).toContain('golden-path maintenance');
  });
});
