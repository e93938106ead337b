import type { ControlDefinition } from '../../types';
import {
  deploymentName,
  get,
  isObject,
  listItems,
  normRegion,
  outcome,
  readAccount,
  readDeployments,
  requireDeployments,
  str,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement multi-region deployments';

/**
 * AOAI-BCDR-001: the workload survives a regional outage: global or data-zone deployments, or
 * accounts of the same workload in at least two regions.
 *
 * @public
 */
export const multiRegion: ControlDefinition = {
  id: 'AOAI-BCDR-001',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Workload spans more than one region',
  severity: 'medium',
  kind: 'partial',
  reads: ['account.account', 'account.deployments', 'account.workloadAccounts'],
  rationale:
    'A single-region workload stops when the region has an outage. A second account in another region (behind a gateway), or global/data-zone deployments, keep it serving.',
  passCondition:
    'Every deployment uses a Global* or DataZone* SKU, or the workload accounts (this account plus workloadAccounts) are in at least two regions. Unknown when that cannot be decided because the workload accounts were not collected. Not applicable without deployments. A deliberate single-region design is recorded as a waiver.',
  remediation: {
    portal: [
      'Create a second account in a paired region with the same deployments, and route through API Management with failover.',
      'Or use Global Standard / Data Zone Standard deployments where residency allows.',
    ],
    cli: 'az cognitiveservices account create -n <account>-secondary -g <rg> --kind OpenAI --sku S0 -l <second-region> --custom-domain <account>-secondary',
    bicep:
      '// Deploy the account module twice, once per region, and tag both with the same workload tag.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Deployment types for Azure AI Foundry Models',
      'azure/ai-foundry/foundry-models/concepts/deployment-types',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const account = readAccount(input);
    if (!account.ok) return account.outcome;
    const deployments = requireDeployments(
      readDeployments(input),
      'The account has no model deployments, so there is nothing to fail over.',
    );
    if (!deployments.ok) return deployments.outcome;
    const skus = deployments.value.map((d, i) => ({
      name: deploymentName(d, i),
      sku: (str(get(d, 'sku.name')) ?? '').toLowerCase(),
    }));
    const evidence: { path: string; observed?: unknown; expected?: unknown }[] =
      [
        {
          path: 'deployments[*].sku.name',
          observed: skus.map(s => s.sku),
          expected: 'Global* or DataZone*, or a second region',
        },
      ];
    if (
      skus.every(
        s => s.sku.startsWith('global') || s.sku.startsWith('datazone'),
      )
    ) {
      return outcome(
        'pass',
        'All deployments are global or data-zone deployments, which fail over across regions.',
        evidence,
      );
    }
    const peers = input.account.workloadAccounts;
    if (peers.state === 'absent') {
      return outcome(
        'unknown',
        `Could not evaluate: regional deployments need a second region, and the other accounts of the workload were not available (${peers.reason}).`,
        evidence,
      );
    }
    const peerItems = listItems(peers.value) ?? [];
    const regions = new Set<string>();
    const own = normRegion(account.value.location);
    if (own) regions.add(own);
    for (const p of peerItems) {
      const r = normRegion(isObject(p) ? p.location : undefined);
      if (r) regions.add(r);
    }
    evidence.push({
      path: 'workloadAccounts[*].location',
      observed: [...regions].sort(),
      expected: 'at least two regions',
    });
    if (regions.size >= 2) {
      return outcome(
        'pass',
        `The workload has accounts in ${[...regions].sort().join(', ')}.`,
        evidence,
      );
    }
    return outcome(
      'fail',
      `The workload runs in one region only (${
        [...regions].join(', ') || 'unknown'
      }) with regional deployments.`,
      evidence,
    );
  },
};
