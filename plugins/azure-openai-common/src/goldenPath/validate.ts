import { REGION_DATA_ZONE, skuClass } from '../controls/helpers';
import { resolvePolicy } from '../engine/policy';
import type { GoldenPathPolicy, ResolvedGoldenPathPolicy } from '../types';
import { lastSegment, privateEndpointSubnetFor } from './ids';
import { normalizeInputs } from './normalize';
import { skuAllowedByResidency } from './options';
import type { NormalizedInputs } from './normalize';
import type { ProvisionInputs, ProvisionProblem } from './types';

/** Azure naming rule for account names and custom subdomains. */
const ACCOUNT_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])$/;
const RESOURCE_GROUP = /^[-\w.()]{1,90}$/;
const DEPLOYMENT_NAME = /^[A-Za-z0-9_.-]{2,64}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY_VAULT_URI =
  /^https:\/\/[A-Za-z0-9-]{3,24}\.(vault\.azure\.net|managedhsm\.azure\.net)\/?$/;
const TAG_NAME_FORBIDDEN = /[<>%&\\?/]/;

/**
 * The private DNS zone an OpenAI account's private endpoint needs.
 *
 * @public
 */
export const OPENAI_PRIVATE_DNS_ZONE = 'privatelink.openai.azure.com';

function problem(
  field: string,
  message: string,
  fix: string,
  allowed?: readonly string[],
): ProvisionProblem {
  return allowed && allowed.length > 0
    ? { field, message, allowed: [...allowed], fix }
    : { field, message, fix };
}

function checkAccount(i: NormalizedInputs, out: ProvisionProblem[]): void {
  const rule =
    '2–64 characters, letters, digits and hyphens, starting and ending with a letter or digit';
  if (!ACCOUNT_NAME.test(i.accountName)) {
    out.push(
      problem(
        'accountName',
        `Account name "${i.accountName}" does not follow Azure's naming rule (${rule}).`,
        'Choose a name such as "aoai-payments-prod-weu".',
      ),
    );
  }
  if (
    i.customSubDomainName !== i.accountName &&
    !ACCOUNT_NAME.test(i.customSubDomainName)
  ) {
    out.push(
      problem(
        'customSubDomainName',
        `Custom subdomain "${i.customSubDomainName}" does not follow Azure's naming rule (${rule}).`,
        'Leave it empty to use the account name, or choose a valid, globally unique subdomain.',
      ),
    );
  }
  if (!GUID.test(i.subscriptionId)) {
    out.push(
      problem(
        'subscriptionId',
        `Subscription id "${i.subscriptionId}" is not a GUID.`,
        'Use the subscription id (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), not its name.',
      ),
    );
  }
  if (!RESOURCE_GROUP.test(i.resourceGroup) || i.resourceGroup.endsWith('.')) {
    out.push(
      problem(
        'resourceGroup',
        `Resource group "${i.resourceGroup}" is not a valid name (1–90 letters, digits, "-", "_", ".", "(", ")", not ending in ".").`,
        'Use the name of an existing resource group.',
      ),
    );
  }
  for (const field of ['owner', 'system'] as const) {
    if (!i[field] || i[field].length > 256) {
      out.push(
        problem(
          field,
          i[field]
            ? `${field} is longer than 256 characters (Azure tag value limit).`
            : `${field} is required.`,
          `Pick the ${field} entity (it is stamped as the backstage.io-${field} tag).`,
        ),
      );
    }
  }
}

function checkSubscription(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  out: ProvisionProblem[],
): void {
  if (
    GUID.test(i.subscriptionId) &&
    p.allowedSubscriptionIds.length > 0 &&
    !p.allowedSubscriptionIds.some(
      s => s.toLowerCase() === i.subscriptionId.toLowerCase(),
    )
  ) {
    out.push(
      problem(
        'subscriptionId',
        `Subscription "${i.subscriptionId}" is not one the golden path provisions into.`,
        'Choose one of the allowed subscriptions, or ask the platform team to add it to azureOpenAI.goldenPath.allowedSubscriptionIds.',
        p.allowedSubscriptionIds,
      ),
    );
  }
}

function checkRegion(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  out: ProvisionProblem[],
): void {
  if (!i.region) {
    out.push(
      problem(
        'region',
        'region is required.',
        'Choose one of the allowed regions.',
        p.allowedRegions,
      ),
    );
  } else if (
    p.allowedRegions.length > 0 &&
    !p.allowedRegions.some(r => r.toLowerCase() === i.region)
  ) {
    out.push(
      problem(
        'region',
        `Region "${i.region}" is not allowed by the golden-path policy.`,
        'Choose one of the allowed regions.',
        p.allowedRegions,
      ),
    );
  }
}

function checkDeployments(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  out: ProvisionProblem[],
): void {
  if (i.deployments.length === 0) {
    out.push(
      problem(
        'deployments',
        'At least one model deployment is required.',
        'Add a deployment (name, model, version, SKU, capacity).',
      ),
    );
  }
  const seen = new Set<string>();
  const caps = new Map(
    Object.entries(p.capacityCaps).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const zone = REGION_DATA_ZONE[i.region];
  const zones = p.allowedDataZones.map(z => z.toUpperCase());
  i.deployments.forEach((d, n) => {
    const at = `deployments[${n}]`;
    if (!DEPLOYMENT_NAME.test(d.name)) {
      out.push(
        problem(
          `${at}.name`,
          `Deployment name "${d.name}" is not valid (2–64 letters, digits, "_", "." or "-").`,
          'Choose a name such as "chat" or "embeddings".',
        ),
      );
    } else if (seen.has(d.name.toLowerCase())) {
      out.push(
        problem(
          `${at}.name`,
          `Deployment name "${d.name}" is used twice.`,
          'Give every deployment its own name.',
        ),
      );
    }
    seen.add(d.name.toLowerCase());

    const models = p.approvedModels.map(m => m.name);
    const approved = p.approvedModels.find(
      m => m.name.toLowerCase() === d.model.toLowerCase(),
    );
    if (!d.model) {
      out.push(
        problem(`${at}.model`, 'model is required.', 'Choose a model.', models),
      );
    } else if (p.approvedModels.length > 0 && !approved) {
      out.push(
        problem(
          `${at}.model`,
          `Model "${d.model}" is not approved by the golden-path policy.`,
          'Choose an approved model.',
          models,
        ),
      );
    }
    if (!d.version) {
      out.push(
        problem(
          `${at}.version`,
          'version is required: the golden path pins every deployment to a model version.',
          'Choose a model version.',
          approved?.versions,
        ),
      );
    } else if (
      approved?.versions &&
      approved.versions.length > 0 &&
      !approved.versions.includes(d.version)
    ) {
      out.push(
        problem(
          `${at}.version`,
          `Version "${d.version}" of ${d.model} is not approved.`,
          'Choose an approved version.',
          approved.versions,
        ),
      );
    }

    const skus = p.allowedDeploymentSkus;
    if (!d.sku) {
      out.push(
        problem(
          `${at}.sku`,
          'sku is required.',
          'Choose a deployment SKU.',
          skus,
        ),
      );
    } else if (
      skus.length > 0 &&
      !skus.some(s => s.toLowerCase() === d.sku.toLowerCase())
    ) {
      out.push(
        problem(
          `${at}.sku`,
          `SKU "${d.sku}" is not allowed by the golden-path policy.`,
          'Choose an allowed SKU.',
          skus,
        ),
      );
    } else {
      const kind = skuClass(d.sku);
      if (p.dataResidency === 'regional' && kind !== 'regional') {
        out.push(
          problem(
            `${at}.sku`,
            `SKU "${d.sku}" may process data outside ${
              i.region || 'the account region'
            }; the data-residency rule is "regional".`,
            'Choose a regional SKU such as Standard or ProvisionedManaged.',
            skus.filter(s => skuAllowedByResidency(s, 'regional')),
          ),
        );
      } else if (
        p.dataResidency === 'data-zone' &&
        (kind === 'global' || kind === 'developer')
      ) {
        out.push(
          problem(
            `${at}.sku`,
            `SKU "${d.sku}" has no data-zone guarantee; the data-residency rule is "data-zone".`,
            'Choose a regional or DataZone SKU.',
            skus.filter(s => skuAllowedByResidency(s, 'data-zone')),
          ),
        );
      } else if (
        p.dataResidency === 'data-zone' &&
        kind === 'datazone' &&
        (zone === undefined || !zones.includes(zone))
      ) {
        out.push(
          problem(
            `${at}.sku`,
            `SKU "${d.sku}" in ${
              i.region || 'this region'
            } processes data in zone ${
              zone ?? 'unknown'
            }, which is not an allowed data zone.`,
            'Choose a regional SKU, or a region in an allowed data zone.',
            zones,
          ),
        );
      }
    }

    const cap = caps.get(d.sku.toLowerCase());
    if (!Number.isInteger(d.capacity) || d.capacity < 1) {
      out.push(
        problem(
          `${at}.capacity`,
          `Capacity ${String(d.capacity)} is not a positive whole number.`,
          cap === undefined
            ? 'Set a capacity of at least 1.'
            : `Set a capacity between 1 and ${cap}.`,
        ),
      );
    } else if (cap !== undefined && d.capacity > cap) {
      out.push(
        problem(
          `${at}.capacity`,
          `Capacity ${d.capacity} is above the ${d.sku} cap of ${cap}.`,
          `Set a capacity between 1 and ${cap}, or ask the platform team for a higher cap.`,
        ),
      );
    }
  });
}

function checkRest(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  out: ProvisionProblem[],
): void {
  const profiles = Object.keys(p.contentFilterProfiles);
  if (
    !Object.prototype.hasOwnProperty.call(
      p.contentFilterProfiles,
      i.contentFilterProfile,
    )
  ) {
    out.push(
      problem(
        'contentFilterProfile',
        i.contentFilterProfile
          ? `Content filter profile "${i.contentFilterProfile}" is not defined by the golden-path policy.`
          : 'contentFilterProfile is required.',
        'Choose one of the content filter profiles.',
        profiles,
      ),
    );
  }
  i.consumerPrincipalIds.forEach((id, n) => {
    if (!GUID.test(id)) {
      out.push(
        problem(
          `consumerPrincipalIds[${n}]`,
          `Consumer principal id "${id}" is not a GUID.`,
          'Use the object id of the application identity (service principal or managed identity).',
        ),
      );
    }
  });
  const cmk = i.customerManagedKey;
  if (!cmk && p.requireCustomerManagedKeys) {
    out.push(
      problem(
        'customerManagedKey',
        'The golden-path policy requires a customer-managed key, and none was given.',
        'Give the Key Vault URI, key name and the identity that reads the key.',
      ),
    );
  }
  if (cmk) {
    if (!KEY_VAULT_URI.test(cmk.keyVaultUri)) {
      out.push(
        problem(
          'customerManagedKey.keyVaultUri',
          `Key Vault URI "${cmk.keyVaultUri}" is not a Key Vault or Managed HSM URI.`,
          'Use https://<vault>.vault.azure.net/.',
        ),
      );
    }
    if (!/^[A-Za-z0-9-]{1,127}$/.test(cmk.keyName)) {
      out.push(
        problem(
          'customerManagedKey.keyName',
          `Key name "${cmk.keyName}" is not valid (1–127 letters, digits and hyphens).`,
          'Use the name of the key in the vault.',
        ),
      );
    }
    if (
      cmk.keyVersion !== undefined &&
      !/^[0-9a-fA-F]{32}$/.test(cmk.keyVersion)
    ) {
      out.push(
        problem(
          'customerManagedKey.keyVersion',
          `Key version "${cmk.keyVersion}" is not a 32-character hexadecimal version.`,
          'Leave it empty to follow the latest version, or copy the version id from the vault.',
        ),
      );
    }
    if (
      cmk.identity !== 'SystemAssigned' &&
      (!cmk.identity.resourceId.startsWith('/subscriptions/') ||
        !GUID.test(cmk.identity.clientId))
    ) {
      out.push(
        problem(
          'customerManagedKey.identity',
          'The user-assigned identity needs its ARM resource id and its client id (a GUID).',
          'Give { resourceId, clientId } of the user-assigned managed identity, or "SystemAssigned".',
        ),
      );
    }
  }
  for (const [k, v] of Object.entries(i.tags)) {
    if (!k || k.length > 512 || TAG_NAME_FORBIDDEN.test(k) || v.length > 256) {
      out.push(
        problem(
          `tags.${k}`,
          `Tag "${k}" is not valid (name up to 512 characters without < > % & \\ ? /, value up to 256).`,
          'Rename or shorten the tag.',
        ),
      );
    }
  }
  const stamped = new Set(
    [
      ...Object.keys(i.tags),
      ...Object.keys(p.stampTags),
      'backstage.io-owner',
      'backstage.io-system',
    ].map(t => t.toLowerCase()),
  );
  const missingTags = p.requiredTags.filter(t => !stamped.has(t.toLowerCase()));
  if (missingTags.length > 0) {
    out.push(
      problem(
        'tags',
        `Required tags are missing: ${missingTags.join(', ')}.`,
        'Add the missing tags.',
        p.requiredTags,
      ),
    );
  }
}

function checkPolicy(
  i: NormalizedInputs,
  p: ResolvedGoldenPathPolicy,
  out: ProvisionProblem[],
): void {
  if (!p.logAnalyticsWorkspaceId.startsWith('/subscriptions/')) {
    out.push(
      problem(
        'policy.logAnalyticsWorkspaceId',
        'The golden-path policy names no Log Analytics workspace for diagnostics.',
        'Platform team: set the workspace ARM id in the golden-path config.',
      ),
    );
  }
  if (!privateEndpointSubnetFor(p, i.region).startsWith('/subscriptions/')) {
    out.push(
      problem(
        'policy.privateEndpointSubnetId',
        `The golden-path policy names no subnet for private endpoints${
          i.region ? ` in ${i.region}` : ''
        }.`,
        'Platform team: set privateEndpointSubnetId, or the region in privateEndpointSubnetIdsByRegion, in the golden-path config.',
      ),
    );
  }
  if (
    !p.privateDnsZoneIds.some(
      id => lastSegment(id).toLowerCase() === OPENAI_PRIVATE_DNS_ZONE,
    )
  ) {
    out.push(
      problem(
        'policy.privateDnsZoneIds',
        `The golden-path policy has no private DNS zone id for ${OPENAI_PRIVATE_DNS_ZONE}.`,
        'Platform team: add the ARM id of the private DNS zone to the golden-path config.',
      ),
    );
  }
}

/**
 * Checks provisioning inputs against Azure's naming rules and the golden-path policy.
 *
 * @remarks
 * Never throws, whatever the inputs: malformed values are reported as problems. Each problem names
 * the input field (or `policy.<field>` when the platform configuration is incomplete), the
 * allowed values where there is a list, and the fix.
 *
 * @param inputs - what the developer asked for (possibly malformed)
 * @param policy - the golden-path policy
 * @returns the problems; empty when the inputs are acceptable
 * @public
 */
export function validateProvisionInputs(
  inputs: ProvisionInputs,
  policy?: GoldenPathPolicy,
): ProvisionProblem[] {
  const p = resolvePolicy(
    policy && typeof policy === 'object' ? policy : undefined,
  );
  const i = normalizeInputs(inputs, p.defaultCustomerManagedKey);
  const out: ProvisionProblem[] = [];
  checkAccount(i, out);
  checkSubscription(i, p, out);
  checkRegion(i, p, out);
  checkDeployments(i, p, out);
  checkRest(i, p, out);
  checkPolicy(i, p, out);
  return out;
}
