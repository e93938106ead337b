import type { ControlDefinition } from '../../types';
import {
  enabledLogs,
  enabledMetrics,
  hasWorkspace,
  logsCover,
  outcome,
  readList,
  str,
  observed,
  prop,
} from '../helpers';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Enable diagnostic settings';

const REQUIRED_CATEGORIES = [
  'audit',
  'requestresponse',
  'azureopenairequestusage',
];

/**
 * AOAI-LOG-001: a diagnostic setting sends all logs (or the security categories) and metrics to a
 * Log Analytics workspace.
 *
 * @public
 */
export const diagnosticSettings: ControlDefinition = {
  id: 'AOAI-LOG-001',
  area: 'logging',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Resource logs and metrics sent to Log Analytics',
  severity: 'high',
  kind: 'automated',
  reads: ['account.diagnosticSettings'],
  rationale:
    'Without resource logs there is no record of who called which deployment, what was blocked, or how keys were used, so incidents cannot be investigated.',
  passCondition:
    'At least one diagnostic setting has a workspaceId, enables categoryGroup allLogs (or the Audit, RequestResponse and AzureOpenAIRequestUsage categories) and the AllMetrics metric category.',
  remediation: {
    portal: [
      'Open the resource and select Monitoring > Diagnostic settings > Add diagnostic setting.',
      'Select allLogs and AllMetrics, choose "Send to Log Analytics workspace" and the golden-path workspace.',
    ],
    cli: [
      'az monitor diagnostic-settings create -n to-law --resource <account-resource-id> --workspace <workspace-id> \\',
      '  --logs \'[{"categoryGroup":"allLogs","enabled":true}]\' --metrics \'[{"category":"AllMetrics","enabled":true}]\'',
    ].join('\n'),
    bicep: [
      "resource diag 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {",
      '  scope: account',
      "  name: 'to-law'",
      '  properties: {',
      '    workspaceId: workspaceId',
      "    logs: [ { categoryGroup: 'allLogs', enabled: true } ]",
      "    metrics: [ { category: 'AllMetrics', enabled: true } ]",
      '  }',
      '}',
    ].join('\n'),
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Supported logs for Microsoft.CognitiveServices/accounts',
      'azure/azure-monitor/reference/supported-logs/microsoft-cognitiveservices-accounts-logs',
    ),
  ],
  mappings: {
    azurePolicy: [
      '1b4d1c4e-934c-4703-944c-27c82c06bebb',
      '55d1f543-d1b0-4811-9663-d6d0dbc6326d',
    ],
    mcsb: ['LT-3'],
  },
  evaluate(input) {
    const settings = readList(
      input.account.diagnosticSettings,
      'the diagnostic settings list',
      'diagnosticSettings',
    );
    if (!settings.ok) return settings.outcome;
    const evidence = settings.value.map(s => ({
      path: `diagnosticSettings[${str(s.name) ?? '?'}].properties`,
      observed: observed({
        workspaceId: prop(s, 'workspaceId'),
        logs: prop(s, 'logs'),
        metrics: prop(s, 'metrics'),
      }),
      expected:
        'workspaceId + allLogs (or Audit, RequestResponse, AzureOpenAIRequestUsage) + AllMetrics',
    }));
    if (settings.value.length === 0) {
      return outcome(
        'fail',
        'The account has no diagnostic setting; no resource logs are kept.',
        [
          {
            path: 'diagnosticSettings',
            observed: 0,
            expected: 'a setting to Log Analytics',
          },
        ],
      );
    }
    const good = settings.value.find(
      s =>
        hasWorkspace(s) &&
        logsCover(s, REQUIRED_CATEGORIES) &&
        enabledMetrics(s).has('allmetrics'),
    );
    if (good) {
      return outcome(
        'pass',
        `Diagnostic setting "${
          str(good.name) ?? '?'
        }" sends logs and metrics to Log Analytics.`,
        evidence,
      );
    }
    const problems = settings.value.map(s => {
      const missing: string[] = [];
      if (!hasWorkspace(s)) missing.push('no Log Analytics workspace');
      const logs = enabledLogs(s);
      if (!logs.has('alllogs')) {
        const absentCats = REQUIRED_CATEGORIES.filter(c => !logs.has(c));
        if (absentCats.length > 0)
          missing.push(`log categories missing (${absentCats.join(', ')})`);
      }
      if (!enabledMetrics(s).has('allmetrics')) missing.push('AllMetrics off');
      return `"${str(s.name) ?? '?'}": ${missing.join(', ')}`;
    });
    return outcome(
      'fail',
      `No diagnostic setting is complete: ${problems.join('; ')}.`,
      evidence,
    );
  },
};
