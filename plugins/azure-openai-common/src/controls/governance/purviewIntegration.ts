import type { ControlDefinition } from '../../types';
import {
  bool,
  isObject,
  lower,
  outcome,
  readDefenderPricing,
  prop,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable Microsoft Purview integration';

/**
 * AOAI-GOV-002: prompts and responses are shared with Microsoft Purview (Defender for AI
 * extension), or Purview governance is attested.
 *
 * @public
 */
export const purviewIntegration: ControlDefinition = {
  id: 'AOAI-GOV-002',
  area: 'governance',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Microsoft Purview receives AI prompts and responses',
  severity: 'medium',
  kind: 'partial',
  reads: ['subscription.defenderPricing'],
  rationale:
    'Purview classifies sensitive data in prompts and responses and makes them available to audit, eDiscovery and data security posture management for AI.',
  passCondition:
    'The Defender for AI pricing has extension AIPromptSharingWithPurview with isEnabled true. Otherwise an attestation must describe how Purview governs the data used with the account.',
  remediation: {
    portal: [
      'Open Defender for Cloud > Environment settings > Defender plans > AI workloads > Settings.',
      'Turn on "Enable data security for AI interactions" (prompt sharing with Purview).',
    ],
    cli: [
      'az rest --method put --url "https://management.azure.com/subscriptions/<sub>/providers/Microsoft.Security/pricings/AI?api-version=2024-01-01" \\',
      '  --body \'{"properties":{"pricingTier":"Standard","extensions":[{"name":"AIPromptSharingWithPurview","isEnabled":"True"}]}}\'',
    ].join('\n'),
    bicep:
      "properties: {\n  pricingTier: 'Standard'\n  extensions: [ { name: 'AIPromptSharingWithPurview', isEnabled: 'True' } ]\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Microsoft Purview data security and compliance protections for generative AI apps',
      'purview/ai-microsoft-purview',
    ),
  ],
  mappings: { azurePolicy: ['359a48a3-351a-4618-bb32-f1628645694b'] },
  evaluate(input) {
    const pricing = readDefenderPricing(input);
    if (!pricing.ok) return pricing.outcome;
    const extensions = prop(pricing.value, 'extensions');
    const purview = Array.isArray(extensions)
      ? extensions.find(
          e => isObject(e) && lower(e.name) === 'aipromptsharingwithpurview',
        )
      : undefined;
    const enabled =
      lower(prop(pricing.value, 'pricingTier')) === 'standard' &&
      isObject(purview) &&
      bool(purview.isEnabled) === true;
    const evidence = [
      {
        path: 'subscription.defenderPricing.properties.extensions[name=AIPromptSharingWithPurview].isEnabled',
        observed: isObject(purview) ? purview.isEnabled : undefined,
        expected: 'True',
      },
    ];
    if (enabled) {
      return outcome(
        'pass',
        'Prompts and responses are shared with Microsoft Purview.',
        evidence,
      );
    }
    return outcome(
      'attestation-required',
      'Prompt sharing with Microsoft Purview is off. Turn it on, or record an attestation describing how Purview classifies the data used with this account.',
      evidence,
    );
  },
};
