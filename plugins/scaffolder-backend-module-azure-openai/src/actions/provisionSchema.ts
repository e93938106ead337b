import type { z as zod } from 'zod/v3';

type Z = typeof zod;

/** One model deployment, as both golden-path actions take it. */
export const deploymentSchema = (z: Z) =>
  z.object({
    name: z
      .string()
      .describe(
        'Deployment name: 2–64 letters, digits, "-", "_" or "." (callers use it in the URL).',
      ),
    model: z.string().describe('Model name, e.g. gpt-4.1.'),
    version: z.string().describe('Model version, pinned, e.g. 2025-04-14.'),
    sku: z
      .string()
      .describe(
        'Deployment SKU, e.g. DataZoneStandard (the policy decides which are allowed).',
      ),
    capacity: z
      .number()
      .int()
      .min(1)
      .describe(
        'Capacity in thousands of tokens per minute (Standard SKUs); capped per SKU by the policy.',
      ),
  });

/** Inputs of `azure:openai:provision` (function form, as the scaffolder converts it). */
export const provisionInputSchema = (z: Z) =>
  z.object({
    accountName: z
      .string()
      .describe(
        'Account name, also the custom subdomain: 2–64 letters, digits and hyphens.',
      ),
    customSubDomainName: z
      .string()
      .optional()
      .describe(
        'Custom subdomain; default: the account name. Globally unique.',
      ),
    subscriptionId: z
      .string()
      .optional()
      .describe(
        'Subscription id; default: the first of the golden-path policy’s allowedSubscriptionIds.',
      ),
    resourceGroup: z.string().describe('Existing resource group name.'),
    region: z.string().describe('Azure region, e.g. swedencentral.'),
    owner: z
      .string()
      .describe('Owner entity ref, e.g. group:default/team-chat.'),
    system: z.string().describe('System the account belongs to.'),
    deployments: z
      .array(deploymentSchema(z))
      .min(1)
      .describe('Model deployments, created one at a time.'),
    contentFilterProfile: z
      .string()
      .describe(
        'Content filter profile of the golden-path policy, e.g. strict or standard.',
      ),
    consumerPrincipalIds: z
      .array(z.string())
      .optional()
      .describe(
        'Object ids of the application identities that call the models; each gets the consumer role (keyless access).',
      ),
    customerManagedKey: z
      .object({
        keyVaultUri: z.string(),
        keyName: z.string(),
        keyVersion: z.string().optional(),
        identity: z.union([
          z.literal('SystemAssigned'),
          z.object({ resourceId: z.string(), clientId: z.string() }),
        ]),
      })
      .optional()
      .describe(
        'Customer-managed key; default: the policy’s defaultCustomerManagedKey.',
      ),
    tags: z
      .record(z.string())
      .optional()
      .describe('Extra tags; the golden-path tags win on conflict.'),
    iacPath: z
      .string()
      .optional()
      .describe(
        'Workspace path to write the ARM deployment template of what is provisioned to, e.g. infra/azure-openai.deploy.json (for the repository the template publishes).',
      ),
    onSoftDeleted: z
      .enum(['fail', 'restore'])
      .optional()
      .describe(
        'When an account of this name is soft-deleted: fail with the fix (default) or restore it.',
      ),
  });

/** Outputs of `azure:openai:provision`. */
export const provisionOutputSchema = (z: Z) =>
  z.object({
    accountId: z.string().describe('ARM id of the account.'),
    endpoint: z
      .string()
      .describe('Endpoint, https://<subdomain>.openai.azure.com/.'),
    deployments: z
      .array(
        z.object({
          name: z.string(),
          model: z.string(),
          version: z.string(),
          sku: z.string(),
          capacity: z.number(),
        }),
      )
      .describe('The model deployments.'),
    principalId: z
      .string()
      .optional()
      .describe('Object id of the account’s system-assigned identity.'),
    privateEndpointId: z.string().describe('ARM id of the private endpoint.'),
    grade: z
      .string()
      .optional()
      .describe('Posture grade after provisioning (not on dry run).'),
    score: z.number().optional().describe('Posture score 0–100.'),
    portalUrl: z.string().describe('Azure portal link of the account.'),
    entityRef: z
      .string()
      .describe(
        'Catalog entity the account appears as, e.g. resource:default/<name>.',
      ),
    changes: z
      .array(
        z.object({
          step: z.string(),
          resourceId: z.string(),
          outcome: z.string(),
        }),
      )
      .describe(
        'What each step did (created, updated, unchanged) or would do on a dry run.',
      ),
  });
