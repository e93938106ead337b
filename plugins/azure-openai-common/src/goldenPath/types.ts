import type { EvaluationInput } from '../evidence';
import type { AccountEvaluation, GoldenPathCustomerManagedKey } from '../types';

/**
 * One model deployment a developer asks for.
 *
 * @public
 */
export interface ProvisionDeploymentInput {
  /** Deployment name (1–64 characters: letters, digits, `-`, `_`, `.`). */
  name: string;
  /** Model name, e.g. `gpt-4o`. */
  model: string;
  /** Model version, e.g. `2024-11-20`. Always pinned. */
  version: string;
  /** Deployment SKU, e.g. `Standard`, `DataZoneStandard`, `GlobalStandard`. */
  sku: string;
  /** Capacity in units of `sku.capacity` (thousands of tokens per minute for Standard SKUs). */
  capacity: number;
}

/**
 * Customer-managed key settings for the account.
 *
 * @public
 */
export type ProvisionCustomerManagedKey = GoldenPathCustomerManagedKey;

/**
 * What a developer asks the golden path to provision (the scaffolder action's inputs).
 *
 * @public
 */
export interface ProvisionInputs {
  /** Account name, also used as the custom subdomain (2–64 characters). */
  accountName: string;
  /** Custom subdomain; defaults to `accountName`. Globally unique, cannot change later. */
  customSubDomainName?: string;
  /** Subscription id (GUID). */
  subscriptionId: string;
  /** Resource group name. */
  resourceGroup: string;
  /** ARM region name, e.g. `westeurope`. */
  region: string;
  /** Owner entity ref, e.g. `group:default/team-payments`. */
  owner: string;
  /** System entity ref or name, e.g. `payments`. */
  system: string;
  /** Model deployments. */
  deployments: readonly ProvisionDeploymentInput[];
  /** Name of a content filter profile of the policy, e.g. `strict`. */
  contentFilterProfile: string;
  /** Object ids of the application identities that call the models (get the consumer role). */
  consumerPrincipalIds?: readonly string[];
  /**
   * Customer-managed key settings. When omitted, the policy's `defaultCustomerManagedKey` is used;
   * one of the two is required when the policy requires CMK.
   */
  customerManagedKey?: ProvisionCustomerManagedKey;
  /** Extra tags (the golden-path tags win on conflict). */
  tags?: Readonly<Record<string, string>>;
}

/**
 * A problem with the inputs or the policy, phrased for the developer.
 *
 * @public
 */
export interface ProvisionProblem {
  /** Input field path, e.g. `deployments[0].sku`, or `policy.<field>` for a platform gap. */
  field: string;
  /** What is wrong, with the observed value. */
  message: string;
  /** The allowed values, when there is a list. */
  allowed?: readonly string[];
  /** How to fix it. */
  fix: string;
}

/**
 * A JSON object as ARM accepts it.
 *
 * @public
 */
export type ArmBody = { readonly [key: string]: unknown };

/**
 * One ARM write: the resource id (`PUT {id}?api-version={apiVersion}`) and its request body.
 *
 * @public
 */
export interface ArmResourceRequest {
  /** ARM resource id. */
  id: string;
  /** Resource name (last segment of the id). */
  name: string;
  /** ARM resource type. */
  type: string;
  /** The api-version the body is written for. */
  apiVersion: string;
  /** Request body. */
  body: ArmBody;
}

/**
 * Everything the golden path writes for one account, in Azure's required apply order.
 *
 * @public
 */
export interface DesiredState {
  /** `Microsoft.CognitiveServices/accounts`. */
  account: ArmResourceRequest;
  /** `Microsoft.CognitiveServices/accounts/raiPolicies`. */
  raiPolicy: ArmResourceRequest;
  /** `Microsoft.CognitiveServices/accounts/deployments`, to be created one at a time. */
  deployments: readonly ArmResourceRequest[];
  /** `Microsoft.Network/privateEndpoints` (group id `account`). */
  privateEndpoint: ArmResourceRequest;
  /** `Microsoft.Network/privateEndpoints/privateDnsZoneGroups`. */
  privateDnsZoneGroup: ArmResourceRequest;
  /** `Microsoft.Insights/diagnosticSettings` on the account. */
  diagnosticSettings: ArmResourceRequest;
  /** `Microsoft.CognitiveServices/accounts/defenderForAISettings` (`Default`, enabled). */
  defenderForAISettings: ArmResourceRequest;
  /**
   * `Microsoft.Insights/metricAlerts` on content-safety rejections and authentication failures,
   * notifying the policy's action group (none without `alertActionGroupId`).
   */
  metricAlerts: readonly ArmResourceRequest[];
  /** `Microsoft.Authorization/roleAssignments` at the account scope (deterministic GUID names). */
  roleAssignments: readonly ArmResourceRequest[];
  /** `Microsoft.Authorization/locks` (`CanNotDelete`) on the account. */
  lock: ArmResourceRequest;
}

/**
 * A required control the desired state would fail, with the inputs that cause it.
 *
 * @public
 */
export interface BlockingControl {
  /** Control id. */
  controlId: string;
  /** Control title. */
  title: string;
  /** The control's message about the desired state. */
  message: string;
  /** Input fields (as in {@link ProvisionProblem.field}) that cause the failure. */
  inputs: readonly string[];
}

/**
 * The result of {@link preflight}.
 *
 * @public
 */
export interface PreflightResult {
  /** True when there is no problem and no required control blocks. Only then may anything be written. */
  ok: boolean;
  /** Input and policy problems. */
  problems: readonly ProvisionProblem[];
  /** The desired state (built even when there are problems, so it can be shown). */
  desiredState: DesiredState;
  /** The evidence the desired state would produce once applied. */
  evidence: EvaluationInput;
  /** The evaluation of that evidence by the control catalog. */
  evaluation: AccountEvaluation;
  /** The control ids pre-flight required. */
  requiredControls: readonly string[];
  /** Required controls that do not pass (status other than pass or not-applicable). */
  blocking: readonly BlockingControl[];
}
