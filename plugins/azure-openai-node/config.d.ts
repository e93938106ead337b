import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Settings of the Azure OpenAI golden path. */
  azureOpenAI?: {
    /**
     * The golden-path policy the platform team maintains: where, what and how developers may
     * provision, and what the audit holds every account to. Read by `readGoldenPathPolicy`,
     * which refuses a malformed block at backend start with the exact config path. Every field
     * is optional; a missing block means every default of `resolvePolicy`. Nothing here is
     * secret (ARM ids and names only).
     */
    goldenPath?: {
      /**
       * Subscription ids (GUIDs) the golden path may provision into. Empty or missing: any
       * subscription the provisioning identity can write to.
       */
      allowedSubscriptionIds?: string[];
      /**
       * Allowed Azure regions, as ARM location names in lower case (`westeurope`,
       * `swedencentral`). Empty or missing: any region.
       */
      allowedRegions?: string[];
      /**
       * Allowed model deployment SKU names, e.g. `Standard`, `DataZoneStandard`. Empty or
       * missing: any SKU the data-residency rule allows.
       */
      allowedDeploymentSkus?: string[];
      /** Approved models. Empty or missing: any model. */
      approvedModels?: Array<{
        /** Model name as in `properties.model.name`, e.g. `gpt-4.1`. */
        name: string;
        /** Approved versions, e.g. `2025-04-14`. Missing: any version of the model. */
        versions?: string[];
      }>;
      /**
       * Most capacity units (`sku.capacity`) one deployment may have, per deployment SKU name,
       * e.g. `{ Standard: 50 }`. Positive whole numbers.
       */
      capacityCaps?: { [sku: string]: number };
      /**
       * Where model deployments may process data. `none` (default): any deployment type.
       * `data-zone`: regional or data-zone deployments in `allowedDataZones`, no global or
       * developer deployments. `regional`: regional deployments only.
       */
      dataResidency?: 'none' | 'data-zone' | 'regional';
      /** Data zones allowed when `dataResidency` is `data-zone`: `EU`, `US` or `APAC`. */
      allowedDataZones?: Array<'EU' | 'US' | 'APAC'>;
      /** Whether accounts must encrypt with a customer-managed key. Default true. */
      requireCustomerManagedKeys?: boolean;
      /**
       * Principal object ids (GUIDs) allowed to hold Owner, Contributor or Cognitive Services
       * Contributor on an account.
       */
      privilegedPrincipalAllowlist?: string[];
      /**
       * Host names an account may reach when outbound access is restricted (data loss
       * prevention). Missing: the control asks for an attestation.
       */
      allowedOutboundFqdns?: string[];
      /** Tag keys every account must carry. */
      requiredTags?: string[];
      /**
       * Azure Policy definition (or initiative) ids that must be assigned and enforced. Missing:
       * the built-in set (network access, local auth, private link, diagnostics, managed
       * identity, Defender for AI); an empty list requires none.
       */
      requiredPolicyDefinitionIds?: string[];
      /** Deployment names allowed to use asynchronous (streaming) content filtering. */
      streamingModeExceptions?: string[];
      /** Deployment names allowed to use `versionUpgradeOption: NoAutoUpgrade`. */
      noAutoUpgradeExceptions?: string[];
      /** Warn when a deployed model retires within this many days. Default 60. */
      modelRetirementWarningDays?: number;
      /**
       * Control ids (from the control catalog) that may not be waived, in addition to the
       * controls marked non-waivable.
       */
      nonWaivableControls?: string[];
      /**
       * Control ids (from the control catalog) switched off for this organisation; they are
       * reported as not applicable.
       */
      disabledControls?: string[];
      /**
       * ARM id of the Log Analytics workspace the golden path sends diagnostics to
       * (`.../providers/Microsoft.OperationalInsights/workspaces/{name}`).
       */
      logAnalyticsWorkspaceId?: string;
      /**
       * ARM id of the Azure Monitor action group the golden path's metric alerts (content-safety
       * rejections, authentication failures) notify
       * (`.../providers/Microsoft.Insights/actionGroups/{name}`). Missing: no alerts are created
       * and the alerting controls fail on golden-path accounts.
       */
      alertActionGroupId?: string;
      /**
       * ARM id of the subnet for the private endpoints the golden path creates
       * (`.../providers/Microsoft.Network/virtualNetworks/{vnet}/subnets/{subnet}`), used for
       * regions not listed in `privateEndpointSubnetIdsByRegion`.
       */
      privateEndpointSubnetId?: string;
      /**
       * Subnet ARM id per region (a private endpoint must live in its virtual network's
       * region), e.g. `{ westeurope: '.../subnets/snet-private-endpoints' }`. Wins over
       * `privateEndpointSubnetId`.
       */
      privateEndpointSubnetIdsByRegion?: { [region: string]: string };
      /**
       * ARM ids of the private DNS zones (`.../providers/Microsoft.Network/privateDnsZones/
       * privatelink.openai.azure.com`) of the private endpoint's DNS zone group.
       */
      privateDnsZoneIds?: string[];
      /**
       * Content filter profiles developers choose from, keyed by name. Missing: `strict`
       * (Low, protected code and profanity blocked) and `standard` (Medium).
       */
      contentFilterProfiles?: {
        [name: string]: {
          /**
           * Severity threshold of the hate, sexual, violence and self-harm filters: `Low`
           * blocks the most. `High` is refused: it fails the golden path. Default `Medium`.
           */
          severityThreshold?: 'Low' | 'Medium';
          /** Block (not only annotate) protected code in completions. Default false. */
          blockProtectedMaterialCode?: boolean;
          /** Block profanity in prompts and completions. Default false. */
          blockProfanity?: boolean;
        };
      };
      /**
       * Role definition GUID granted to consumer identities. Default: Cognitive Services
       * OpenAI User (`5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`).
       */
      consumerRoleDefinitionId?: string;
      /** Tags stamped on every account the golden path creates (under the built-in tags). */
      stampTags?: { [name: string]: string };
      /**
       * The customer-managed key the golden path uses when the developer gives none, e.g. one
       * platform Key Vault key and a user-assigned identity that may read it.
       */
      defaultCustomerManagedKey?: {
        /** Key Vault URI, e.g. `https://kv-platform-prod.vault.azure.net/`. */
        keyVaultUri: string;
        /** Name of the key in the vault. */
        keyName: string;
        /** Key version (32 hex characters). Missing: the latest version (auto-rotation). */
        keyVersion?: string;
        /**
         * Identity that reads the key: `SystemAssigned`, or a user-assigned managed identity
         * (needed to encrypt at creation time).
         */
        identity:
          | 'SystemAssigned'
          | {
              /**
               * ARM id of the identity
               * (`.../providers/Microsoft.ManagedIdentity/userAssignedIdentities/{name}`).
               */
              resourceId: string;
              /** Client id (GUID) of the identity. */
              clientId: string;
            };
      };
      /**
       * Control ids (from the control catalog) the golden path must pass before it provisions.
       * Missing: every automated control that reads only account-level evidence the golden path
       * produces.
       */
      requiredControls?: string[];
    };
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
        /** Calls in flight at most, over all subscriptions. Default 32. */
        total?: number;
        /** Calls in flight at most per subscription. Default 8. */
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
