import type { ControlDefinition } from '../../types';
import { logsCover, outcome, readList, str, observed, prop } from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable Azure Activity Log monitoring';

const REQUIRED = ['administrative', 'security', 'policy'];

/**
 * AOAI-LOG-003: the subscription's activity log is exported to Log Analytics or Event Hubs.
 *
 * @public
 */
export const activityLogExport: ControlDefinition = {
  id: 'AOAI-LOG-003',
  area: 'logging',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Subscription activity log exported',
  severity: 'medium',
  kind: 'automated',
  reads: ['subscription.activityLogDiagnosticSettings'],
  rationale:
    'The activity log records who changed network rules, keys, filters and deployments. Azure keeps it for 90 days only; exporting it keeps the audit trail and lets you alert on it.',
  passCondition:
    'A subscription diagnostic setting sends the Administrative, Security and Policy categories (or allLogs) to a Log Analytics workspace or an Event Hub.',
  remediation: {
    portal: [
      'Open Monitor > Activity log > Export Activity Logs and select the subscription.',
      'Add a diagnostic setting with Administrative, Security and Policy to the security workspace.',
    ],
    cli: [
      'az monitor diagnostic-settings subscription create -n activity-to-law --location westeurope --workspace <workspace-id> \\',
      '  --logs \'[{"category":"Administrative","enabled":true},{"category":"Security","enabled":true},{"category":"Policy","enabled":true}]\'',
    ].join('\n'),
    bicep: [
      "targetScope = 'subscription'",
      "resource activity 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {",
      "  name: 'activity-to-law'",
      '  properties: {',
      '    workspaceId: workspaceId',
      "    logs: [ { category: 'Administrative', enabled: true }, { category: 'Security', enabled: true }, { category: 'Policy', enabled: true } ]",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Azure Monitor activity log',
      'azure/azure-monitor/essentials/activity-log',
    ),
  ],
  mappings: {
    azurePolicy: ['2465583e-4e78-4c15-b6be-a36cbc7c8b0f'],
    mcsb: ['LT-3'],
  },
  evaluate(input) {
    const settings = readList(
      input.subscription.activityLogDiagnosticSettings,
      'the subscription activity log diagnostic settings',
      'subscription.activityLogDiagnosticSettings',
    );
    if (!settings.ok) return settings.outcome;
    const evidence = settings.value.map(s => ({
      path: `subscription.activityLogDiagnosticSettings[${
        str(s.name) ?? '?'
      }].properties.logs`,
      observed: observed(prop(s, 'logs')),
      expected:
        'Administrative, Security, Policy (or allLogs) to a workspace or Event Hub',
    }));
    const good = settings.value.find(s => {
      const destination =
        str(prop(s, 'workspaceId')) !== undefined ||
        str(prop(s, 'eventHubAuthorizationRuleId')) !== undefined;
      return destination && logsCover(s, REQUIRED);
    });
    if (good) {
      return outcome(
        'pass',
        `Activity log is exported by "${str(good.name) ?? '?'}".`,
        evidence,
      );
    }
    return outcome(
      'fail',
      settings.value.length === 0
        ? 'The subscription activity log is not exported.'
        : 'No subscription diagnostic setting exports Administrative, Security and Policy events to a workspace or Event Hub.',
      evidence,
    );
  },
};
