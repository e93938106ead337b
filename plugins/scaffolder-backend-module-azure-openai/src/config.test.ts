import { ConfigReader } from '@backstage/config';
import { readProvisioningConfig } from './config';

const azure = {
  credential: { kind: 'staticToken', token: 'audit-reader' },
  resourceManagerUrl: 'http://127.0.0.1:7071',
};

describe('readProvisioningConfig', () => {
  it('defaults to the audit access and documented timings', () => {
    const c = readProvisioningConfig(
      new ConfigReader({ azureOpenAI: { azure } }),
    );
    expect(c.azure.credential).toMatchObject({ token: 'audit-reader' });
    expect(c).toMatchObject({
      pollIntervalMs: 5_000,
      stepTimeoutMs: 1_800_000,
      conflictRetries: 6,
      conflictRetryDelayMs: 30_000,
    });
  });

  it('uses its own identity and timings when given', () => {
    const c = readProvisioningConfig(
      new ConfigReader({
        azureOpenAI: {
          azure,
          provisioning: {
            azure: {
              ...azure,
              credential: { kind: 'staticToken', token: 'provisioner' },
            },
            pollInterval: { seconds: 2 },
            stepTimeout: 'PT10M',
            conflictRetries: 2,
          },
        },
      }),
    );
    expect(c.azure.credential).toMatchObject({ token: 'provisioner' });
    expect(c.pollIntervalMs).toBe(2_000);
    expect(c.stepTimeoutMs).toBe(600_000);
    expect(c.conflictRetries).toBe(2);
  });

  it('names the key of a bad duration', () => {
    expect(() =>
      readProvisioningConfig(
        new ConfigReader({
          azureOpenAI: { azure, provisioning: { stepTimeout: 'soon' } },
        }),
      ),
    ).toThrow(/azureOpenAI\.provisioning\.stepTimeout/);
  });
});
