import type { ControlDefinition } from '../../types';
import {
  accountRead,
  get,
  isObject,
  outcome,
  readAccount,
  str,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Maintain compliance documentation';

/**
 * AOAI-GOV-007: the account carries the organisation's required tags.
 *
 * @public
 */
export const requiredTags: ControlDefinition = {
  id: 'AOAI-GOV-007',
  area: 'governance',
  practice: PRACTICE,
  origin: 'extra',
  title: 'Required ownership tags present',
  severity: 'low',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'Owner, cost centre, data classification and risk tier tags tell responders who to call and which baseline applies; Backstage also reads owner and system from tags.',
  passCondition:
    'Every tag key in the golden-path requiredTags has a non-empty value (keys compared case-insensitively). Not applicable when no tags are required.',
  remediation: {
    portal: ['Open the resource, select Tags, add the missing keys and Save.'],
    cli: 'az resource tag --ids <account-resource-id> --is-incremental --tags owner=<team> data-classification=<class>',
    bicep:
      "tags: {\n  owner: 'team-x'\n  'data-classification': 'confidential'\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Use tags to organize your Azure resources',
      'azure/azure-resource-manager/management/tag-resources',
    ),
  ],
  mappings: {
    azurePolicy: [
      '871b6d14-10aa-478d-b590-94f262ecfa99',
      '1e30110a-5ceb-460c-a204-c1c3969c6d62',
    ],
    psrule: ['Azure.Resource.RequiredTags (AZR-000477)'],
  },
  evaluate(input) {
    const required = input.policy.requiredTags;
    if (required.length === 0) {
      return outcome(
        'not-applicable',
        'The golden-path policy requires no tags.',
        [],
      );
    }
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const tags = get(read.value, 'tags');
    const present = new Map<string, unknown>();
    if (isObject(tags)) {
      for (const [k, v] of Object.entries(tags))
        present.set(k.toLowerCase(), v);
    }
    const missing = required.filter(
      k => str(present.get(k.toLowerCase())) === undefined,
    );
    const evidence = [accountRead(read.value, 'tags', required)];
    if (missing.length > 0) {
      return outcome(
        'fail',
        `Required tags are missing or empty: ${missing.join(', ')}.`,
        evidence,
      );
    }
    return outcome('pass', 'All required tags are present.', evidence);
  },
};
