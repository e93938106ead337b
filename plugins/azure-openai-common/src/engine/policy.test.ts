import {
  DEFAULT_REQUIRED_POLICY_DEFINITION_IDS,
  resolvePolicy,
} from './policy';
import { DEFAULT_CONTENT_FILTER_PROFILES } from '../types';
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

  it('fills the golden-path builder defaults', () => {
    const resolved = resolvePolicy();
    expect(resolved.logAnalyticsWorkspaceId).toBe('');
    expect(resolved.privateEndpointSubnetId).toBe('');
    expect(resolved.privateDnsZoneIds).toEqual([]);
    expect(resolved.contentFilterProfiles).toBe(
      DEFAULT_CONTENT_FILTER_PROFILES,
    );
    expect(resolved.consumerRoleDefinitionId).toBe(
      '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd',
    );
    expect(resolved.stampTags).toEqual({});
    expect(resolved.requiredControls).toEqual([]);
  });

  it('cleans malformed content filter profiles and tags', () => {
    const resolved = resolvePolicy({
      contentFilterProfiles: {
        strict: { severityThreshold: 'Low', blockProtectedMaterialCode: true },
        odd: { severityThreshold: 'Extreme' },
        broken: 7,
      },
      stampTags: { team: 'payments', count: 3 },
    } as unknown as GoldenPathPolicy);
    expect(resolved.contentFilterProfiles).toEqual({
      strict: {
        severityThreshold: 'Low',
        blockProtectedMaterialCode: true,
        blockProfanity: false,
      },
      odd: {
        severityThreshold: 'Medium',
        blockProtectedMaterialCode: false,
        blockProfanity: false,
      },
    });
    expect(resolved.stampTags).toEqual({ team: 'payments' });
  });
});
