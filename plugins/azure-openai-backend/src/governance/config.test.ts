import { ConfigReader } from '@backstage/config';
import { DEFAULT_GOVERNANCE_CONFIG, readGovernanceConfig } from './config';

const read = (governance: unknown) =>
  readGovernanceConfig(
    new ConfigReader({ azureOpenAI: { governance } } as any),
  );

describe('readGovernanceConfig', () => {
  it('applies the defaults: 90 days, excluded, 7 days warning, 365 days attestations', () => {
    expect(readGovernanceConfig(new ConfigReader({}))).toEqual(
      DEFAULT_GOVERNANCE_CONFIG,
    );
    expect(DEFAULT_GOVERNANCE_CONFIG).toEqual({
      waivers: {
        maxDurationDays: 90,
        scoring: 'excluded',
        expiryWarningDays: 7,
      },
      attestations: { defaultDurationDays: 365, durationDaysByControl: {} },
    });
  });

  it('reads every key, with control ids as keys', () => {
    expect(
      read({
        waivers: { maxDurationDays: 30, scoring: 'fail', expiryWarningDays: 3 },
        attestations: {
          defaultDurationDays: 180,
          durationDaysByControl: { 'AOAI-BCDR-004': 90 },
        },
      }),
    ).toEqual({
      waivers: { maxDurationDays: 30, scoring: 'fail', expiryWarningDays: 3 },
      attestations: {
        defaultDurationDays: 180,
        durationDaysByControl: { 'AOAI-BCDR-004': 90 },
      },
    });
  });

  it('names the key and the fix of a bad value', () => {
    expect(() => read({ waivers: { scoring: 'ignore' } })).toThrow(
      "Invalid config azureOpenAI.governance.waivers.scoring: expected one of excluded, pass, fail, got 'ignore'",
    );
    expect(() => read({ waivers: { maxDurationDays: 0 } })).toThrow(
      'azureOpenAI.governance.waivers.maxDurationDays: expected a whole number of days',
    );
    expect(() =>
      read({ attestations: { durationDaysByControl: { 'AOAI-XYZ-001': 5 } } }),
    ).toThrow(
      'azureOpenAI.governance.attestations.durationDaysByControl.AOAI-XYZ-001: no such control',
    );
    expect(() =>
      read({
        attestations: { durationDaysByControl: { 'AOAI-BCDR-004': 1.5 } },
      }),
    ).toThrow('expected a whole number of days (1 or more), got 1.5');
  });
});
