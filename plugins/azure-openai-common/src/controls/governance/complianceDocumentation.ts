import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Maintain compliance documentation';

/**
 * AOAI-GOV-004: security configuration, policies and procedures are documented for audits.
 *
 * @public
 */
export const complianceDocumentation: ControlDefinition = {
  id: 'AOAI-GOV-004',
  area: 'governance',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Compliance documentation maintained',
  severity: 'low',
  kind: 'attestation',
  reads: [],
  rationale:
    'Auditors ask for the configuration, the policies behind it and proof that it is reviewed. The posture export (evidence pack) covers the configuration; the procedures need an owner.',
  passCondition:
    "An attestation links to the workload's compliance documentation (for example the exported evidence pack and the operating procedures).",
  remediation: {
    portal: [
      "Export the evidence pack from the posture page and store it with the workload's procedures.",
      'Record an attestation with the link and an expiry.',
    ],
    cli: '# Export the evidence pack from Backstage, then attest.',
    bicep:
      "// Optionally tag the account with a link: tags: { 'compliance-doc': '<url>' }",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Policy Regulatory Compliance controls for Azure AI services',
      'azure/ai-services/security-controls-policy',
    ),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      "the workload's security configuration and procedures are documented and current",
    );
  },
};
