import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { onGoldenPathEvent } from '../events/goldenPathEvents';
import { createMigratedStore } from '../__testUtils__/testDatabases';
import { DatabaseGoldenPathStore } from './DatabaseGoldenPathStore';
import { accountIdFor } from '../database/armId';

const ACCOUNT =
  '/subscriptions/8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01/resourceGroups/rg-ai-golden-path/providers/Microsoft.CognitiveServices/accounts/aoai-payments';
const AT = new Date('2026-11-28T12:00:00Z');

describe('provenance from account.provisioned events', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3'],
    disableDocker: true,
  });

  async function setUp() {
    const { knex } = await createMigratedStore(databases, 'SQLITE_3');
    const provenance = await DatabaseGoldenPathStore.create({
      database: mockServices.database({ knex }),
    });
    const requestScan = jest.fn(async () => ({ id: 'scan-1' } as any));
    return {
      provenance,
      requestScan,
      options: {
        scans: { requestScan },
        logger: mockServices.logger.mock(),
        provenance,
        now: () => AT,
      },
    };
  }

  it('records the template, versions, task and applied inputs, then scans', async () => {
    const { provenance, requestScan, options } = await setUp();
    const inputs = {
      accountName: 'aoai-payments',
      subscriptionId: '8f2c5a1e-4b7d-4c3a-9e61-2d0f7b9a1c01',
      resourceGroup: 'rg-ai-golden-path',
      region: 'swedencentral',
      owner: 'group:default/team-payments',
      system: 'payments',
      deployments: [],
      contentFilterProfile: 'strict',
      consumerPrincipalIds: [],
      tags: {},
    };
    await onGoldenPathEvent(
      {
        type: 'account.provisioned',
        accountId: ACCOUNT,
        entityRef: 'resource:default/aoai-payments',
        owner: 'group:default/team-payments',
        system: 'payments',
        taskId: 'task-7',
        requestedBy: 'user:default/dev',
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.2.0',
        policyVersion: 'aaaabbbbccccdddd',
        inputs,
      },
      options,
    );
    const records = await provenance.getProvenance([accountIdFor(ACCOUNT)]);
    expect(records.get(accountIdFor(ACCOUNT))).toEqual({
      source: 'event',
      accountId: accountIdFor(ACCOUNT),
      resourceId: ACCOUNT,
      templateRef: 'template:default/secure-azure-openai-account',
      templateVersion: '1.2.0',
      taskId: 'task-7',
      policyVersion: 'aaaabbbbccccdddd',
      requestedBy: 'user:default/dev',
      inputs,
      recordedAt: AT.toISOString(),
    });
    expect(requestScan).toHaveBeenCalledTimes(1);
  });

  it('records nothing for an event without a template, and still scans', async () => {
    const { provenance, requestScan, options } = await setUp();
    await onGoldenPathEvent(
      { type: 'account.provisioned', accountId: ACCOUNT, taskId: 'task-8' },
      options,
    );
    expect((await provenance.getProvenance([accountIdFor(ACCOUNT)])).size).toBe(
      0,
    );
    expect(requestScan).toHaveBeenCalledTimes(1);
  });

  it('scans even when the provenance cannot be stored', async () => {
    const { requestScan, options } = await setUp();
    const logger = mockServices.logger.mock();
    await onGoldenPathEvent(
      {
        type: 'account.provisioned',
        accountId: ACCOUNT,
        taskId: 'task-9',
        templateRef: 'template:default/secure-azure-openai-account',
      },
      {
        ...options,
        logger,
        provenance: {
          recordProvenance: async () => {
            throw new Error('database is gone');
          },
        },
      },
    );
    expect(logger.error).toHaveBeenCalledWith(
      'Could not record the golden-path provenance of an account',
      expect.objectContaining({ error: 'database is gone' }),
    );
    expect(requestScan).toHaveBeenCalledTimes(1);
  });
});
