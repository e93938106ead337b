import type { ControlDefinition } from '../../types';
import { bool, get, isObject, lower, outcome, str, prop } from '../helpers';
import { readActivityLogAlerts, scopesCover } from '../alerts';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable Azure Activity Log monitoring';

type Leaf = { field: string; equals: string };

/** Flattens an activity log alert condition (allOf with optional anyOf groups) into leaves. */
function leaves(condition: unknown): Leaf[] {
  const out: Leaf[] = [];
  const visit = (node: unknown) => {
    if (!isObject(node)) return;
    const field = lower(node.field);
    const equals = lower(node.equals);
    if (field && equals) out.push({ field, equals });
    for (const key of ['allOf', 'anyOf']) {
      const children = node[key];
      if (Array.isArray(children)) children.forEach(visit);
    }
  };
  visit(condition);
  return out;
}

function watchesAccounts(condition: unknown): boolean {
  const all = leaves(condition);
  const category = all.find(l => l.field === 'category');
  if (category && category.equals !== 'administrative') return false;
  return all.some(
    l =>
      (l.field === 'operationname' &&
        l.equals.startsWith('microsoft.cognitiveservices/accounts/')) ||
      (l.field === 'resourcetype' &&
        l.equals === 'microsoft.cognitiveservices/accounts'),
  );
}

/**
 * AOAI-LOG-007: an activity log alert notifies on writes and deletes of Azure OpenAI accounts.
 *
 * @public
 */
export const accountChangeAlerts: ControlDefinition = {
  id: 'AOAI-LOG-007',
  area: 'logging',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Alert on account configuration changes',
  severity: 'low',
  kind: 'automated',
  reads: ['account.account', 'subscription.activityLogAlerts'],
  rationale:
    'Re-enabling keys, opening the network or deleting the account are single write operations. An activity log alert tells the owners when one happens outside the pipeline.',
  passCondition:
    'An enabled activity log alert with at least one action group, scoped to the account or one of its ancestors, matches Administrative operations on Microsoft.CognitiveServices/accounts (an operationName under Microsoft.CognitiveServices/accounts/, or resourceType Microsoft.CognitiveServices/accounts).',
  remediation: {
    portal: [
      'Open Monitor > Alerts > Create > Alert rule, scope it to the subscription or resource group.',
      'Choose the signal "Create/Update Account (Microsoft.CognitiveServices/accounts)" (and "Delete Account"), add the team\'s action group, and save.',
    ],
    cli: [
      'az monitor activity-log alert create -n aoai-account-changes -g <rg> --scope /subscriptions/<sub> \\',
      '  --condition category=Administrative and operationName=Microsoft.CognitiveServices/accounts/write \\',
      '  --action-group <action-group-id>',
    ].join('\n'),
    bicep: [
      "resource alert 'Microsoft.Insights/activityLogAlerts@2023-01-01-preview' = {",
      "  name: 'aoai-account-changes'",
      "  location: 'Global'",
      '  properties: {',
      '    enabled: true',
      '    scopes: [ subscription().id ]',
      '    condition: { allOf: [',
      "      { field: 'category', equals: 'Administrative' }",
      "      { field: 'resourceType', equals: 'Microsoft.CognitiveServices/accounts' }",
      '    ] }',
      '    actions: { actionGroups: [ { actionGroupId: actionGroupId } ] }',
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Create activity log alerts',
      'azure/azure-monitor/alerts/alerts-create-activity-log-alert-rule',
    ),
  ],
  mappings: { mcsb: ['LT-1'] },
  evaluate(input) {
    const read = readActivityLogAlerts(input);
    if (!read.ok) return read.outcome;
    const { account, items: alerts } = read.value;
    const matching = alerts.filter(a => {
      const groups = prop(a, 'actions.actionGroups');
      return (
        bool(prop(a, 'enabled')) !== false &&
        scopesCover(a, account.id) &&
        Array.isArray(groups) &&
        groups.some(g => str(get(g, 'actionGroupId'))) &&
        watchesAccounts(prop(a, 'condition'))
      );
    });
    const evidence = [
      {
        path: 'subscription.activityLogAlerts[*]',
        observed: matching.map(a => str(a.name) ?? '?'),
        expected:
          'an enabled alert on Microsoft.CognitiveServices/accounts operations with an action group',
      },
    ];
    if (matching.length > 0) {
      return outcome(
        'pass',
        `Activity log alert "${
          str(matching[0].name) ?? '?'
        }" notifies on account changes.`,
        evidence,
      );
    }
    return outcome(
      'fail',
      'No activity log alert notifies anyone when the account is changed or deleted.',
      evidence,
    );
  },
};
