import type { ControlDefinition } from '../../types';
import { accountRead, get, outcome, readAccount, str } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Use Microsoft Entra ID authentication';

/**
 * AOAI-IAM-002: the account has a custom subdomain.
 *
 * @public
 */
export const customSubdomain: ControlDefinition = {
  id: 'AOAI-IAM-002',
  area: 'identity',
  practice: PRACTICE,
  origin: 'extra',
  title: 'Custom subdomain set',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'A custom subdomain is required for Microsoft Entra ID token authentication, network ACLs and private endpoints. It cannot be changed once set, so it must be chosen at creation.',
  passCondition: 'properties.customSubDomainName is a non-empty string.',
  remediation: {
    portal: [
      'Custom subdomains are set at creation; recreate the account with a custom subdomain name or set it once with the CLI.',
    ],
    cli: 'az cognitiveservices account update -n <account> -g <rg> --custom-domain <account>',
    bicep: 'properties: {\n  customSubDomainName: accountName\n}',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Custom subdomain names for Azure AI services',
      'azure/ai-services/cognitive-services-custom-subdomains',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const subdomain = str(get(read.value, 'properties.customSubDomainName'));
    const evidence = [
      accountRead(
        read.value,
        'properties.customSubDomainName',
        'a custom subdomain',
      ),
    ];
    return subdomain
      ? outcome('pass', `Custom subdomain "${subdomain}" is set.`, evidence)
      : outcome(
          'fail',
          'The account has no custom subdomain; Entra ID tokens and private endpoints need one.',
          evidence,
        );
  },
};
