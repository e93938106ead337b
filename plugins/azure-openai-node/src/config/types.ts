import type { AzureCloudName } from './clouds';

/**
 * The kinds of credential {@link createAzureCredential} builds.
 *
 * @public
 */
export type AzureCredentialKind =
  | 'default'
  | 'workloadIdentity'
  | 'managedIdentity'
  | 'clientSecret'
  | 'clientCertificate'
  | 'azureCli'
  | 'staticToken';

/**
 * A validated credential block (`azureOpenAI.azure.credential`).
 *
 * @public
 */
export type AzureCredentialConfig =
  | { kind: 'default'; tenantId?: string; clientId?: string }
  | { kind: 'workloadIdentity'; tenantId?: string; clientId?: string }
  | { kind: 'managedIdentity'; clientId?: string; resourceId?: string }
  | {
      kind: 'clientSecret';
      tenantId: string;
      clientId: string;
      clientSecret: string;
    }
  | {
      kind: 'clientCertificate';
      tenantId: string;
      clientId: string;
      certificate?: string;
      certificatePath?: string;
    }
  | { kind: 'azureCli'; tenantId?: string }
  | { kind: 'staticToken'; token: string };

/**
 * The validated `azureOpenAI.azure` block, with defaults applied.
 *
 * @public
 */
export interface AzureAccessConfig {
  /** How the backend authenticates to Azure (`azureOpenAI.azure.credential`). */
  credential: AzureCredentialConfig;
  /** Public cloud or a sovereign cloud (`azureOpenAI.azure.cloud`). */
  cloud: AzureCloudName;
  /** Microsoft Entra authority host of the cloud. */
  authorityHost: string;
  /**
   * The cloud's own resource manager URL: the token audience and the
   * endpoint the SDK clients keep.
   */
  cloudResourceManagerUrl: string;
  /**
   * Where requests go: the cloud's resource manager URL, or the
   * `resourceManagerUrl` override (for example a loopback emulator).
   */
  resourceManagerUrl: string;
  /** Subscription ids; empty means every subscription the credential sees. */
  subscriptions: string[];
  /** ARM calls in flight at once, in total and per subscription. */
  concurrency: {
    total: number;
    perSubscription: number;
  };
  /** Timeout of one HTTP attempt, in milliseconds. */
  requestTimeoutMs: number;
  /** Retries after throttling or a transient failure. */
  retries: number;
}
