import type { ControlDefinition } from '../../types';
import { accountRead, get, lower, outcome, readAccount, str } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable customer-managed keys (CMK)';

/**
 * AOAI-DATA-001: data at rest is encrypted with a customer-managed key from Key Vault.
 *
 * @public
 */
export const customerManagedKeys: ControlDefinition = {
  id: 'AOAI-DATA-001',
  area: 'data',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Customer-managed key encryption',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'Fine-tuning data, uploaded files and stored completions are encrypted at rest. A customer-managed key lets you rotate and revoke that key and proves control to auditors.',
  passCondition:
    'properties.encryption.keySource is "Microsoft.KeyVault" with keyVaultProperties.keyVaultUri and keyName set. Not applicable when the golden-path policy sets requireCustomerManagedKeys to false.',
  remediation: {
    portal: [
      'Give the account a managed identity and grant it Key Vault Crypto Service Encryption User on the key.',
      'Open the resource, select Encryption, choose Customer-managed keys and select the vault and key.',
    ],
    cli: [
      'az cognitiveservices account update -n <account> -g <rg> --encryption "{\\"keySource\\":\\"Microsoft.KeyVault\\",\\"keyVaultProperties\\":{\\"keyName\\":\\"<key>\\",\\"keyVaultUri\\":\\"https://<vault>.vault.azure.net/\\"}}"',
    ].join('\n'),
    bicep: [
      'properties: {',
      '  encryption: {',
      "    keySource: 'Microsoft.KeyVault'",
      '    keyVaultProperties: { keyVaultUri: vault.properties.vaultUri, keyName: key.name }',
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Customer-managed keys for Azure AI services encryption',
      'azure/ai-services/encryption/cognitive-services-encryption-keys-portal',
    ),
  ],
  mappings: {
    azurePolicy: ['67121cc7-ff39-4ab8-b7e3-95b84dab487d'],
    checkov: ['CKV2_AZURE_22'],
    mcsb: ['DP-5'],
  },
  evaluate(input) {
    if (!input.policy.requireCustomerManagedKeys) {
      return outcome(
        'not-applicable',
        'The golden-path policy does not require customer-managed keys.',
        [{ path: 'policy:requireCustomerManagedKeys', observed: false }],
      );
    }
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const evidence = [
      accountRead(
        read.value,
        'properties.encryption.keySource',
        'Microsoft.KeyVault',
      ),
      accountRead(
        read.value,
        'properties.encryption.keyVaultProperties.keyVaultUri',
        'a Key Vault URI',
      ),
      accountRead(
        read.value,
        'properties.encryption.keyVaultProperties.keyName',
        'a key name',
      ),
    ];
    const source = get(read.value, 'properties.encryption.keySource');
    if (lower(source) !== 'microsoft.keyvault') {
      return outcome(
        'fail',
        'Data at rest is encrypted with a Microsoft-managed key, not a customer-managed key.',
        evidence,
      );
    }
    if (
      !str(
        get(read.value, 'properties.encryption.keyVaultProperties.keyVaultUri'),
      ) ||
      !str(get(read.value, 'properties.encryption.keyVaultProperties.keyName'))
    ) {
      return outcome(
        'fail',
        'keySource is Microsoft.KeyVault but the vault URI or key name is missing.',
        evidence,
      );
    }
    return outcome(
      'pass',
      'Data at rest is encrypted with a customer-managed key.',
      evidence,
    );
  },
};
