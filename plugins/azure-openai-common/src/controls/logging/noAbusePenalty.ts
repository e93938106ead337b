import type { ControlDefinition } from '../../types';
import { accountRead, get, outcome, readAccount } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Implement abuse monitoring';

/**
 * AOAI-LOG-005: Microsoft's abuse monitoring has not put a penalty on the account.
 *
 * @public
 */
export const noAbusePenalty: ControlDefinition = {
  id: 'AOAI-LOG-005',
  area: 'logging',
  practice: PRACTICE,
  origin: 'extra',
  title: 'No abuse penalty on the account',
  severity: 'high',
  kind: 'automated',
  reads: ['account.account'],
  rationale:
    'Microsoft throttles or blocks accounts its abuse monitoring flags. A penalty means someone used the account for content that violates the code of conduct; the workload is also degraded.',
  passCondition: 'properties.abusePenalty is absent or null.',
  remediation: {
    portal: [
      'Investigate RequestResponse logs and the RAIAbusiveUsersCount metric to find the caller.',
      "Revoke the caller's access, tighten content filters, and contact Microsoft support to lift the penalty.",
    ],
    cli: 'az cognitiveservices account show -n <account> -g <rg> --query properties.abusePenalty',
    bicep: '// Not configurable: the penalty is set by Microsoft.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Data, privacy, and security for Azure OpenAI',
      'azure/ai-foundry/responsible-ai/openai/data-privacy',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const read = readAccount(input);
    if (!read.ok) return read.outcome;
    const penalty = get(read.value, 'properties.abusePenalty');
    const evidence = [accountRead(read.value, 'properties.abusePenalty', null)];
    if (penalty === undefined || penalty === null) {
      return outcome('pass', 'The account has no abuse penalty.', evidence);
    }
    const action = get(penalty, 'action');
    return outcome(
      'fail',
      `Microsoft abuse monitoring has penalised the account (action ${String(
        action ?? 'unknown',
      )}, expires ${String(get(penalty, 'expiration') ?? 'unknown')}).`,
      evidence,
    );
  },
};
