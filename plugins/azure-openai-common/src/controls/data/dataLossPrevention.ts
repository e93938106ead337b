import type { ControlDefinition } from '../../types';
import {
  accountRead,
  bool,
  get,
  lower,
  outcome,
  readAccount,
  str,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable data loss prevention (DLP)';

/**
 * AOAI-DATA-003: outbound network access is restricted to an allowlist of FQDNs.
 *
 * @public
 */
export const dataLossPrevention: ControlDefinition = {
  id: 'AOAI-DATA-003',
  area: 'data',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Outbound access restricted to approved FQDNs',
  severity: 'high',
  kind: 'partial',
  reads: ['account.account'],
  rationale:
    'Features such as On Your Data and tools make the service call URLs. Restricting outbound access to named FQDNs stops prompts from exfiltrating data to arbitrary hosts.',
  passCondition:
    'properties.restrictOutboundNetworkAccess is true, allowedFqdnList is non-empty, and every entry is on the golden-path allowedOutboundFqdns. When the policy has no FQDN allowlist, the entries need an attestation.',
  remediation: {
    portal: [
      'Data loss prevention is configured with the CLI or a template (no portal blade).',
    ],
    cli: [
      'az rest --method patch --url "https://management.azure.com<account-resource-id>?api-version=2025-09-01" \\',
      '  --body \'{"properties":{"restrictOutboundNetworkAccess":true,"allowedFqdnList":["<search>.search.windows.net"]}}\'',
    ].join('\n'),
    bicep:
      "properties: {\n  restrictOutboundNetworkAccess: true\n  allowedFqdnList: [ '${searchName}.search.windows.net' ]\n}",
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure security baseline for Azure OpenAI',
      'security/benchmark/azure/baselines/azure-openai-security-baseline',
    ),
  ],
  mappings: { checkov: ['CKV_AZURE_247'], mcsb: ['DP-2'] },
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const evidence = [
      accountRead(read.value, 'properties.restrictOutboundNetworkAccess', true),
      accountRead(
        read.value,
        'properties.allowedFqdnList',
        input.policy.allowedOutboundFqdns.length > 0
          ? input.policy.allowedOutboundFqdns
          : 'non-empty',
      ),
    ];
    if (
      bool(get(read.value, 'properties.restrictOutboundNetworkAccess')) !== true
    ) {
      return outcome(
        'fail',
        'Outbound network access is not restricted; the service may call any URL.',
        evidence,
      );
    }
    const raw = get(read.value, 'properties.allowedFqdnList');
    const fqdns = Array.isArray(raw)
      ? raw.map(str).filter((f): f is string => f !== undefined)
      : [];
    if (fqdns.length === 0) {
      return outcome(
        'fail',
        'Outbound access is restricted but allowedFqdnList is empty.',
        evidence,
      );
    }
    if (input.policy.allowedOutboundFqdns.length === 0) {
      return outcome(
        'attestation-required',
        `Outbound access is restricted to ${fqdns.join(
          ', ',
        )}; the golden path has no FQDN allowlist, so confirm these hosts with an attestation.`,
        evidence,
      );
    }
    const allowed = new Set(
      input.policy.allowedOutboundFqdns.map(f => f.toLowerCase()),
    );
    const extra = fqdns.filter(f => !allowed.has(lower(f) ?? ''));
    if (extra.length > 0) {
      return outcome(
        'fail',
        `Outbound FQDNs not on the golden-path allowlist: ${extra.join(', ')}.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      `Outbound access is restricted to ${fqdns.length} approved FQDN(s).`,
      evidence,
    );
  },
};
