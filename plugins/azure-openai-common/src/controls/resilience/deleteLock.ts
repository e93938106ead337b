import type { ControlDefinition } from '../../types';
import { lower, outcome, readList, str, prop } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Plan for data recovery';

/**
 * AOAI-BCDR-005: a CanNotDelete (or ReadOnly) lock protects the account.
 *
 * @public
 */
export const deleteLock: ControlDefinition = {
  id: 'AOAI-BCDR-005',
  area: 'resilience',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Delete lock on the account',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.locks'],
  rationale:
    'Deleting an account removes its deployments, fine-tuned models and content filters; after soft delete is purged nothing can be recovered. A lock stops accidental deletion.',
  passCondition:
    'At least one management lock at the account or above has level CanNotDelete or ReadOnly.',
  remediation: {
    portal: [
      'Open the resource, select Settings > Locks > Add, type "Delete", and Save.',
    ],
    cli: 'az lock create -n no-delete --lock-type CanNotDelete --resource <account-resource-id>',
    bicep: [
      "resource lock 'Microsoft.Authorization/locks@2020-05-01' = {",
      '  scope: account',
      "  name: 'no-delete'",
      "  properties: { level: 'CanNotDelete', notes: 'Golden path: protect Azure OpenAI account' }",
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Lock your resources to protect your infrastructure',
      'azure/azure-resource-manager/management/lock-resources',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const locks = readList(
      input.account.locks,
      'the management lock list',
      'locks',
    );
    if (!locks.ok) return locks.outcome;
    const levels = locks.value.map(l => str(prop(l, 'level')) ?? 'none');
    const evidence = [
      {
        path: 'locks[*].properties.level',
        observed: levels,
        expected: 'CanNotDelete or ReadOnly',
      },
    ];
    const ok = levels.some(l =>
      ['cannotdelete', 'readonly'].includes(lower(l) ?? ''),
    );
    return ok
      ? outcome(
          'pass',
          'A management lock protects the account from deletion.',
          evidence,
        )
      : outcome(
          'fail',
          'No management lock protects the account; it can be deleted by anyone with write access.',
          evidence,
        );
  },
};
