import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Test disaster recovery procedures';

/**
 * AOAI-BCDR-004: failover is tested regularly.
 *
 * @public
 */
export const disasterRecoveryTests: ControlDefinition = {
  id: 'AOAI-BCDR-004',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Disaster recovery test recorded',
  severity: 'low',
  kind: 'attestation',
  reads: [],
  rationale:
    'An untested failover plan usually fails when needed: quotas are missing in the second region, DNS or keys are wrong, or filters differ.',
  passCondition:
    'An attestation links to a dated DR test record (scenario, RTO measured, issues found). Use an expiry of at most one year.',
  remediation: {
    portal: [
      'Run a failover exercise (e.g. disable the primary backend in API Management), measure recovery time, and record the result as an attestation.',
    ],
    cli: '# Attest in Backstage with the test record link.',
    bicep: '// Not expressible in infrastructure code.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Well-Architected Framework perspective on Azure OpenAI',
      'azure/well-architected/service-guides/azure-openai',
    ),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      'a disaster recovery test was run and recorded for this workload',
    );
  },
};
