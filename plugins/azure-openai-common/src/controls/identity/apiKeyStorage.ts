import type { ControlDefinition } from '../../types';
import {
  accountRead,
  attestationOutcome,
  bool,
  get,
  outcome,
  readAccount,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Secure API key storage';

/**
 * AOAI-IAM-007: when keys are enabled they live only in Key Vault (attested); not applicable when
 * local authentication is disabled.
 *
 * @public
 */
export const apiKeyStorage: ControlDefinition = {
  id: 'AOAI-IAM-007',
  area: 'identity',
  practice: PRACTICE,
  origin: 'seed',
  title: 'API keys stored only in Key Vault',
  severity: 'high',
  kind: 'partial',
  reads: ['account.account'],
  rationale:
    'Keys embedded in code or configuration leak through repositories, logs and images. Key Vault centralises them and records every read.',
  passCondition:
    'Not applicable when properties.disableLocalAuth is true (keys cannot be used). Otherwise an attestation states that the keys are stored only in Key Vault and rotated.',
  remediation: {
    portal: [
      'Best: disable local authentication (see AOAI-IAM-001) so keys are unusable.',
      'Otherwise store key1/key2 as Key Vault secrets, reference them from apps, rotate them, and record an attestation.',
    ],
    cli: [
      'az keyvault secret set --vault-name <vault> -n aoai-key1 --value "$(az cognitiveservices account keys list -n <account> -g <rg> --query key1 -o tsv)"',
    ].join('\n'),
    bicep: 'properties: {\n  disableLocalAuth: true\n}',
  },
  references: [
    seedReference(PRACTICE),
    learn('Rotate keys in Azure AI services', 'azure/ai-services/rotate-keys'),
  ],
  mappings: {},
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    if (bool(get(read.value, 'properties.disableLocalAuth')) === true) {
      return outcome(
        'not-applicable',
        'Local authentication is disabled, so API keys cannot be used.',
        [accountRead(read.value, 'properties.disableLocalAuth', true)],
      );
    }
    const base = attestationOutcome(
      'the account keys are stored only in Azure Key Vault and rotated',
    );
    return {
      ...base,
      evidence: [accountRead(read.value, 'properties.disableLocalAuth', true)],
    };
  },
};
