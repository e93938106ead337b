import { createHash } from 'node:crypto';
import { ConfigReader, type Config } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { InputError } from '@backstage/errors';
import {
  getControl,
  resolvePolicy,
  type ApprovedModel,
  type ContentFilterProfile,
  type GoldenPathCustomerManagedKey,
  type GoldenPathPolicy,
} from '@pavedai/plugin-azure-openai-common';

const ROOT = 'azureOpenAI.goldenPath';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION = /^[a-z][a-z0-9]*$/;
const KEY_VAULT_URI =
  /^https:\/\/[A-Za-z0-9-]{3,24}\.(vault\.azure\.net|managedhsm\.azure\.net)\/?$/;
const KEY_NAME = /^[A-Za-z0-9-]{1,127}$/;
const KEY_VERSION = /^[0-9a-f]{32}$/i;
const FQDN =
  /^(\*\.)?(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
const SEGMENT = '[^/\\s]+';
const RESOURCE_GROUP_PREFIX = `^/subscriptions/[0-9a-f-]{36}/resourceGroups/${SEGMENT}/providers/`;

/** The ARM id shapes the policy refers to. */
const ARM_IDS = {
  workspace: {
    pattern: new RegExp(
      `${RESOURCE_GROUP_PREFIX}Microsoft\\.OperationalInsights/workspaces/${SEGMENT}$`,
      'i',
    ),
    shape:
      '/subscriptions/{subscriptionId}/resourceGroups/{group}/providers/Microsoft.OperationalInsights/workspaces/{name}',
    what: 'a Log Analytics workspace',
  },
  subnet: {
    pattern: new RegExp(
      `${RESOURCE_GROUP_PREFIX}Microsoft\\.Network/virtualNetworks/${SEGMENT}/subnets/${SEGMENT}$`,
      'i',
    ),
    shape:
      '/subscriptions/{subscriptionId}/resourceGroups/{group}/providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}',
    what: 'a virtual network subnet',
  },
  privateDnsZone: {
    pattern: new RegExp(
      `${RESOURCE_GROUP_PREFIX}Microsoft\\.Network/privateDnsZones/${SEGMENT}$`,
      'i',
    ),
    shape:
      '/subscriptions/{subscriptionId}/resourceGroups/{group}/providers/Microsoft.Network/privateDnsZones/privatelink.openai.azure.com',
    what: 'a private DNS zone',
  },
  actionGroup: {
    pattern: new RegExp(
      `${RESOURCE_GROUP_PREFIX}Microsoft\\.Insights/actionGroups/${SEGMENT}$`,
      'i',
    ),
    shape:
      '/subscriptions/{subscriptionId}/resourceGroups/{group}/providers/Microsoft.Insights/actionGroups/{name}',
    what: 'an Azure Monitor action group',
  },
  userAssignedIdentity: {
    pattern: new RegExp(
      `${RESOURCE_GROUP_PREFIX}Microsoft\\.ManagedIdentity/userAssignedIdentities/${SEGMENT}$`,
      'i',
    ),
    shape:
      '/subscriptions/{subscriptionId}/resourceGroups/{group}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}',
    what: 'a user-assigned managed identity',
  },
} as const;

type ArmIdKind = keyof typeof ARM_IDS;

const RESIDENCIES = ['none', 'data-zone', 'regional'] as const;
const DATA_ZONES = ['EU', 'US', 'APAC'];
const THRESHOLDS = ['Low', 'Medium'] as const;

/**
 * Every key of the block. A `Record` over the keys of {@link GoldenPathPolicy}, so a field added to
 * the policy type fails to compile here until the reader handles it.
 */
const KNOWN_KEYS: Record<keyof GoldenPathPolicy, true> = {
  allowedSubscriptionIds: true,
  allowedRegions: true,
  allowedDeploymentSkus: true,
  approvedModels: true,
  capacityCaps: true,
  dataResidency: true,
  allowedDataZones: true,
  requireCustomerManagedKeys: true,
  privilegedPrincipalAllowlist: true,
  allowedOutboundFqdns: true,
  requiredTags: true,
  requiredPolicyDefinitionIds: true,
  streamingModeExceptions: true,
  noAutoUpgradeExceptions: true,
  modelRetirementWarningDays: true,
  nonWaivableControls: true,
  disabledControls: true,
  logAnalyticsWorkspaceId: true,
  privateEndpointSubnetId: true,
  privateEndpointSubnetIdsByRegion: true,
  privateDnsZoneIds: true,
  contentFilterProfiles: true,
  consumerRoleDefinitionId: true,
  stampTags: true,
  defaultCustomerManagedKey: true,
  requiredControls: true,
  alertActionGroupId: true,
};
const KEYS = Object.keys(KNOWN_KEYS);

/** Turns the config reader's own type errors into an `InputError` that names the key. */
function wrap<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InputError) throw error;
    const message = (error as Error).message;
    throw new InputError(
      message.includes(path)
        ? `Invalid golden-path policy: ${message}`
        : `Invalid ${path}: ${message}`,
    );
  }
}

function fail(path: string, problem: string, fix: string): never {
  throw new InputError(`Invalid ${path}: ${problem}. ${fix}`);
}

function rejectUnknownKeys(
  config: Config,
  path: string,
  known: readonly string[],
): void {
  for (const key of config.keys()) {
    if (!known.includes(key)) {
      fail(
        `${path}.${key}`,
        'unknown key',
        `Remove it or use one of ${known.join(', ')}.`,
      );
    }
  }
}

function stringArray(
  config: Config,
  path: string,
  key: string,
  check?: (value: string, at: string) => void,
): string[] | undefined {
  const values = wrap(`${path}.${key}`, () =>
    config.getOptionalStringArray(key),
  );
  if (values === undefined) return undefined;
  return values.map((raw, index) => {
    const at = `${path}.${key}[${index}]`;
    const value = raw.trim();
    if (!value) fail(at, 'the value is empty', 'Remove the entry.');
    check?.(value, at);
    return value;
  });
}

function optionalString(
  config: Config,
  path: string,
  key: string,
): string | undefined {
  const value = wrap(`${path}.${key}`, () => config.getOptionalString(key));
  if (value === undefined) return undefined;
  if (!value.trim()) {
    fail(
      `${path}.${key}`,
      'the value is empty',
      'Set a value or remove the key.',
    );
  }
  return value.trim();
}

function checkGuid(what: string) {
  return (value: string, at: string) => {
    if (!GUID.test(value)) {
      fail(
        at,
        `'${value}' is not a GUID`,
        `Use the ${what} (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not its name.`,
      );
    }
  };
}

function checkArmId(kind: ArmIdKind) {
  return (value: string, at: string) => {
    const { pattern, shape, what } = ARM_IDS[kind];
    if (!pattern.test(value)) {
      fail(
        at,
        `'${value}' is not the ARM id of ${what}`,
        `Use an id of the form ${shape}.`,
      );
    }
  };
}

function checkRegion(value: string, at: string): void {
  if (!REGION.test(value)) {
    fail(
      at,
      `'${value}' is not an Azure region name`,
      `Use the ARM location name in lower case without spaces, e.g. 'westeurope' (see 'az account list-locations -o table').`,
    );
  }
}

function checkControl(value: string, at: string): void {
  if (!getControl(value)) {
    fail(
      at,
      `'${value}' is not a control of the catalog`,
      'Use a control id such as AOAI-NET-001 (GET /api/azure-openai/controls lists them), or remove the entry.',
    );
  }
}

function readApprovedModels(
  config: Config,
  path: string,
): ApprovedModel[] | undefined {
  const key = 'approvedModels';
  const items = wrap(`${path}.${key}`, () =>
    config.getOptionalConfigArray(key),
  );
  return items?.map((item, index) => {
    const at = `${path}.${key}[${index}]`;
    rejectUnknownKeys(item, at, ['name', 'versions']);
    const name = wrap(`${at}.name`, () => item.getString('name')).trim();
    if (!name)
      fail(`${at}.name`, 'the model name is empty', "Set it, e.g. 'gpt-4.1'.");
    const versions = stringArray(item, at, 'versions');
    return versions === undefined ? { name } : { name, versions };
  });
}

function readCapacityCaps(
  config: Config,
  path: string,
): Record<string, number> | undefined {
  const caps = wrap(`${path}.capacityCaps`, () =>
    config.getOptionalConfig('capacityCaps'),
  );
  if (!caps) return undefined;
  const out: Record<string, number> = {};
  for (const sku of caps.keys()) {
    const at = `${path}.capacityCaps.${sku}`;
    const value = wrap(at, () => caps.getNumber(sku));
    if (!Number.isInteger(value) || value < 1) {
      fail(
        at,
        `${value} is not a positive whole number`,
        `Set the most capacity units one ${sku} deployment may have, e.g. 50.`,
      );
    }
    out[sku] = value;
  }
  return out;
}

function readSubnetsByRegion(
  config: Config,
  path: string,
): Record<string, string> | undefined {
  const key = 'privateEndpointSubnetIdsByRegion';
  const byRegion = wrap(`${path}.${key}`, () => config.getOptionalConfig(key));
  if (!byRegion) return undefined;
  const out: Record<string, string> = {};
  for (const region of byRegion.keys()) {
    const at = `${path}.${key}.${region}`;
    checkRegion(region, at);
    const id = optionalString(byRegion, `${path}.${key}`, region) ?? '';
    checkArmId('subnet')(id, at);
    out[region] = id;
  }
  return out;
}

function readContentFilterProfiles(
  config: Config,
  path: string,
): Record<string, ContentFilterProfile> | undefined {
  const key = 'contentFilterProfiles';
  const profiles = wrap(`${path}.${key}`, () => config.getOptionalConfig(key));
  if (!profiles) return undefined;
  const out: Record<string, ContentFilterProfile> = {};
  for (const name of profiles.keys()) {
    const at = `${path}.${key}.${name}`;
    const profile = wrap(at, () => profiles.getConfig(name));
    rejectUnknownKeys(profile, at, [
      'severityThreshold',
      'blockProtectedMaterialCode',
      'blockProfanity',
    ]);
    const threshold = optionalString(profile, at, 'severityThreshold');
    if (
      threshold !== undefined &&
      !(THRESHOLDS as readonly string[]).includes(threshold)
    ) {
      fail(
        `${at}.severityThreshold`,
        threshold === 'High'
          ? "'High' lets medium-severity harmful content through and fails the golden path's content filter control"
          : `'${threshold}' is not a severity threshold`,
        "Use 'Low' (blocks the most) or 'Medium'.",
      );
    }
    const code = wrap(`${at}.blockProtectedMaterialCode`, () =>
      profile.getOptionalBoolean('blockProtectedMaterialCode'),
    );
    const profanity = wrap(`${at}.blockProfanity`, () =>
      profile.getOptionalBoolean('blockProfanity'),
    );
    out[name] = {
      ...(threshold !== undefined
        ? {
            severityThreshold:
              threshold as ContentFilterProfile['severityThreshold'],
          }
        : {}),
      ...(code !== undefined ? { blockProtectedMaterialCode: code } : {}),
      ...(profanity !== undefined ? { blockProfanity: profanity } : {}),
    };
  }
  return out;
}

function readStampTags(
  config: Config,
  path: string,
): Record<string, string> | undefined {
  const tags = wrap(`${path}.stampTags`, () =>
    config.getOptionalConfig('stampTags'),
  );
  if (!tags) return undefined;
  const out: Record<string, string> = {};
  for (const name of tags.keys()) {
    const at = `${path}.stampTags.${name}`;
    const value = wrap(at, () => tags.getString(name));
    if (value.length > 256) {
      fail(
        at,
        'the value is longer than 256 characters',
        'Shorten it (Azure tag value limit).',
      );
    }
    out[name] = value;
  }
  return out;
}

function readCustomerManagedKey(
  config: Config,
  path: string,
): GoldenPathCustomerManagedKey | undefined {
  const key = 'defaultCustomerManagedKey';
  const at = `${path}.${key}`;
  const cmk = wrap(at, () => config.getOptionalConfig(key));
  if (!cmk) return undefined;
  rejectUnknownKeys(cmk, at, [
    'keyVaultUri',
    'keyName',
    'keyVersion',
    'identity',
  ]);

  const keyVaultUri = optionalString(cmk, at, 'keyVaultUri');
  if (!keyVaultUri || !KEY_VAULT_URI.test(keyVaultUri)) {
    fail(
      `${at}.keyVaultUri`,
      keyVaultUri
        ? `'${keyVaultUri}' is not a Key Vault URI`
        : 'the Key Vault URI is missing',
      "Use the vault's URI, e.g. https://kv-platform.vault.azure.net/.",
    );
  }
  const keyName = optionalString(cmk, at, 'keyName');
  if (!keyName || !KEY_NAME.test(keyName)) {
    fail(
      `${at}.keyName`,
      keyName
        ? `'${keyName}' is not a Key Vault key name`
        : 'the key name is missing',
      'Use the name of the key (1–127 letters, digits and hyphens).',
    );
  }
  const keyVersion = optionalString(cmk, at, 'keyVersion');
  if (keyVersion !== undefined && !KEY_VERSION.test(keyVersion)) {
    fail(
      `${at}.keyVersion`,
      `'${keyVersion}' is not a Key Vault key version`,
      'Use the 32-character hex version, or remove it to follow the latest version (auto-rotation).',
    );
  }

  const identityPath = `${at}.identity`;
  const rawIdentity = cmk.getOptional('identity');
  let identity: GoldenPathCustomerManagedKey['identity'];
  if (rawIdentity === undefined || typeof rawIdentity === 'string') {
    if (rawIdentity !== 'SystemAssigned') {
      fail(
        identityPath,
        rawIdentity === undefined
          ? 'the identity that reads the key is missing'
          : `'${rawIdentity}' is not an identity`,
        "Use 'SystemAssigned', or an object { resourceId, clientId } of a user-assigned identity (needed to encrypt at creation time).",
      );
    }
    identity = 'SystemAssigned';
  } else {
    const id = wrap(identityPath, () => cmk.getConfig('identity'));
    rejectUnknownKeys(id, identityPath, ['resourceId', 'clientId']);
    const resourceId = wrap(`${identityPath}.resourceId`, () =>
      id.getString('resourceId'),
    ).trim();
    checkArmId('userAssignedIdentity')(
      resourceId,
      `${identityPath}.resourceId`,
    );
    const clientId = wrap(`${identityPath}.clientId`, () =>
      id.getString('clientId'),
    ).trim();
    checkGuid("identity's client id")(clientId, `${identityPath}.clientId`);
    identity = { resourceId, clientId };
  }
  return {
    keyVaultUri,
    keyName,
    ...(keyVersion !== undefined ? { keyVersion } : {}),
    identity,
  };
}

function readPolicyBlock(block: Config, root: string): GoldenPathPolicy {
  rejectUnknownKeys(block, root, KEYS);

  const policy: Record<string, unknown> = {
    allowedSubscriptionIds: stringArray(
      block,
      root,
      'allowedSubscriptionIds',
      checkGuid('subscription id'),
    ),
    allowedRegions: stringArray(block, root, 'allowedRegions', checkRegion),
    allowedDeploymentSkus: stringArray(block, root, 'allowedDeploymentSkus'),
    approvedModels: readApprovedModels(block, root),
    capacityCaps: readCapacityCaps(block, root),
  };

  const residency = optionalString(block, root, 'dataResidency');
  if (
    residency !== undefined &&
    !(RESIDENCIES as readonly string[]).includes(residency)
  ) {
    fail(
      `${root}.dataResidency`,
      `'${residency}' is not a data-residency rule`,
      `Use one of ${RESIDENCIES.join(', ')}.`,
    );
  }
  policy.dataResidency = residency;
  policy.allowedDataZones = stringArray(
    block,
    root,
    'allowedDataZones',
    (value, at) => {
      if (!DATA_ZONES.includes(value)) {
        fail(
          at,
          `'${value}' is not a data zone`,
          `Use one of ${DATA_ZONES.join(', ')}.`,
        );
      }
    },
  );
  policy.requireCustomerManagedKeys = wrap(
    `${root}.requireCustomerManagedKeys`,
    () => block.getOptionalBoolean('requireCustomerManagedKeys'),
  );
  policy.privilegedPrincipalAllowlist = stringArray(
    block,
    root,
    'privilegedPrincipalAllowlist',
    checkGuid('principal object id'),
  );
  policy.allowedOutboundFqdns = stringArray(
    block,
    root,
    'allowedOutboundFqdns',
    (value, at) => {
      if (!FQDN.test(value)) {
        fail(
          at,
          `'${value}' is not a host name`,
          "Use a fully qualified domain name such as 'api.contoso.com'.",
        );
      }
    },
  );
  for (const key of [
    'requiredTags',
    'requiredPolicyDefinitionIds',
    'streamingModeExceptions',
    'noAutoUpgradeExceptions',
  ] as const) {
    policy[key] = stringArray(block, root, key);
  }

  const days = wrap(`${root}.modelRetirementWarningDays`, () =>
    block.getOptionalNumber('modelRetirementWarningDays'),
  );
  if (days !== undefined && (!Number.isInteger(days) || days < 0)) {
    fail(
      `${root}.modelRetirementWarningDays`,
      `${days} is not a whole number of days`,
      'Set 0 or more, e.g. 60.',
    );
  }
  policy.modelRetirementWarningDays = days;

  for (const key of [
    'nonWaivableControls',
    'disabledControls',
    'requiredControls',
  ] as const) {
    policy[key] = stringArray(block, root, key, checkControl);
  }

  const workspace = optionalString(block, root, 'logAnalyticsWorkspaceId');
  if (workspace !== undefined) {
    checkArmId('workspace')(workspace, `${root}.logAnalyticsWorkspaceId`);
  }
  policy.logAnalyticsWorkspaceId = workspace;
  const actionGroup = optionalString(block, root, 'alertActionGroupId');
  if (actionGroup !== undefined) {
    checkArmId('actionGroup')(actionGroup, `${root}.alertActionGroupId`);
  }
  policy.alertActionGroupId = actionGroup;
  const subnet = optionalString(block, root, 'privateEndpointSubnetId');
  if (subnet !== undefined) {
    checkArmId('subnet')(subnet, `${root}.privateEndpointSubnetId`);
  }
  policy.privateEndpointSubnetId = subnet;
  policy.privateEndpointSubnetIdsByRegion = readSubnetsByRegion(block, root);
  policy.privateDnsZoneIds = stringArray(
    block,
    root,
    'privateDnsZoneIds',
    checkArmId('privateDnsZone'),
  );
  policy.contentFilterProfiles = readContentFilterProfiles(block, root);

  const role = optionalString(block, root, 'consumerRoleDefinitionId');
  if (role !== undefined) {
    checkGuid('role definition id')(role, `${root}.consumerRoleDefinitionId`);
  }
  policy.consumerRoleDefinitionId = role;
  policy.stampTags = readStampTags(block, root);
  policy.defaultCustomerManagedKey = readCustomerManagedKey(block, root);

  return Object.fromEntries(
    Object.entries(policy).filter(([, value]) => value !== undefined),
  ) as GoldenPathPolicy;
}

/**
 * Reads and validates the golden-path policy at `azureOpenAI.goldenPath`.
 *
 * @remarks
 * A missing block gives `{}` (every default of `resolvePolicy`). Every problem is reported as an
 * `InputError` whose message names the exact config path (for example
 * `azureOpenAI.goldenPath.capacityCaps.Standard`), what is wrong and how to fix it, so a bad
 * policy stops the backend at start instead of failing provisioning later.
 *
 * @param config - the root config (for example `coreServices.rootConfig`)
 * @public
 */
export function readGoldenPathPolicy(config: Config): GoldenPathPolicy {
  const block = wrap(ROOT, () => config.getOptionalConfig(ROOT));
  if (!block) return {};
  return readPolicyBlock(block, ROOT);
}

/**
 * Validates a golden-path policy given as a plain object (for example a candidate policy posted
 * to the audit API or read from a YAML file) with exactly the rules of
 * {@link readGoldenPathPolicy}.
 *
 * @remarks
 * Accepts the same shape as the `azureOpenAI.goldenPath` config block. Every problem is an
 * `InputError` whose message names the field under `path` (for example
 * `policy.capacityCaps.Standard`), what is wrong and how to fix it.
 *
 * @param value - the policy object (e.g. parsed JSON or YAML)
 * @param path - how to name the policy in messages; default `policy`
 * @public
 */
export function parseGoldenPathPolicy(
  value: unknown,
  path: string = 'policy',
): GoldenPathPolicy {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    fail(
      path,
      `expected an object, got ${
        Array.isArray(value) ? 'an array' : JSON.stringify(value) ?? 'nothing'
      }`,
      'Give the policy as an object with the keys of azureOpenAI.goldenPath, e.g. { allowedRegions: [swedencentral] }.',
    );
  }
  return readPolicyBlock(new ConfigReader(value as JsonObject, path), path);
}

/** JSON with object keys sorted at every level (arrays keep their order). */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(v => canonicalJson(v ?? null)).join(',')}]`;
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => Number(a > b) - Number(a < b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * A short content hash of the effective golden-path policy: the first 16 hex characters of the
 * SHA-256 of the canonical (sorted-keys) JSON of `resolvePolicy(policy)`.
 *
 * @remarks
 * Stable under key order and defaults spelled out or left implicit; changes whenever a field of
 * the effective policy does.
 *
 * @param policy - the policy, for example from {@link readGoldenPathPolicy}
 * @public
 */
export function goldenPathPolicyVersion(policy: GoldenPathPolicy): string {
  return createHash('sha256')
    .update(canonicalJson(resolvePolicy(policy)))
    .digest('hex')
    .slice(0, 16);
}
