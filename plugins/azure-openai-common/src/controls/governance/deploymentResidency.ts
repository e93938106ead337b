import type { ControlDefinition } from '../../types';
import {
  deploymentName,
  get,
  lower,
  normRegion,
  readAccount,
  readDeployments,
  REGION_DATA_ZONE,
  requireDeployments,
  skuClass,
  str,
  verdict,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement data residency controls';

/**
 * AOAI-GOV-006: deployment types (regional, data zone, global) respect the residency policy and
 * the SKU allowlist.
 *
 * @public
 */
export const deploymentResidency: ControlDefinition = {
  id: 'AOAI-GOV-006',
  area: 'governance',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Deployment types respect data residency',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account', 'account.deployments'],
  rationale:
    'Global deployments may process prompts in any Azure region and data-zone deployments anywhere in the zone; developer deployments have no residency guarantee. The deployment type must match the residency commitment.',
  passCondition:
    'Every deployment sku.name is on allowedDeploymentSkus (when set). With dataResidency "regional" no Global*, DataZone* or Developer* SKU is used; with "data-zone" no Global* or Developer* SKU, and DataZone* only when the account region\'s zone is in allowedDataZones. Not applicable without deployments.',
  remediation: {
    portal: [
      'Redeploy the model with an allowed deployment type (e.g. Standard or DataZoneStandard) and move clients to it.',
    ],
    cli: 'az cognitiveservices account deployment create -n <account> -g <rg> --deployment-name <d> --model-name <m> --model-version <v> --model-format OpenAI --sku-name DataZoneStandard --sku-capacity <n>',
    bicep: "sku: {\n  name: 'DataZoneStandard'\n  capacity: 50\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Deployment types for Azure AI Foundry Models',
      'azure/ai-foundry/foundry-models/concepts/deployment-types',
    ),
  ],
  mappings: { mcsb: ['DP-1'] },
  evaluate(input) {
    const account = readAccount(input);
    if (!account.ok) return account.outcome;
    const deployments = requireDeployments(readDeployments(input));
    if (!deployments.ok) return deployments.outcome;
    const residency = input.policy.dataResidency;
    const allowedSkus = input.policy.allowedDeploymentSkus.map(s =>
      s.toLowerCase(),
    );
    const zone = REGION_DATA_ZONE[normRegion(account.value.location) ?? ''];
    const zones = input.policy.allowedDataZones.map(z => z.toUpperCase());
    const problems: string[] = [];
    const evidence = deployments.value.map((d, i) => ({
      path: `deployments[${deploymentName(d, i)}].sku.name`,
      observed: get(d, 'sku.name'),
      expected:
        allowedSkus.length > 0
          ? input.policy.allowedDeploymentSkus
          : `residency: ${residency}`,
    }));
    deployments.value.forEach((d, i) => {
      const name = deploymentName(d, i);
      const sku = str(get(d, 'sku.name'));
      if (!sku) {
        problems.push(`deployment "${name}" has no sku.name`);
        return;
      }
      if (allowedSkus.length > 0 && !allowedSkus.includes(lower(sku) ?? '')) {
        problems.push(
          `deployment "${name}" uses SKU ${sku}, not on the allowed list`,
        );
        return;
      }
      const kind = skuClass(sku);
      if (residency === 'regional' && kind !== 'regional') {
        problems.push(
          `deployment "${name}" uses ${sku}, which processes data outside the account region`,
        );
      } else if (residency === 'data-zone') {
        if (kind === 'global' || kind === 'developer') {
          problems.push(
            `deployment "${name}" uses ${sku}, which has no data-zone guarantee`,
          );
        } else if (
          kind === 'datazone' &&
          (zone === undefined || !zones.includes(zone))
        ) {
          problems.push(
            `deployment "${name}" uses ${sku} in data zone ${
              zone ?? 'unknown'
            }, not in ${zones.join(', ') || 'the allowed zones'}`,
          );
        }
      }
    });
    return verdict({
      problems,
      evidence,
      passMessage: `All ${deployments.value.length} deployment type(s) respect the residency policy (${residency}).`,
    });
  },
};
