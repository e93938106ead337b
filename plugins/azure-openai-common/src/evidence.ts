/**
 * Why a piece of evidence could not be read.
 *
 * @remarks
 * `forbidden` (HTTP 403), `not-found` (HTTP 404), `timeout`, `error` (any other failure) and
 * `not-collected` (the collector did not try, for example an optional read that is switched off).
 *
 * @public
 */
export type AbsentReason =
  | 'forbidden'
  | 'not-found'
  | 'timeout'
  | 'error'
  | 'not-collected';

/**
 * One piece of evidence: either the raw ARM JSON body exactly as ARM returned it, or the reason it
 * is missing.
 *
 * @remarks
 * The value is deliberately `unknown`: the engine never trusts the shape and reports `unknown`
 * (with a reason) instead of throwing when the JSON is not what it expects.
 *
 * @public
 */
export type Evidence =
  | { state: 'present'; value: unknown }
  | { state: 'absent'; reason: AbsentReason; detail?: string };

/**
 * Evidence about one `Microsoft.CognitiveServices/accounts` resource.
 *
 * @remarks
 * List reads may be given either as the ARM list body (`{ "value": [...] }`) or as a bare array.
 * Missing properties are treated as `{ state: 'absent', reason: 'not-collected' }`.
 *
 * @public
 */
export interface AccountEvidence {
  /** `GET` on the account (embeds `properties.privateEndpointConnections`). */
  account?: Evidence;
  /** `deployments.list` for the account. */
  deployments?: Evidence;
  /** `raiPolicies.list` for the account. */
  raiPolicies?: Evidence;
  /** `diagnosticSettings.list` on the account's resource id. */
  diagnosticSettings?: Evidence;
  /** `roleAssignments.listForScope(accountId, atScope())`: assignments at or above the account. */
  roleAssignments?: Evidence;
  /** `privateDnsZoneGroups.list` for every private endpoint connected to the account, concatenated. */
  privateEndpointDnsZoneGroups?: Evidence;
  /** `privateLinkResources.list` for the account (gives `requiredZoneNames`). Optional. */
  privateLinkResources?: Evidence;
  /** `networkSecurityPerimeterConfigurations.list` for the account. */
  networkSecurityPerimeterConfigurations?: Evidence;
  /** `defenderForAISettings.list` (or `get('Default')`) for the account. */
  defenderForAISettings?: Evidence;
  /** `managementLocks.listAtResourceLevel` for the account (includes inherited locks). */
  locks?: Evidence;
  /** `accounts.listModels` for the account (model lifecycle and deprecation dates). Optional. */
  models?: Evidence;
  /**
   * Other accounts of the same workload (raw ARM account bodies, same shape as `account`), used by
   * the multi-region control. Optional.
   */
  workloadAccounts?: Evidence;
}

/**
 * Subscription-level evidence, read once per subscription and shared by every account in it.
 *
 * @public
 */
export interface SubscriptionEvidence {
  /** `diagnosticSettings.list('subscriptions/{id}')`: activity log export settings. */
  activityLogDiagnosticSettings?: Evidence;
  /** `metricAlerts.listBySubscription()`. */
  metricAlerts?: Evidence;
  /** `activityLogAlerts.listBySubscriptionId()`. */
  activityLogAlerts?: Evidence;
  /** `policyAssignments.list()` (assignments that apply to the subscription and below). */
  policyAssignments?: Evidence;
  /** `GET /subscriptions/{id}/providers/Microsoft.Security/pricings/AI` (api 2023-01-01). */
  defenderPricing?: Evidence;
  /** `deletedAccounts.list()`: soft-deleted Cognitive Services accounts of the subscription. */
  deletedAccounts?: Evidence;
}

/**
 * Every key of {@link AccountEvidence}, in the order the engine reads them. The engine treats a
 * key missing from the input as `absent: not-collected`.
 *
 * @public
 */
export const ACCOUNT_EVIDENCE_KEYS: readonly (keyof AccountEvidence)[] =
  Object.freeze([
    'account',
    'deployments',
    'raiPolicies',
    'diagnosticSettings',
    'roleAssignments',
    'privateEndpointDnsZoneGroups',
    'privateLinkResources',
    'networkSecurityPerimeterConfigurations',
    'defenderForAISettings',
    'locks',
    'models',
    'workloadAccounts',
  ] as const);

/**
 * Every key of {@link SubscriptionEvidence}, in the order the engine reads them. The engine treats
 * a key missing from the input as `absent: not-collected`.
 *
 * @public
 */
export const SUBSCRIPTION_EVIDENCE_KEYS: readonly (keyof SubscriptionEvidence)[] =
  Object.freeze([
    'activityLogDiagnosticSettings',
    'metricAlerts',
    'activityLogAlerts',
    'policyAssignments',
    'defenderPricing',
    'deletedAccounts',
  ] as const);

/**
 * Everything the engine reads for one account.
 *
 * @public
 */
export interface EvaluationInput {
  /** Evidence about the account and its child and extension resources. */
  account: AccountEvidence;
  /** Evidence about the account's subscription. */
  subscription?: SubscriptionEvidence;
}

/**
 * Builds a present evidence piece.
 *
 * @param value - the raw ARM JSON body
 * @public
 */
export function present(value: unknown): Evidence {
  return { state: 'present', value };
}

/**
 * Builds an absent evidence piece.
 *
 * @param reason - why the evidence is missing
 * @param detail - optional free text (for example the ARM error code)
 * @public
 */
export function absent(reason: AbsentReason, detail?: string): Evidence {
  return detail === undefined
    ? { state: 'absent', reason }
    : { state: 'absent', reason, detail };
}
