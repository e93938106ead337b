import {
  DEFAULT_REQUIRED_POLICY_DEFINITION_IDS,
  resolvePolicy,
} from './policy';
import type { GoldenPathPolicy } from '../types';

describe('resolvePolicy', () => {
  it('fills defaults', () => {
    expect(resolvePolicy()).toMatchObject({
      allowedRegions: [],
      dataResidency: 'none',
      requireCustomerManagedKeys: true,
      modelRetirementWarningDays: 60,
      requiredPolicyDefinitionIds: DEFAULT_REQUIRED_POLICY_DEFINITION_IDS,
    });
  });

  it('keeps an explicitly empty required policy list', () => {
    expect(
      resolvePolicy({ requiredPolicyDefinitionIds: [] })
        .requiredPolicyDefinitionIds,
    ).toEqual([]);
  });

  it('drops wrongly typed values from config instead of throwing', () => {
    const bad = {
      allowedRegions: ['westeurope', 7, null],
      capacityCaps: { Standard: 'lots', GlobalStandard: 100 },
      dataResidency: 'mars',
      modelRetirementWarningDays: -3,
      approvedModels: [
        { name: 'gpt-4o', versions: ['1', 2] },
        { versions: [] },
        null,
      ],
    } as unknown as GoldenPathPolicy;
    expect(resolvePolicy(bad)).toMatchObject({
      allowedRegions: ['westeurope'],
      capacityCaps: { GlobalStandard: 100 },
      dataResidency: 'none',
      modelRetirementWarningDays: 60,
      approvedModels: [{ name: 'gpt-4o', versions: ['1'] }],
    });
  });
});
