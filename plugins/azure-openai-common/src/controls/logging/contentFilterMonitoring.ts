import type { ControlDefinition } from '../../types';
import { hasWorkspace, logsCover, outcome, readList } from '../helpers';
import { alertedMetricsRead, readAlertedMetrics } from '../alerts';
import { learn, seedReference } from '../learn';

const PRACTICE = 'Monitor content filtering events';

/**
 * AOAI-LOG-006: content-filter events are logged and alerted on.
 *
 * @public
 */
export const contentFilterMonitoring: ControlDefinition = {
  id: 'AOAI-LOG-006',
  area: 'logging',
  practice: PRACTICE,
  origin: 'seed',
  title: 'Content filtering events logged and alerted',
  severity: 'medium',
  kind: 'automated',
  reads: [
    'account.account',
    'account.diagnosticSettings',
    'subscription.metricAlerts',
  ],
  rationale:
    'A rise in blocked or harmful requests is an early sign of an attack or a misbehaving client, and the logs are what you need to tune filters.',
  passCondition:
    'An enabled metric alert with an action group covering the account watches RAIRejectedRequests or RAIHarmfulRequests, and a diagnostic setting to Log Analytics enables RequestResponse (or allLogs).',
  remediation: {
    portal: [
      'Add a metric alert on "Blocked Volume" (RAIRejectedRequests) or "Harmful Volume Detected" (RAIHarmfulRequests).',
      'Make sure the diagnostic setting enables RequestResponse or allLogs.',
    ],
    cli: 'az monitor metrics alert create -n aoai-rai-harmful -g <rg> --scopes <account-resource-id> --condition "total RAIHarmfulRequests > 5" --action <action-group-id>',
    bicep:
      '// See AOAI-LOG-002 for a metric alert on RAIRejectedRequests and AOAI-LOG-001 for the diagnostic setting.',
  },
  references: [
    seedReference(PRACTICE),
    learn(
      'Supported metrics for Microsoft.CognitiveServices/accounts',
      'azure/azure-monitor/reference/supported-metrics/microsoft-cognitiveservices-accounts-metrics',
    ),
  ],
  mappings: {},
  evaluate(input) {
    const alerts = readAlertedMetrics(input);
    if (!alerts.ok) return alerts.outcome;
    const settings = readList(
      input.account.diagnosticSettings,
      'the diagnostic settings list',
      'diagnosticSettings',
    );
    if (!settings.ok) return settings.outcome;
    const metrics = alerts.value;
    const alerted =
      metrics.has('rairejectedrequests') || metrics.has('raiharmfulrequests');
    const logged = settings.value.some(
      s => hasWorkspace(s) && logsCover(s, ['requestresponse']),
    );
    const evidence = [
      alertedMetricsRead(metrics, 'RAIRejectedRequests or RAIHarmfulRequests'),
      {
        path: 'diagnosticSettings[*].properties.logs',
        observed: logged
          ? 'RequestResponse enabled'
          : 'RequestResponse not enabled',
        expected: 'RequestResponse or allLogs to Log Analytics',
      },
    ];
    const missing: string[] = [];
    if (!alerted) missing.push('no alert on blocked or harmful requests');
    if (!logged)
      missing.push('RequestResponse logs are not sent to Log Analytics');
    if (missing.length > 0)
      return outcome(
        'fail',
        `Content filtering events are not monitored: ${missing.join('; ')}.`,
        evidence,
      );
    return outcome(
      'pass',
      'Content filtering events are logged and alerted on.',
      evidence,
    );
  },
};
