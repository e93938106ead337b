import type { ControlDefinition } from '../../types';
import { accountRead, get, lower, outcome, readAccount } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable managed identity authentication';

/**
 * AOAI-IAM-003: the account has a system- or user-assigned managed identity.
 *
 * @public
 */
export const managedIdentity: ControlDefinition = {
  id: 'AOAI-IAM-003',
  area: 'identity',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Managed identity assigned to the account',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'The account uses its own identity to reach Key Vault (customer-managed keys), storage and search for On Your Data. A managed identity removes stored credentials for those calls.',
  passCondition: 'identity.type is present and not "None".',
  remediation: {
    portal: [
      'Open the resource and select Resource Management > Identity.',
      'Set System assigned to On (or add a user-assigned identity) and Save.',
    ],
    cli: 'az cognitiveservices account identity assign -n <account> -g <rg>',
    bicep: "identity: {\n  type: 'SystemAssigned'\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Managed identities for Azure resources',
      'entra/identity/managed-identities-azure-resources/overview',
    ),
  ],
  mappings: {
    azurePolicy: ['fe3fd216-4f83-4fc1-8984-2bbec80a3418'],
    psrule: ['Azure.AI.ManagedIdentity (AZR-000281)'],
    checkov: ['CKV_AZURE_238'],
    mcsb: ['IM-3'],
  },
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const type = get(read.value, 'identity.type');
    const evidence = [
      accountRead(
        read.value,
        'identity.type',
        'SystemAssigned and/or UserAssigned',
      ),
    ];
    const t = lower(type);
    if (t === undefined || t === 'none') {
      return outcome('fail', 'The account has no managed identity.', evidence);
    }
    return outcome(
      'pass',
      `Managed identity "${String(type)}" is assigned.`,
      evidence,
    );
  },
};
