import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure API Management for load balancing';

/**
 * AOAI-BCDR-002: clients reach the account through API Management with load balancing and a
 * circuit breaker.
 *
 * @public
 */
export const apiManagementLoadBalancing: ControlDefinition = {
  id: 'AOAI-BCDR-002',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'API Management load balancing with circuit breaker',
  severity: 'low',
  kind: 'attestation',
  reads: [],
  rationale:
    'A gateway with a backend pool and circuit-breaker rules fails over between accounts during throttling or outages, without client changes.',
  passCondition:
    'An attestation names the API Management instance and the pool backend (two or more members, at least one circuit-breaker rule) that fronts this account. The scanner does not read API Management yet.',
  remediation: {
    portal: [
      'In API Management, add each Azure OpenAI endpoint as a backend, create a load-balanced pool backend with circuit-breaker rules, and route the API to it.',
      'Record an attestation with the gateway and backend names.',
    ],
    cli: '# az apim backend ... (see Microsoft Learn: Backends in API Management), then attest in Backstage.',
    bicep:
      "// resource pool 'Microsoft.ApiManagement/service/backends@2024-05-01' = { properties: { type: 'Pool', pool: { services: [...] } } }",
  },
  references: [
    seedReference(PRACTICE),
    learn('Backends in API Management', 'azure/api-management/backends'),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      'clients reach this account through an API Management pool backend with a circuit breaker',
    );
  },
};
