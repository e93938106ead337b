import type { ControlDefinition } from '../../types';
import { attestationOutcome } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure document-level access control';

/**
 * AOAI-IAM-006: document-level access control (security trimming) for On Your Data sources.
 *
 * @public
 */
export const documentLevelAccess: ControlDefinition = {
  id: 'AOAI-IAM-006',
  area: 'identity',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Document-level access control on connected data sources',
  severity: 'high',
  kind: 'attestation',
  reads: [],
  rationale:
    'With On Your Data, the model answers from your indexes. Without security trimming a user can get answers drawn from documents they are not allowed to read.',
  passCondition:
    "An attestation states that every connected search index uses a security filter field (group ids) and that requests pass the caller's groups, with the index and field names.",
  remediation: {
    portal: [
      'In Azure AI Search, add a filterable group-ids field to each index and populate it from the source ACLs.',
      "Pass the caller's groups in data_sources[].parameters.filter on each chat request.",
      'Record an attestation with the index names and a link to the design review.',
    ],
    cli: '# No control-plane setting. Attest in Backstage after configuring the index (see docs).',
    bicep:
      '// Document-level access is configured in the search index schema and the application, not on the account.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Security filters for trimming results in Azure AI Search',
      'azure/search/search-security-trimming-for-azure-search',
    ),
  ],
  mappings: {},
  evaluate() {
    return attestationOutcome(
      "each connected index trims results to the caller's permissions",
    );
  },
};
