import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Settings of the Azure OpenAI golden path. */
  azureOpenAI?: {
    /**
     * How the backend reaches Azure Resource Manager: identity, cloud,
     * subscriptions and request limits.
     */
    azure?: {
      /**
       * The identity used to call Azure Resource Manager. Defaults to
       * `kind: default` (`DefaultAzureCredential`).
       */
      credential?: {
        /**
         * Which `@azure/identity` credential to build.
         *
         * - `default`: `DefaultAzureCredential` (environment, workload identity,
         *   managed identity, then developer tools).
         * - `workloadIdentity`: AKS workload identity (federated token file).
         * - `managedIdentity`: system-assigned, or user-assigned with `clientId`
         *   or `resourceId`.
         * - `clientSecret`: a service principal with a secret.
         * - `clientCertificate`: a service principal with a PEM certificate.
         * - `azureCli`: the signed-in Azure CLI user (local development only).
         * - `staticToken`: a fixed bearer token; only allowed with a loopback
         *   `resourceManagerUrl` (the local emulator).
         */
        kind?:
          | 'default'
          | 'workloadIdentity'
          | 'managedIdentity'
          | 'clientSecret'
          | 'clientCertificate'
          | 'azureCli'
          | 'staticToken';
        /**
         * Microsoft Entra tenant id (GUID). Required for `clientSecret` and
         * `clientCertificate`; optional for the other kinds.
         */
        tenantId?: string;
        /**
         * Application (client) id. Required for `clientSecret` and
         * `clientCertificate`; the user-assigned identity for
         * `managedIdentity`, `workloadIdentity` and `default`.
         */
        clientId?: string;
        /**
         * ARM resource id of a user-assigned managed identity
         * (`managedIdentity` only; use either this or `clientId`).
         */
        resourceId?: string;
        /**
         * Client secret (`clientSecret` only).
         * @visibility secret
         */
        clientSecret?: string;
        /**
         * PEM certificate with its private key, inline
         * (`clientCertificate` only; use either this or `certificatePath`).
         * @visibility secret
         */
        certificate?: string;
        /**
         * Path to a PEM file with the certificate and its private key
         * (`clientCertificate` only).
         */
        certificatePath?: string;
        /**
         * Fixed bearer token (`staticToken` only: the local emulator and tests).
         * @visibility secret
         */
        token?: string;
      };
      /**
       * The Azure cloud: selects the resource manager URL and the Microsoft
       * Entra authority host. Defaults to `public`.
       */
      cloud?: 'public' | 'usGovernment' | 'china';
      /**
       * Overrides the cloud's resource manager URL. An
       * `http://127.0.0.1:PORT` (or `http://localhost:PORT`) URL points the
       * Azure SDK clients at the local ARM emulator; other `http` URLs are
       * refused.
       */
      resourceManagerUrl?: string;
      /**
       * Subscription ids (GUIDs) to work in. When empty, callers use every
       * subscription the credential can see.
       */
      subscriptions?: string[];
      /** Limits on parallel Azure Resource Manager calls. */
      concurrency?: {
        /** Calls in flight at most, over all subscriptions. Default 8. */
        total?: number;
        /** Calls in flight at most per subscription. Default 4. */
        perSubscription?: number;
      };
      /**
       * Timeout of one HTTP attempt to Azure Resource Manager, as a
       * duration object (`{ seconds: 30 }`), an ISO 8601 duration string, or
       * milliseconds. Default 30 seconds. A timed-out attempt is retried.
       */
      requestTimeout?: HumanDuration | string | number;
      /**
       * Retries of one call after throttling (429/503 with `Retry-After`) or a
       * transient failure (5xx, 408, timeout, connection reset). Default 5.
       */
      retries?: number;
      /** How accounts are discovered. */
      discovery?: {
        /**
         * `resourceGraph` (default): one Azure Resource Graph query per batch
         * of subscriptions. `arm`: `accounts.list` per subscription.
         */
        mode?: 'resourceGraph' | 'arm';
        /** Subscriptions per Resource Graph query (1–1000). Default 200. */
        subscriptionBatchSize?: number;
      };
    };
  };
}
