import { Config, readDurationFromConfig } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import { AZURE_CLOUDS, AzureCloudName, isAzureCloudName } from './clouds';
import { isLoopbackHttpUrl } from './loopback';
import type {
  AzureAccessConfig,
  AzureCredentialConfig,
  AzureCredentialKind,
} from './types';

const ROOT = 'azureOpenAI.azure';
const CREDENTIAL = `${ROOT}.credential`;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const DEFAULTS = {
  // Fleet-scan bench (bench/results/fleet-scan.md): a total of 8 left most subscriptions idle,
  // and 4 per subscription left the total unused whenever the accounts in flight came from fewer
  // than 8 subscriptions (100 accounts over 10: 1.35x the lower bound, 1.23x with 8). ARM's limits
  // are per subscription token buckets, which the throttle tracker paces (no 429 at 200 accounts
  // per subscription with 8 either).
  concurrencyTotal: 32,
  concurrencyPerSubscription: 8,
  requestTimeoutMs: 30_000,
  retries: 5,
};
const MAX_RETRIES = 20;

/** The credential fields each kind accepts. */
const FIELDS_BY_KIND: Record<AzureCredentialKind, readonly string[]> = {
  default: ['tenantId', 'clientId'],
  workloadIdentity: ['tenantId', 'clientId'],
  managedIdentity: ['clientId', 'resourceId'],
  clientSecret: ['tenantId', 'clientId', 'clientSecret'],
  clientCertificate: ['tenantId', 'clientId', 'certificate', 'certificatePath'],
  azureCli: ['tenantId'],
  staticToken: ['token'],
};
const CREDENTIAL_FIELDS = [
  'tenantId',
  'clientId',
  'resourceId',
  'clientSecret',
  'certificate',
  'certificatePath',
  'token',
];

/**
 * Reads and validates the `azureOpenAI.azure` config block.
 *
 * @remarks
 * Every problem is reported as an `InputError` whose message names the
 * offending key and how to fix it. A missing block gives the defaults:
 * `DefaultAzureCredential`, the public cloud, all visible subscriptions.
 *
 * @param config - the root config (for example `coreServices.rootConfig`)
 * @public
 */
export function readAzureAccessConfig(config: Config): AzureAccessConfig {
  const azure = wrap(() => config.getOptionalConfig(ROOT));

  const cloudName = optionalString(azure, 'cloud') ?? 'public';
  if (!isAzureCloudName(cloudName)) {
    throw new InputError(
      `Invalid ${ROOT}.cloud '${cloudName}': use one of ${Object.keys(
        AZURE_CLOUDS,
      ).join(', ')}.`,
    );
  }
  const cloud: AzureCloudName = cloudName;
  const endpoints = AZURE_CLOUDS[cloud];

  const resourceManagerUrl = readResourceManagerUrl(azure);
  const credential = readCredential(azure?.getOptionalConfig('credential'));
  if (
    credential.kind === 'staticToken' &&
    !(resourceManagerUrl && isLoopbackHttpUrl(resourceManagerUrl))
  ) {
    throw new InputError(
      `${CREDENTIAL}.kind 'staticToken' is only for the local emulator: set ${ROOT}.resourceManagerUrl to its loopback URL (http://127.0.0.1:PORT), or choose another credential kind for Azure.`,
    );
  }

  const total = positiveInteger(
    azure,
    'concurrency.total',
    DEFAULTS.concurrencyTotal,
  );
  const perSubscription = positiveInteger(
    azure,
    'concurrency.perSubscription',
    Math.min(DEFAULTS.concurrencyPerSubscription, total),
  );
  if (perSubscription > total) {
    throw new InputError(
      `Invalid ${ROOT}.concurrency.perSubscription ${perSubscription}: it cannot exceed ${ROOT}.concurrency.total (${total}); lower it or raise the total.`,
    );
  }

  const retries =
    wrap(() => azure?.getOptionalNumber('retries')) ?? DEFAULTS.retries;
  if (!Number.isInteger(retries) || retries < 0 || retries > MAX_RETRIES) {
    throw new InputError(
      `Invalid ${ROOT}.retries ${retries}: use a whole number from 0 to ${MAX_RETRIES}.`,
    );
  }

  return {
    credential,
    cloud,
    authorityHost: endpoints.authorityHost,
    cloudResourceManagerUrl: endpoints.resourceManagerUrl,
    resourceManagerUrl: resourceManagerUrl ?? endpoints.resourceManagerUrl,
    subscriptions: readSubscriptions(azure),
    concurrency: { total, perSubscription },
    requestTimeoutMs: readRequestTimeout(azure),
    retries,
  };
}

function readCredential(credential: Config | undefined): AzureCredentialConfig {
  const kind = (optionalString(credential, 'kind', CREDENTIAL) ??
    'default') as AzureCredentialKind;
  const allowed = FIELDS_BY_KIND[kind];
  if (!allowed) {
    throw new InputError(
      `Invalid ${CREDENTIAL}.kind '${kind}': use one of ${Object.keys(
        FIELDS_BY_KIND,
      ).join(', ')}.`,
    );
  }
  const values: Record<string, string | undefined> = {};
  for (const field of CREDENTIAL_FIELDS) {
    const value = optionalString(credential, field, CREDENTIAL);
    if (value === undefined) {
      continue;
    }
    if (!allowed.includes(field)) {
      throw new InputError(
        `${CREDENTIAL}.${field} is not used by credential kind '${kind}' (it accepts ${
          allowed.join(', ') || 'no other fields'
        }); remove it or change ${CREDENTIAL}.kind.`,
      );
    }
    values[field] = value;
  }
  const required = (field: string, why: string): string => {
    const value = values[field];
    if (value === undefined) {
      throw new InputError(
        `Missing ${CREDENTIAL}.${field}: credential kind '${kind}' needs ${why}.`,
      );
    }
    return value;
  };
  const guid = (field: string) => {
    const value = values[field];
    if (value !== undefined && !GUID.test(value)) {
      throw new InputError(
        `Invalid ${CREDENTIAL}.${field} '${value}': expected a GUID such as 00000000-0000-0000-0000-000000000000.`,
      );
    }
    return value;
  };

  switch (kind) {
    case 'default':
    case 'workloadIdentity':
      return { kind, tenantId: guid('tenantId'), clientId: guid('clientId') };
    case 'azureCli':
      return { kind, tenantId: guid('tenantId') };
    case 'managedIdentity':
      if (values.clientId !== undefined && values.resourceId !== undefined) {
        throw new InputError(
          `${CREDENTIAL}.clientId and ${CREDENTIAL}.resourceId both name a user-assigned managed identity: set only one (or neither for the system-assigned identity).`,
        );
      }
      if (
        values.resourceId !== undefined &&
        !/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.managedidentity\/userassignedidentities\/[^/]+$/i.test(
          values.resourceId,
        )
      ) {
        throw new InputError(
          `Invalid ${CREDENTIAL}.resourceId '${values.resourceId}': expected /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.ManagedIdentity/userAssignedIdentities/<name>.`,
        );
      }
      return {
        kind,
        clientId: guid('clientId'),
        resourceId: values.resourceId,
      };
    case 'clientSecret':
      required('tenantId', 'the tenant of the service principal');
      required('clientId', 'the application (client) id');
      return {
        kind,
        tenantId: guid('tenantId')!,
        clientId: guid('clientId')!,
        clientSecret: required('clientSecret', 'the client secret'),
      };
    case 'clientCertificate': {
      required('tenantId', 'the tenant of the service principal');
      required('clientId', 'the application (client) id');
      const { certificate, certificatePath } = values;
      if ((certificate === undefined) === (certificatePath === undefined)) {
        throw new InputError(
          `Credential kind 'clientCertificate' needs exactly one of ${CREDENTIAL}.certificate (inline PEM) or ${CREDENTIAL}.certificatePath (PEM file).`,
        );
      }
      return {
        kind,
        tenantId: guid('tenantId')!,
        clientId: guid('clientId')!,
        certificate,
        certificatePath,
      };
    }
    case 'staticToken':
      return { kind, token: required('token', 'the bearer token to send') };
    default:
      throw new InputError(`Invalid ${CREDENTIAL}.kind '${kind}'.`);
  }
}

function readResourceManagerUrl(azure: Config | undefined) {
  const key = `${ROOT}.resourceManagerUrl`;
  const raw = optionalString(azure, 'resourceManagerUrl');
  if (raw === undefined) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InputError(
      `Invalid ${key} '${raw}': expected an absolute URL such as https://management.azure.com or http://127.0.0.1:7071.`,
    );
  }
  if (url.protocol === 'http:' && !isLoopbackHttpUrl(url)) {
    throw new InputError(
      `Invalid ${key} '${raw}': plain http is only allowed on loopback (http://127.0.0.1:PORT for the local emulator); use https for Azure.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`Invalid ${key} '${raw}': use an http(s) URL.`);
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search) {
    throw new InputError(
      `Invalid ${key} '${raw}': give only the origin (scheme, host and port), without a path or query.`,
    );
  }
  return url.origin;
}

function readSubscriptions(azure: Config | undefined): string[] {
  const key = `${ROOT}.subscriptions`;
  const list = wrap(() => azure?.getOptionalStringArray('subscriptions')) ?? [];
  const seen = new Set<string>();
  list.forEach((id, index) => {
    if (!GUID.test(id)) {
      throw new InputError(
        `Invalid ${key}[${index}] '${id}': expected a subscription id (GUID).`,
      );
    }
    seen.add(id.toLowerCase());
  });
  return [...seen];
}

function readRequestTimeout(azure: Config | undefined): number {
  const key = `${ROOT}.requestTimeout`;
  if (!azure?.has('requestTimeout')) {
    return DEFAULTS.requestTimeoutMs;
  }
  const raw = azure.get('requestTimeout');
  let ms: number;
  if (typeof raw === 'number') {
    ms = raw;
  } else {
    try {
      ms = durationToMilliseconds(
        readDurationFromConfig(azure, { key: 'requestTimeout' }),
      );
    } catch (error) {
      throw new InputError(
        `Invalid ${key}: use milliseconds, an ISO 8601 duration ('PT30S') or an object such as { seconds: 30 } (${
          (error as Error).message
        }).`,
      );
    }
  }
  if (!Number.isFinite(ms) || ms <= 0) {
    throw new InputError(
      `Invalid ${key} ${JSON.stringify(
        raw,
      )}: the timeout must be longer than zero.`,
    );
  }
  return ms;
}

function positiveInteger(
  azure: Config | undefined,
  path: string,
  fallback: number,
): number {
  const value = wrap(() => azure?.getOptionalNumber(path)) ?? fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new InputError(
      `Invalid ${ROOT}.${path} ${value}: use a whole number of at least 1.`,
    );
  }
  return value;
}

function optionalString(
  config: Config | undefined,
  key: string,
  prefix: string = ROOT,
): string | undefined {
  const value = wrap(() => config?.getOptionalString(key), `${prefix}.${key}`);
  if (value !== undefined && value.trim() === '') {
    throw new InputError(
      `${prefix}.${key} is empty: set a value or remove the key.`,
    );
  }
  return value?.trim();
}

/** Turns the config reader's type errors into an `InputError`. */
function wrap<T>(read: () => T, key?: string): T {
  try {
    return read();
  } catch (error) {
    const message = (error as Error).message;
    throw new InputError(
      key && !message.includes(key)
        ? `Invalid ${key}: ${message}`
        : `Invalid Azure access config: ${message}`,
    );
  }
}
