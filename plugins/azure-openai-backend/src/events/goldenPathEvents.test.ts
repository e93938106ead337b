import { mockServices } from '@backstage/backend-test-utils';
import { onGoldenPathEvent } from './goldenPathEvents';

const ACCOUNT =
  '/subscriptions/3d7e9b24-6a15-4f08-b2c4-5e8a1f6d7c02/resourceGroups/rg-ai-golden-path/providers/Microsoft.CognitiveServices/accounts/aoai-payments';

function setup(requestScan = jest.fn(async () => ({ id: 'scan-1' } as any))) {
  const logger = mockServices.logger.mock();
  return { logger, requestScan, scans: { requestScan } };
}

describe('onGoldenPathEvent', () => {
  it('scans a provisioned account on behalf of the user who ran the template', async () => {
    const { logger, requestScan, scans } = setup();
    await onGoldenPathEvent(
      {
        type: 'account.provisioned',
        accountId: `${ACCOUNT}/`,
        entityRef: 'resource:default/aoai-payments',
        owner: 'group:default/team-payments',
        system: 'payments',
        requestedBy: 'user:default/dev',
      },
      { scans, logger },
    );
    expect(requestScan).toHaveBeenCalledWith({
      trigger: 'manual',
      requestedBy: 'user:default/dev',
      target: { type: 'accounts', resourceIds: [ACCOUNT] },
    });
  });

  it('attributes the scan to the golden path without a requesting user', async () => {
    const { logger, requestScan, scans } = setup();
    await onGoldenPathEvent(
      { type: 'account.provisioned', accountId: ACCOUNT },
      { scans, logger },
    );
    expect(requestScan).toHaveBeenCalledWith(
      expect.objectContaining({ requestedBy: 'golden-path' }),
    );
  });

  it('logs and ignores a malformed payload (parseGoldenPathEvent in common decides)', async () => {
    const { logger, requestScan, scans } = setup();
    await onGoldenPathEvent(
      { type: 'account.provisioned', accountId: '/subscriptions/x' },
      { scans, logger },
    );
    expect(requestScan).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      'Ignored malformed golden-path event',
      expect.objectContaining({
        problem: expect.stringContaining('is not the ARM id'),
      }),
    );
  });

  it('ignores events of other types', async () => {
    const { logger, requestScan, scans } = setup();
    await onGoldenPathEvent(
      { type: 'deployment.added', accountId: ACCOUNT },
      { scans, logger },
    );
    expect(requestScan).not.toHaveBeenCalled();
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('logs a scan that cannot be requested instead of failing the publisher', async () => {
    const { logger, scans } = setup(
      jest.fn(async () => {
        throw new Error('database is gone');
      }),
    );
    await expect(
      onGoldenPathEvent(
        { type: 'account.provisioned', accountId: ACCOUNT },
        { scans, logger },
      ),
    ).resolves.toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith(
      'Could not scan an account the golden path provisioned',
      { accountId: ACCOUNT, error: 'database is gone' },
    );
  });
});
