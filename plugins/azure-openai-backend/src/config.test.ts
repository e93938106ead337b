import { ConfigReader } from '@backstage/config';
import { DEFAULT_SCAN_SCHEDULE, readAuditConfig } from './config';

describe('readAuditConfig', () => {
  it('uses defaults without config', () => {
    expect(readAuditConfig(new ConfigReader({}))).toEqual({
      schedule: DEFAULT_SCAN_SCHEDULE,
      history: { days: 90 },
      concurrency: 16,
      onDemandTimeoutMs: 10 * 60 * 1000,
      disabledControls: [],
      nonWaivableControls: [],
    });
  });

  it('reads every key', () => {
    const config = readAuditConfig(
      new ConfigReader({
        azureOpenAI: {
          audit: {
            schedule: {
              frequency: { cron: '0 * * * *' },
              timeout: 'PT20M',
              initialDelay: { seconds: 5 },
            },
            history: { days: 30, maxScansPerAccount: 10 },
            concurrency: 8,
            onDemandTimeout: { minutes: 3 },
            disabledControls: ['AOAI-NET-001'],
            nonWaivableControls: ['AOAI-IAM-001'],
          },
        },
      }),
    );
    expect(config.schedule.frequency).toEqual({ cron: '0 * * * *' });
    expect(config.schedule.initialDelay).toEqual({ seconds: 5 });
    expect(config.history).toEqual({ days: 30, maxScansPerAccount: 10 });
    expect(config.concurrency).toBe(8);
    expect(config.onDemandTimeoutMs).toBe(3 * 60 * 1000);
    expect(config.disabledControls).toEqual(['AOAI-NET-001']);
    expect(config.nonWaivableControls).toEqual(['AOAI-IAM-001']);
  });

  it('rejects a concurrency that is not a positive integer, naming the key', () => {
    expect(() =>
      readAuditConfig(
        new ConfigReader({ azureOpenAI: { audit: { concurrency: 0 } } }),
      ),
    ).toThrow('azureOpenAI.audit.concurrency');
  });

  it('reads the on-demand timeout as an ISO duration and rejects a bad one, naming the key', () => {
    const read = (onDemandTimeout: unknown) =>
      readAuditConfig(
        new ConfigReader({
          azureOpenAI: { audit: { onDemandTimeout } },
        } as any),
      );
    expect(read('PT90S').onDemandTimeoutMs).toBe(90_000);
    expect(() => read('ten minutes')).toThrow(
      'azureOpenAI.audit.onDemandTimeout',
    );
    expect(() => read({ minutes: 0 })).toThrow(
      'azureOpenAI.audit.onDemandTimeout',
    );
  });
});
