import { absent, present } from '../evidence';
import type { EvaluationInput } from '../evidence';
import type { ArmResourceRequest, DesiredState } from './types';

function props(r: ArmResourceRequest): Record<string, unknown> {
  const p = r.body.properties;
  return p && typeof p === 'object' ? (p as Record<string, unknown>) : {};
}

/** The body ARM would return on GET once the request is applied. */
function asRead(
  r: ArmResourceRequest,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...r.body,
    id: r.id,
    name: r.name,
    type: r.type,
    properties: { ...props(r), ...extra },
  };
}

/**
 * Turns a desired state into the evidence the collector would read once it is applied: every
 * piece the builder writes is `present` (with `provisioningState: Succeeded` and the private
 * endpoint connection approved, as for a private endpoint in the same tenant; the subscription's
 * metric alerts are the golden path's own); what the builder cannot know (NSP, model lifecycle,
 * other accounts, the rest of the subscription-level reads) is
 * `absent: not-collected`.
 *
 * @param state - the output of {@link buildDesiredState}
 * @public
 */
export function desiredStateEvidence(state: DesiredState): EvaluationInput {
  const account = state.account;
  const subdomain = props(account).customSubDomainName;
  const pe = state.privateEndpoint;
  const connection = {
    id: `${account.id}/privateEndpointConnections/${pe.name}`,
    name: pe.name,
    type: 'Microsoft.CognitiveServices/accounts/privateEndpointConnections',
    properties: {
      privateEndpoint: { id: pe.id },
      groupIds: ['account'],
      privateLinkServiceConnectionState: {
        status: 'Approved',
        description: 'Auto-Approved',
        actionsRequired: 'None',
      },
      provisioningState: 'Succeeded',
    },
  };
  const list = (items: readonly ArmResourceRequest[], extra = {}) =>
    present({ value: items.map(r => asRead(r, extra)) });
  return {
    account: {
      account: present(
        asRead(account, {
          provisioningState: 'Succeeded',
          endpoint:
            typeof subdomain === 'string'
              ? `https://${subdomain}.openai.azure.com/`
              : undefined,
          privateEndpointConnections: [connection],
        }),
      ),
      deployments: list(state.deployments, { provisioningState: 'Succeeded' }),
      raiPolicies: list([state.raiPolicy]),
      diagnosticSettings: list([state.diagnosticSettings]),
      roleAssignments: present({
        value: state.roleAssignments.map(r => asRead(r, { scope: account.id })),
      }),
      privateEndpointDnsZoneGroups: list([state.privateDnsZoneGroup], {
        provisioningState: 'Succeeded',
      }),
      privateLinkResources: absent('not-collected'),
      networkSecurityPerimeterConfigurations: absent('not-collected'),
      defenderForAISettings: present(asRead(state.defenderForAISettings)),
      locks: list([state.lock]),
      models: absent('not-collected'),
      workloadAccounts: absent('not-collected'),
    },
    subscription: {
      activityLogDiagnosticSettings: absent('not-collected'),
      metricAlerts: list(state.metricAlerts),
      activityLogAlerts: absent('not-collected'),
      policyAssignments: absent('not-collected'),
      defenderPricing: absent('not-collected'),
      deletedAccounts: absent('not-collected'),
    },
  };
}
