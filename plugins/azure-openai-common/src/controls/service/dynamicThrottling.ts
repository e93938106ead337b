import type { ControlDefinition } from '../../types';
import { accountRead, bool, get, outcome, readAccount } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement rate limiting and quota management';

/**
 * AOAI-SVC-005: dynamic throttling is off, so configured rate limits are hard limits.
 *
 * @public
 */
export const dynamicThrottling: ControlDefinition = {
  id: 'AOAI-SVC-005',
  area: 'service',
  practice: PRACTICE,
  origin: 'extra',
  title: 'Dynamic throttling disabled',
  severity: 'low',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'With dynamic throttling the account may exceed its configured limits when capacity is free, which makes rate limits unpredictable as an abuse control.',
  passCondition: 'properties.dynamicThrottlingEnabled is not true.',
  remediation: {
    portal: ['Dynamic throttling is set with the CLI or a template.'],
    cli: 'az resource update --ids <account-resource-id> --set properties.dynamicThrottlingEnabled=false',
    bicep: 'properties: {\n  dynamicThrottlingEnabled: false\n}',
  },
  references: [
    seedReference(PRACTICE),
    learn('Manage Azure OpenAI quota', 'azure/ai-foundry/openai/how-to/quota'),
  ],
  mappings: {},
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const evidence = [
      accountRead(read.value, 'properties.dynamicThrottlingEnabled', false),
    ];
    return bool(get(read.value, 'properties.dynamicThrottlingEnabled')) === true
      ? outcome(
          'fail',
          'Dynamic throttling is enabled, so rate limits are not enforced as configured.',
          evidence,
        )
      : outcome(
          'pass',
          'Dynamic throttling is off; rate limits are hard limits.',
          evidence,
        );
  },
};
