import type { ControlDefinition } from '../../types';
import { get, isObject, lower, outcome } from '../helpers';
import { alertedMetricsRead, readAlertedMetrics } from '../alerts';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Configure Azure Monitor alerts';

const RAI_SIGNALS = [
  'rairejectedrequests',
  'raiharmfulrequests',
  'raiabusiveuserscount',
];

function isAuthAlert(criteria: unknown): boolean {
  if (!isObject(criteria)) return false;
  const dims = get(criteria, 'dimensions');
  if (!Array.isArray(dims)) return false;
  return dims.some(d => {
    if (lower(get(d, 'name')) !== 'statuscode') return false;
    const operator = lower(get(d, 'operator'));
    if (operator !== undefined && operator !== 'include') return false;
    const values = get(d, 'values');
    return (
      Array.isArray(values) &&
      values.some(v => ['401', '403', '*'].includes(String(v)))
    );
  });
}

/**
 * AOAI-LOG-002: metric alerts with an action group watch RAI signals and authentication failures.
 *
 * @public
 */
export const securityAlerts: ControlDefinition = {
  id: 'AOAI-LOG-002',
  area: 'logging',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Alerts on content-safety and authentication signals',
  severity: 'medium',
  kind: 'automated',
  reads: ['account.account', 'subscription.metricAlerts'],
  rationale:
    'Logs only help if someone looks. Alerts on blocked or harmful requests, abusive users and 401/403 responses notify the owners when an attack or misuse starts.',
  passCondition:
    'Among enabled metric alerts with an action group whose scopes include the account (or its resource group or subscription): one watches RAIRejectedRequests, RAIHarmfulRequests or RAIAbusiveUsersCount, and one watches AzureOpenAIRequests filtered on StatusCode 401/403.',
  remediation: {
    portal: [
      'Open the resource and select Monitoring > Alerts > Create > Alert rule.',
      'Add a rule on "Blocked Volume" (RAIRejectedRequests) and one on "Azure OpenAI Requests" split by StatusCode 401 and 403, both with the team\'s action group.',
    ],
    cli: [
      'az monitor metrics alert create -n aoai-rai-blocked -g <rg> --scopes <account-resource-id> \\',
      '  --condition "total RAIRejectedRequests > 10" --action <action-group-id>',
      'az monitor metrics alert create -n aoai-auth-failures -g <rg> --scopes <account-resource-id> \\',
      '  --condition "total AzureOpenAIRequests > 20 where StatusCode includes 401 or 403" --action <action-group-id>',
    ].join('\n'),
    bicep: [
      "resource alert 'Microsoft.Insights/metricAlerts@2018-03-01' = {",
      "  name: 'aoai-rai-blocked'",
      "  location: 'global'",
      '  properties: {',
      "    severity: 2, enabled: true, scopes: [ account.id ], evaluationFrequency: 'PT5M', windowSize: 'PT15M'",
      "    criteria: { 'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria', allOf: [",
      "      { name: 'blocked', metricName: 'RAIRejectedRequests', operator: 'GreaterThan', threshold: 10, timeAggregation: 'Total', criterionType: 'StaticThresholdCriterion' }",
      '    ] }',
      '    actions: [ { actionGroupId: actionGroupId } ]',
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Supported metrics for Microsoft.CognitiveServices/accounts',
      'azure/azure-monitor/reference/supported-metrics/microsoft-cognitiveservices-accounts-metrics',
    ),
  ],
  mappings: { mcsb: ['LT-1'] },
  evaluate(input) {
    const read = readAlertedMetrics(input);
    if (!read.ok) return read.outcome;
    const metrics = read.value;
    const rai = RAI_SIGNALS.filter(m => metrics.has(m));
    const auth = (metrics.get('azureopenairequests') ?? []).some(isAuthAlert);
    const evidence = [
      alertedMetricsRead(
        metrics,
        'an RAI signal and AzureOpenAIRequests with StatusCode 401/403',
      ),
    ];
    const missing: string[] = [];
    if (rai.length === 0)
      missing.push(
        'no alert on content-safety signals (RAIRejectedRequests, RAIHarmfulRequests, RAIAbusiveUsersCount)',
      );
    if (!auth)
      missing.push(
        'no alert on authentication failures (AzureOpenAIRequests with StatusCode 401/403)',
      );
    if (missing.length > 0) {
      return outcome(
        'fail',
        `Alerting is incomplete: ${missing.join('; ')}.`,
        evidence,
      );
    }
    return outcome(
      'pass',
      'Enabled alerts with action groups watch content-safety and authentication signals.',
      evidence,
    );
  },
};
