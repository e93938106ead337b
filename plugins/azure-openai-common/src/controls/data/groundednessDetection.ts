import type { ControlDefinition } from '../../types';
import {
  contentFilters,
  filterEnabled,
  norm,
  outcome,
  readDeploymentPolicies,
  requireDeployments,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure groundedness detection';

/**
 * AOAI-DATA-005: groundedness detection for retrieval-augmented generation.
 *
 * @public
 */
export const groundednessDetection: ControlDefinition = {
  id: 'AOAI-DATA-005',
  area: 'data',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Groundedness detection for RAG workloads',
  severity: 'medium',
  kind: 'partial',
  reads: ['account.deployments', 'account.raiPolicies'],
  rationale:
    'In retrieval-augmented generation the model can still invent facts. Groundedness detection flags answers not supported by the retrieved sources.',
  passCondition:
    'Every deployment\'s RAI policy has an enabled filter whose name contains "grounded". The 2025-09-01 filter catalogue has no such filter, so otherwise an attestation must state that groundedness is checked in the application or with Azure AI Content Safety. Not applicable without deployments.',
  remediation: {
    portal: [
      'Enable groundedness detection in the content filter where the region offers it, or call the Content Safety groundedness API from the application.',
      'Record an attestation with a link to the design.',
    ],
    cli: '# Groundedness checks run in the application or the Content Safety API; attest in Backstage.',
    bicep: '// No account-level setting in api-version 2025-09-01.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Groundedness detection in Azure AI Content Safety',
      'azure/ai-services/content-safety/concepts/groundedness',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const read = requireDeployments(readDeploymentPolicies(input));
    if (!read.ok) return read.outcome;
    const covered = read.value.filter(
      d =>
        d.policy !== undefined &&
        contentFilters(d.policy).some(
          f => norm(f.name).includes('grounded') && filterEnabled(f),
        ),
    );
    const evidence = [
      {
        path: 'raiPolicies[*].properties.contentFilters[name~grounded]',
        observed: covered.map(d => d.name),
        expected: read.value.map(d => d.name),
      },
    ];
    if (covered.length === read.value.length) {
      return outcome(
        'pass',
        'Every deployment has a groundedness filter enabled.',
        evidence,
      );
    }
    return outcome(
      'attestation-required',
      'No groundedness filter is configured on the deployments. Record an attestation that groundedness is checked in the application or with Azure AI Content Safety.',
      evidence,
    );
  },
};
