import type { ControlDefinition } from '../../types';
import {
  isObject,
  listItems,
  lower,
  outcome,
  readDefenderPricing,
  unknownOutcome,
  prop,
} from '../helpers';
import { learn, seedReference } from '../learn';
import type { JsonObject } from '../../engine/json';

const PRACTICE = 'Implement abuse monitoring';

/**
 * AOAI-LOG-004: Microsoft Defender for AI services is on for the subscription and the account.
 *
 * @public
 */
export const defenderForAI: ControlDefinition = {
  id: 'AOAI-LOG-004',
  area: 'logging',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Microsoft Defender for AI services enabled',
  severity: 'high',
  kind: 'automated',
  reads: ['subscription.defenderPricing', 'account.defenderForAISettings'],
  rationale:
    "Defender for AI detects jailbreak attempts, credential theft, data leakage and abuse patterns on the account and raises security alerts, complementing Microsoft's own abuse monitoring.",
  passCondition:
    "The subscription pricing Microsoft.Security/pricings/AI has pricingTier Standard, and the account's defenderForAISettings (Default) state is not Disabled.",
  remediation: {
    portal: [
      'Open Microsoft Defender for Cloud > Environment settings > the subscription > Defender plans.',
      "Turn on AI workloads, then check the account's Defender for AI setting is Enabled.",
    ],
    cli: 'az security pricing create -n AI --tier standard',
    bicep: [
      "targetScope = 'subscription'",
      "resource ai 'Microsoft.Security/pricings@2024-01-01' = {",
      "  name: 'AI'",
      "  properties: { pricingTier: 'Standard' }",
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Overview of Microsoft Defender for AI services',
      'azure/defender-for-cloud/ai-threat-protection',
    ),
  ],
  mappings: {
    azurePolicy: [
      'c2c0c6d8-007b-4a48-8d9b-3539bddd8e87',
      '7e92882a-2f8a-4991-9bc4-d3147d40abb0',
      '359a48a3-351a-4618-bb32-f1628645694b',
    ],
    mcsb: ['LT-1'],
  },
  evaluate(input) {
    const pricing = readDefenderPricing(input);
    if (!pricing.ok) return pricing.outcome;
    const tier = prop(pricing.value, 'pricingTier');
    const evidence: { path: string; observed?: unknown; expected?: unknown }[] =
      [
        {
          path: 'subscription.defenderPricing.properties.pricingTier',
          observed: tier,
          expected: 'Standard',
        },
      ];
    if (lower(tier) !== 'standard') {
      return outcome(
        'fail',
        `Defender for AI services is not on for the subscription (pricing tier ${String(
          tier ?? 'not set',
        )}).`,
        evidence,
      );
    }
    const setting = input.account.defenderForAISettings;
    if (setting.state === 'absent') {
      if (setting.reason === 'not-found') {
        return outcome(
          'pass',
          'Defender for AI is on for the subscription; the account has no override.',
          evidence,
        );
      }
      return unknownOutcome(
        'the account Defender for AI setting',
        'defenderForAISettings',
        setting,
      );
    }
    const items: JsonObject[] =
      listItems(setting.value) ??
      (isObject(setting.value) ? [setting.value] : []);
    const states = items.map(i => prop(i, 'state'));
    evidence.push({
      path: 'defenderForAISettings[*].properties.state',
      observed: states,
      expected: 'Enabled',
    });
    if (states.some(s => lower(s) === 'disabled')) {
      return outcome(
        'fail',
        'Defender for AI is on for the subscription but disabled on this account.',
        evidence,
      );
    }
    return outcome(
      'pass',
      'Defender for AI services is on for the subscription and the account.',
      evidence,
    );
  },
};
