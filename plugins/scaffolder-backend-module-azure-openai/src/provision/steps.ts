import type {
  ArmResourceRequest,
  DesiredState,
} from '@pavedai/plugin-azure-openai-common';

/** One write of the golden path, in apply order. */
export interface ProvisionStep {
  /** Checkpoint key and log label, e.g. `deployment.chat`. */
  key: string;
  /** What the step does, for logs and errors. */
  title: string;
  request: ArmResourceRequest;
}

function withoutEncryption(account: ArmResourceRequest): ArmResourceRequest {
  const body = account.body as { properties?: Record<string, unknown> };
  const { encryption: _encryption, ...properties } = body.properties ?? {};
  return { ...account, body: { ...account.body, properties } };
}

/**
 * The golden path's writes in Azure's required order: account → RAI policy → deployments one at
 * a time → private endpoint → its DNS zone group → diagnostic settings → Defender for AI →
 * metric alerts → role assignments → delete lock.
 *
 * @remarks
 * A customer-managed key read by the account's system-assigned identity cannot be set at
 * creation (the identity does not exist yet and needs access to the key first), so that account
 * is written twice: first without encryption, then with it.
 */
export function provisionSteps(desired: DesiredState): ProvisionStep[] {
  const account = desired.account;
  const identity = (account.body as { identity?: { type?: string } }).identity;
  const encryption = (account.body as { properties?: { encryption?: unknown } })
    .properties?.encryption;
  const twoStepKey =
    encryption !== undefined && identity?.type === 'SystemAssigned';
  const steps: ProvisionStep[] = twoStepKey
    ? [
        {
          key: 'account',
          title: `create account ${account.name}`,
          request: withoutEncryption(account),
        },
        {
          key: 'account-encryption',
          title: `encrypt account ${account.name} with the customer-managed key`,
          request: account,
        },
      ]
    : [
        {
          key: 'account',
          title: `create account ${account.name}`,
          request: account,
        },
      ];
  steps.push({
    key: 'rai-policy',
    title: `content filter ${desired.raiPolicy.name}`,
    request: desired.raiPolicy,
  });
  for (const d of desired.deployments) {
    steps.push({
      key: `deployment.${d.name}`,
      title: `model deployment ${d.name}`,
      request: d,
    });
  }
  steps.push(
    {
      key: 'private-endpoint',
      title: `private endpoint ${desired.privateEndpoint.name}`,
      request: desired.privateEndpoint,
    },
    {
      key: 'private-dns-zone-group',
      title: 'private DNS zone group',
      request: desired.privateDnsZoneGroup,
    },
    {
      key: 'diagnostic-settings',
      title: `diagnostic settings ${desired.diagnosticSettings.name}`,
      request: desired.diagnosticSettings,
    },
    {
      key: 'defender-for-ai',
      title: 'Defender for AI',
      request: desired.defenderForAISettings,
    },
  );
  for (const a of desired.metricAlerts) {
    steps.push({
      key: `alert.${a.name}`,
      title: `alert ${a.name}`,
      request: a,
    });
  }
  for (const r of desired.roleAssignments) {
    const principal = (r.body as { properties: { principalId: string } })
      .properties.principalId;
    steps.push({
      key: `role-assignment.${r.name}`,
      title: `consumer role for ${principal}`,
      request: r,
    });
  }
  steps.push({
    key: 'lock',
    title: `delete lock ${desired.lock.name}`,
    request: desired.lock,
  });
  return steps;
}
