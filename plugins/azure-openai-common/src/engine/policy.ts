import { DEFAULT_CONTENT_FILTER_PROFILES } from '../types';
import type {
  ContentFilterProfile,
  GoldenPathPolicy,
  ResolvedGoldenPathPolicy,
} from '../types';

/** Role definition GUID of Cognitive Services OpenAI User. */
const OPENAI_USER_ROLE = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd';

function resolveProfiles(
  value: unknown,
): Readonly<Record<string, ContentFilterProfile>> {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return DEFAULT_CONTENT_FILTER_PROFILES;
  const out: Record<string, ContentFilterProfile> = {};
  for (const [name, raw] of Object.entries(value as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) continue;
    const p = raw as Record<string, unknown>;
    const threshold = p.severityThreshold;
    out[name] = {
      severityThreshold:
        threshold === 'Low' || threshold === 'High' ? threshold : 'Medium',
      blockProtectedMaterialCode: p.blockProtectedMaterialCode === true,
      blockProfanity: p.blockProfanity === true,
    };
  }
  return Object.keys(out).length > 0 ? out : DEFAULT_CONTENT_FILTER_PROFILES;
}

function resolveTags(value: unknown): Readonly<Record<string, string>> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v === 'string') out[k] = v;
    }
  }
  return out;
}

/**
 * Azure Policy definitions required by default: restrict network access, disable local auth,
 * private link, diagnostic logs, managed identity, Defender for AI.
 *
 * @public
 */
export const DEFAULT_REQUIRED_POLICY_DEFINITION_IDS: readonly string[] =
  Object.freeze([
    '037eea7a-bd0a-46c5-9a66-03aea78705d3',
    '71ef260a-8f18-47b7-abcb-62d0673d94dc',
    'd6759c02-b87f-42b7-892e-71b3f471d782',
    '1b4d1c4e-934c-4703-944c-27c82c06bebb',
    'fe3fd216-4f83-4fc1-8984-2bbec80a3418',
    'c2c0c6d8-007b-4a48-8d9b-3539bddd8e87',
  ]);

/** Region → subnet id, with region names normalised like ARM locations (lower case, no spaces). */
function resolveSubnetsByRegion(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [region, id] of Object.entries(value)) {
      if (typeof id === 'string') {
        out[region.toLowerCase().replace(/\s+/g, '')] = id;
      }
    }
  }
  return out;
}

/**
 * Fills every default of a golden-path policy. Unknown fields and wrongly typed values are ignored
 * (replaced by the default), so a malformed config never throws.
 *
 * @param policy - the partial policy (for example from app-config)
 * @public
 */
export function resolvePolicy(
  policy: GoldenPathPolicy = {},
): ResolvedGoldenPathPolicy {
  const strings = (v: unknown): readonly string[] =>
    Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  const caps: Record<string, number> = {};
  if (policy.capacityCaps && typeof policy.capacityCaps === 'object') {
    for (const [k, v] of Object.entries(policy.capacityCaps)) {
      if (typeof v === 'number' && Number.isFinite(v)) caps[k] = v;
    }
  }
  const residency = policy.dataResidency;
  return {
    allowedSubscriptionIds: strings(policy.allowedSubscriptionIds),
    allowedRegions: strings(policy.allowedRegions),
    allowedDeploymentSkus: strings(policy.allowedDeploymentSkus),
    approvedModels: Array.isArray(policy.approvedModels)
      ? policy.approvedModels
          .filter(m => m && typeof m.name === 'string')
          .map(m =>
            m.versions === undefined
              ? { name: m.name }
              : { name: m.name, versions: strings(m.versions) },
          )
      : [],
    capacityCaps: caps,
    dataResidency:
      residency === 'regional' || residency === 'data-zone'
        ? residency
        : 'none',
    allowedDataZones: strings(policy.allowedDataZones),
    requireCustomerManagedKeys: policy.requireCustomerManagedKeys !== false,
    privilegedPrincipalAllowlist: strings(policy.privilegedPrincipalAllowlist),
    allowedOutboundFqdns: strings(policy.allowedOutboundFqdns),
    requiredTags: strings(policy.requiredTags),
    requiredPolicyDefinitionIds:
      policy.requiredPolicyDefinitionIds === undefined
        ? DEFAULT_REQUIRED_POLICY_DEFINITION_IDS
        : strings(policy.requiredPolicyDefinitionIds),
    streamingModeExceptions: strings(policy.streamingModeExceptions),
    noAutoUpgradeExceptions: strings(policy.noAutoUpgradeExceptions),
    modelRetirementWarningDays:
      typeof policy.modelRetirementWarningDays === 'number' &&
      Number.isFinite(policy.modelRetirementWarningDays) &&
      policy.modelRetirementWarningDays >= 0
        ? policy.modelRetirementWarningDays
        : 60,
    nonWaivableControls: strings(policy.nonWaivableControls),
    disabledControls: strings(policy.disabledControls),
    logAnalyticsWorkspaceId:
      typeof policy.logAnalyticsWorkspaceId === 'string'
        ? policy.logAnalyticsWorkspaceId
        : '',
    privateEndpointSubnetId:
      typeof policy.privateEndpointSubnetId === 'string'
        ? policy.privateEndpointSubnetId
        : '',
    privateEndpointSubnetIdsByRegion: resolveSubnetsByRegion(
      policy.privateEndpointSubnetIdsByRegion,
    ),
    privateDnsZoneIds: strings(policy.privateDnsZoneIds),
    contentFilterProfiles: resolveProfiles(policy.contentFilterProfiles),
    consumerRoleDefinitionId:
      typeof policy.consumerRoleDefinitionId === 'string' &&
      policy.consumerRoleDefinitionId.length > 0
        ? policy.consumerRoleDefinitionId
        : OPENAI_USER_ROLE,
    alertActionGroupId:
      typeof policy.alertActionGroupId === 'string'
        ? policy.alertActionGroupId
        : '',
    stampTags: resolveTags(policy.stampTags),
    requiredControls: strings(policy.requiredControls),
    ...(policy.defaultCustomerManagedKey &&
    typeof policy.defaultCustomerManagedKey === 'object'
      ? { defaultCustomerManagedKey: policy.defaultCustomerManagedKey }
      : {}),
  };
}
