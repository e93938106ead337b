import type { ControlDefinition } from '../../types';
import { accountRead, bool, get, outcome, readAccount, str } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Use Microsoft Entra ID authentication';

/**
 * AOAI-IAM-001: key (local) authentication is disabled and a custom subdomain allows Entra ID tokens.
 *
 * @public
 */
export const localAuthDisabled: ControlDefinition = {
  id: 'AOAI-IAM-001',
  area: 'identity',
  practice: PRACTICE,
  origin: 'seed',
  title: 'API keys disabled; Microsoft Entra ID only',
  severity: 'critical',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'API keys are long-lived shared secrets that bypass conditional access and leave no per-user audit trail. With local auth disabled only Entra ID tokens work, which requires a custom subdomain.',
  passCondition:
    'properties.disableLocalAuth is true and properties.customSubDomainName is set.',
  remediation: {
    portal: [
      'Local authentication cannot be switched in the portal; use the CLI or a template.',
      'Before disabling keys, move every client to Microsoft Entra ID (managed identity plus the Cognitive Services OpenAI User role).',
    ],
    cli: [
      'az resource update --ids <account-resource-id> --set properties.disableLocalAuth=true',
    ].join('\n'),
    bicep: [
      'properties: {',
      '  customSubDomainName: accountName',
      '  disableLocalAuth: true',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Disable local authentication in Azure AI services',
      'azure/ai-services/disable-local-auth',
    ),
  ],
  mappings: {
    azurePolicy: [
      '71ef260a-8f18-47b7-abcb-62d0673d94dc',
      '14de9e63-1b31-492e-a5a3-c3f7fd57f555',
      '55eff01b-f2bd-4c32-9203-db285f709d30',
    ],
    psrule: ['Azure.AI.DisableLocalAuth (AZR-000282)'],
    checkov: ['CKV_AZURE_236'],
    mcsb: ['IM-1'],
  },
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const disabled =
      bool(get(read.value, 'properties.disableLocalAuth')) === true;
    const subdomain = str(get(read.value, 'properties.customSubDomainName'));
    const evidence = [
      accountRead(read.value, 'properties.disableLocalAuth', true),
      accountRead(
        read.value,
        'properties.customSubDomainName',
        'a custom subdomain',
      ),
    ];
    if (!disabled) {
      return outcome(
        'fail',
        'API key (local) authentication is enabled; anyone with a key can call the models.',
        evidence,
      );
    }
    if (!subdomain) {
      return outcome(
        'fail',
        'Local authentication is disabled but there is no custom subdomain, so Microsoft Entra ID tokens cannot be used.',
        evidence,
      );
    }
    return outcome(
      'pass',
      'Only Microsoft Entra ID authentication is accepted.',
      evidence,
    );
  },
};
