import { AuthorizationManagementClient } from '@azure/arm-authorization';
import { CognitiveServicesManagementClient } from '@azure/arm-cognitiveservices';
import { ManagementLockClient } from '@azure/arm-locks';
import { MonitorClient } from '@azure/arm-monitor';
import { NetworkManagementClient } from '@azure/arm-network';
import { PolicyClient } from '@azure/arm-policy';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import type { TokenCredential } from '@azure/core-auth';
import { ServiceClient } from '@azure/core-client';
import type { ArmClientOptions } from '../arm/createArmClientOptions';

/**
 * Builds (once per subscription) and caches the Azure SDK clients the
 * collector and discovery use, all from one credential and one
 * {@link ArmClientOptions} object.
 */
export class ArmClients {
  private readonly cache = new Map<string, unknown>();
  /** The same options in the shape the TypeSpec-generated ("modular") clients read. */
  private readonly modularOptions: ArmClientOptions & {
    credentials: { scopes: string[] };
  };

  constructor(
    private readonly credential: TokenCredential,
    private readonly options: ArmClientOptions,
  ) {
    this.modularOptions = {
      ...options,
      credentials: { scopes: options.credentialScopes },
    };
  }

  cognitive(subscriptionId: string): CognitiveServicesManagementClient {
    return this.get(
      'cognitive',
      subscriptionId,
      () =>
        new CognitiveServicesManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  monitor(subscriptionId: string): MonitorClient {
    return this.get(
      'monitor',
      subscriptionId,
      () =>
        new MonitorClient(this.credential, subscriptionId, this.modularOptions),
    );
  }

  authorization(subscriptionId: string): AuthorizationManagementClient {
    return this.get(
      'authorization',
      subscriptionId,
      () =>
        new AuthorizationManagementClient(
          this.credential,
          subscriptionId,
          this.options,
        ),
    );
  }

  locks(subscriptionId: string): ManagementLockClient {
    return this.get(
      'locks',
      subscriptionId,
      () =>
        new ManagementLockClient(this.credential, subscriptionId, this.options),
    );
  }

  network(subscriptionId: string): NetworkManagementClient {
    return this.get(
      'network',
      subscriptionId,
      () =>
        new NetworkManagementClient(
          this.credential,
          subscriptionId,
          this.modularOptions,
        ),
    );
  }

  policy(subscriptionId: string): PolicyClient {
    return this.get(
      'policy',
      subscriptionId,
      () =>
        new PolicyClient(this.credential, subscriptionId, this.modularOptions),
    );
  }

  resourceGraph(): ResourceGraphClient {
    return this.get(
      'resourceGraph',
      '',
      () => new ResourceGraphClient(this.credential, this.modularOptions),
    );
  }

  /** A plain pipeline (same policies) for the GETs no SDK client covers. */
  raw(): ServiceClient {
    return this.get(
      'raw',
      '',
      () =>
        new ServiceClient({
          ...this.options,
          credential: this.credential,
        }),
    );
  }

  /** The resource manager origin the clients build URLs from. */
  get endpoint(): string {
    return this.options.endpoint;
  }

  private get<T>(kind: string, subscriptionId: string, create: () => T): T {
    const key = `${kind}/${subscriptionId.toLowerCase()}`;
    let client = this.cache.get(key) as T | undefined;
    if (!client) {
      client = create();
      this.cache.set(key, client);
    }
    return client;
  }
}
