import type {
  DesiredState,
  ProvisionInputs,
  ResolvedGoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-common';
import type { ArmResourceClient } from '../arm/ArmResourceClient';
import { deletedAccountId } from './Provisioner';

/** One read-only check of a dry run. */
export interface ReadCheck {
  /** What was checked, e.g. `resource group`. */
  check: string;
  ok: boolean;
  /** What was found; for a failed check, also the fix. */
  message: string;
  /** The input (or `policy.<field>`) the check is about. */
  field: string;
}

/** api-versions of the resources dry run reads that the desired state does not write. */
const READ_API_VERSIONS = {
  resourceGroups: '2021-04-01',
  privateDnsZones: '2024-06-01',
  workspaces: '2023-09-01',
  userAssignedIdentities: '2023-01-31',
};

interface CatalogModel {
  model?: {
    name?: string;
    version?: string;
    skus?: Array<{ name?: string; usageName?: string }>;
  };
}

interface Usage {
  name?: { value?: string };
  currentValue?: number;
  limit?: number;
}

async function list<T>(
  client: ArmResourceClient,
  path: string,
  apiVersion: string,
  signal?: AbortSignal,
): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = client.url(path, apiVersion);
  while (next) {
    const page = (await client.send('GET', next, { signal })).body as {
      value?: T[];
      nextLink?: string | null;
    };
    items.push(...(page?.value ?? []));
    next = page?.nextLink ?? undefined;
  }
  return items;
}

/**
 * The read-only checks of a dry run: the resource group, the subdomain and a soft-deleted
 * account of the same name, each model/version/SKU in the region, quota headroom, and the
 * subnet, DNS zones, workspace and key identity the policy names. Makes no write (the only
 * `POST` is `checkDomainAvailability`, a read).
 */
export async function runReadChecks(options: {
  client: ArmResourceClient;
  inputs: ProvisionInputs;
  desired: DesiredState;
  policy: ResolvedGoldenPathPolicy;
  apiVersion: string;
  signal?: AbortSignal;
}): Promise<ReadCheck[]> {
  const { client, inputs, desired, policy, apiVersion, signal } = options;
  const sub = `/subscriptions/${inputs.subscriptionId}`;
  const region = String(
    (desired.account.body as { location?: unknown }).location,
  );
  const checks: ReadCheck[] = [];
  const exists = async (
    check: string,
    field: string,
    id: string,
    version: string,
    fix: string,
  ) => {
    const found = (await client.get(id, version, signal)) !== undefined;
    checks.push({
      check,
      field,
      ok: found,
      message: found ? `${id} exists.` : `${id} does not exist. ${fix}`,
    });
  };

  await exists(
    'resource group',
    'resourceGroup',
    `${sub}/resourceGroups/${inputs.resourceGroup}`,
    READ_API_VERSIONS.resourceGroups,
    'Create it first or choose an existing resource group.',
  );

  const account = await client.get(desired.account.id, apiVersion, signal);
  if (account) {
    checks.push({
      check: 'account name',
      field: 'accountName',
      ok: true,
      message: `${desired.account.id} exists; a run brings it to the golden path.`,
    });
  } else {
    const subdomain = (
      desired.account.body as { properties: { customSubDomainName: string } }
    ).properties.customSubDomainName;
    const answer = (
      await client.send(
        'POST',
        client.url(
          `${sub}/providers/Microsoft.CognitiveServices/checkDomainAvailability`,
          apiVersion,
        ),
        {
          body: {
            subdomainName: subdomain,
            type: 'Microsoft.CognitiveServices/accounts',
            kind: 'OpenAI',
          },
          signal,
        },
      )
    ).body as { isSubdomainAvailable?: boolean; reason?: string };
    const available = answer?.isSubdomainAvailable === true;
    checks.push({
      check: 'subdomain',
      field: 'customSubDomainName',
      ok: available,
      message: available
        ? `Subdomain ${subdomain} is available.`
        : `Subdomain ${subdomain} is taken (${
            answer?.reason ?? 'not available'
          }). Choose another account name or customSubDomainName.`,
    });
    const deleted = await client.get(
      deletedAccountId(desired.account),
      apiVersion,
      signal,
    );
    checks.push({
      check: 'soft-deleted account',
      field: 'accountName',
      ok: !deleted,
      message: deleted
        ? `An account named ${desired.account.name} was deleted in ${region} and is soft-deleted. Run with onSoftDeleted "restore", have it purged, or choose another name.`
        : 'No soft-deleted account has this name.',
    });
  }

  const models = await list<CatalogModel>(
    client,
    `${sub}/providers/Microsoft.CognitiveServices/locations/${region}/models`,
    apiVersion,
    signal,
  );
  const usages = await list<Usage>(
    client,
    `${sub}/providers/Microsoft.CognitiveServices/locations/${region}/usages`,
    apiVersion,
    signal,
  );
  const wanted = new Map<string, number>();
  for (const [i, d] of inputs.deployments.entries()) {
    const offered = models.find(
      m =>
        m.model?.name === d.model &&
        m.model?.version === d.version &&
        m.model?.skus?.some(s => s.name === d.sku),
    );
    checks.push({
      check: 'model availability',
      field: `deployments[${i}]`,
      ok: offered !== undefined,
      message: offered
        ? `${d.model} ${d.version} is offered as ${d.sku} in ${region}.`
        : `${d.model} ${d.version} is not offered as ${
            d.sku
          } in ${region}. Offered there: ${
            models
              .filter(m => m.model?.name === d.model)
              .map(
                m =>
                  `${m.model?.version} (${(m.model?.skus ?? [])
                    .map(s => s.name)
                    .join(', ')})`,
              )
              .join('; ') || 'no version of this model'
          }.`,
    });
    const usageName =
      offered?.model?.skus?.find(s => s.name === d.sku)?.usageName ??
      `OpenAI.${d.sku}.${d.model}`;
    wanted.set(usageName, (wanted.get(usageName) ?? 0) + d.capacity);
  }
  for (const [usageName, capacity] of wanted) {
    const usage = usages.find(u => u.name?.value === usageName);
    if (!usage || typeof usage.limit !== 'number') continue;
    const headroom = usage.limit - (usage.currentValue ?? 0);
    checks.push({
      check: 'quota',
      field: 'deployments',
      ok: headroom >= capacity,
      message: `${usageName}: ${capacity} wanted, ${headroom} free of ${
        usage.limit
      } in ${region}.${
        headroom >= capacity
          ? ''
          : ' Lower the capacity or request more quota (Azure AI Foundry > Quotas).'
      }`,
    });
  }

  const subnet = (
    desired.privateEndpoint.body as { properties: { subnet: { id: string } } }
  ).properties.subnet.id;
  await exists(
    'private endpoint subnet',
    'policy.privateEndpointSubnetId',
    subnet,
    desired.privateEndpoint.apiVersion,
    'Platform team: fix privateEndpointSubnetId(sByRegion) in azureOpenAI.goldenPath.',
  );
  for (const zone of policy.privateDnsZoneIds) {
    await exists(
      'private DNS zone',
      'policy.privateDnsZoneIds',
      zone,
      READ_API_VERSIONS.privateDnsZones,
      'Platform team: fix privateDnsZoneIds in azureOpenAI.goldenPath.',
    );
  }
  await exists(
    'Log Analytics workspace',
    'policy.logAnalyticsWorkspaceId',
    policy.logAnalyticsWorkspaceId,
    READ_API_VERSIONS.workspaces,
    'Platform team: fix logAnalyticsWorkspaceId in azureOpenAI.goldenPath.',
  );
  const identities = Object.keys(
    (
      desired.account.body as {
        identity?: { userAssignedIdentities?: Record<string, unknown> };
      }
    ).identity?.userAssignedIdentities ?? {},
  );
  for (const id of identities) {
    await exists(
      'customer-managed key identity',
      'customerManagedKey.identity',
      id,
      READ_API_VERSIONS.userAssignedIdentities,
      'Use an existing user-assigned identity that may read the key.',
    );
  }
  return checks;
}
