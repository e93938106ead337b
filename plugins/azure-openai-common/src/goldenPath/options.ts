import { skuClass } from '../controls/helpers';
import { resolvePolicy } from '../engine/policy';
import type { GoldenPathOptions } from '../api';
import type {
  DataResidency,
  GoldenPathPolicy,
  ResolvedGoldenPathPolicy,
} from '../types';

/**
 * Whether the data-residency rule allows a deployment SKU at all (regardless of the region's
 * data zone): `regional` allows regional SKUs only, `data-zone` also `DataZone*` SKUs.
 *
 * @public
 */
export function skuAllowedByResidency(
  sku: string,
  residency: DataResidency,
): boolean {
  const kind = skuClass(sku);
  if (residency === 'regional') return kind === 'regional';
  if (residency === 'data-zone') {
    return kind === 'regional' || kind === 'datazone';
  }
  return true;
}

/**
 * The choices a golden-path policy allows, for template forms (`GET /golden-path/options`).
 *
 * @remarks
 * Deployment SKUs are filtered by the data-residency rule the way provisioning validates them,
 * models and profiles are sorted by name. Empty lists mean "not restricted by the policy".
 *
 * @param policy - the policy (defaults are applied)
 * @param policyVersion - content hash of the policy (see `goldenPathPolicyVersion` in the node
 *   package)
 * @public
 */
export function goldenPathOptions(
  policy: GoldenPathPolicy | ResolvedGoldenPathPolicy,
  policyVersion: string,
): GoldenPathOptions {
  const p = resolvePolicy(policy);
  const byName = (a: { name: string }, b: { name: string }) =>
    a.name.localeCompare(b.name);
  return {
    subscriptions: [...p.allowedSubscriptionIds],
    regions: [...p.allowedRegions],
    models: p.approvedModels
      .map(m => ({ name: m.name, versions: [...(m.versions ?? [])] }))
      .sort(byName),
    deploymentSkus: p.allowedDeploymentSkus.filter(sku =>
      skuAllowedByResidency(sku, p.dataResidency),
    ),
    capacityCaps: { ...p.capacityCaps },
    dataResidency: p.dataResidency,
    allowedDataZones: [...p.allowedDataZones],
    contentFilterProfiles: Object.entries(p.contentFilterProfiles)
      .map(([name, profile]) => ({
        name,
        severityThreshold: profile.severityThreshold ?? 'Medium',
        blockProtectedMaterialCode: profile.blockProtectedMaterialCode === true,
        blockProfanity: profile.blockProfanity === true,
      }))
      .sort(byName),
    requiresCustomerManagedKey: p.requireCustomerManagedKeys,
    policyVersion,
  };
}
