import type {
  ProvisionCustomerManagedKey,
  ProvisionDeploymentInput,
} from './types';

/** Inputs with every field of the expected type (malformed values become empty ones). */
export interface NormalizedInputs {
  accountName: string;
  customSubDomainName: string;
  subscriptionId: string;
  resourceGroup: string;
  region: string;
  owner: string;
  system: string;
  deployments: ProvisionDeploymentInput[];
  contentFilterProfile: string;
  consumerPrincipalIds: string[];
  customerManagedKey?: ProvisionCustomerManagedKey;
  tags: Record<string, string>;
}

function obj(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function normalizeCmk(value: unknown): ProvisionCustomerManagedKey | undefined {
  if (value === undefined || value === null) return undefined;
  const raw = obj(value);
  const identity = raw.identity;
  const uami = obj(identity);
  const keyVersion = text(raw.keyVersion);
  return {
    keyVaultUri: text(raw.keyVaultUri),
    keyName: text(raw.keyName),
    ...(keyVersion ? { keyVersion } : {}),
    identity:
      identity === 'SystemAssigned' || identity === undefined
        ? 'SystemAssigned'
        : { resourceId: text(uami.resourceId), clientId: text(uami.clientId) },
  };
}

/** Reads possibly malformed inputs (from a form, YAML or JSON) without throwing. */
export function normalizeInputs(
  value: unknown,
  defaultCustomerManagedKey?: unknown,
): NormalizedInputs {
  const raw = obj(value);
  const accountName = text(raw.accountName);
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(raw.tags))) {
    if (typeof v === 'string') tags[k] = v;
  }
  const cmk = normalizeCmk(raw.customerManagedKey ?? defaultCustomerManagedKey);
  return {
    accountName,
    customSubDomainName: text(raw.customSubDomainName) || accountName,
    subscriptionId: text(raw.subscriptionId),
    resourceGroup: text(raw.resourceGroup),
    region: text(raw.region).toLowerCase().replace(/\s+/g, ''),
    owner: text(raw.owner),
    system: text(raw.system),
    deployments: (Array.isArray(raw.deployments) ? raw.deployments : []).map(
      d => {
        const o = obj(d);
        return {
          name: text(o.name),
          model: text(o.model),
          version: text(o.version),
          sku: text(o.sku),
          capacity:
            typeof o.capacity === 'number' && Number.isFinite(o.capacity)
              ? o.capacity
              : Number.NaN,
        };
      },
    ),
    contentFilterProfile: text(raw.contentFilterProfile),
    consumerPrincipalIds: (Array.isArray(raw.consumerPrincipalIds)
      ? raw.consumerPrincipalIds
      : []
    ).map(text),
    ...(cmk ? { customerManagedKey: cmk } : {}),
    tags,
  };
}
