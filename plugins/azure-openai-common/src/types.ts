import type { AccountEvidence, SubscriptionEvidence } from './evidence';

/**
 * The seven areas of the seed article.
 *
 * @public
 */
export type ControlArea =
  | 'network'
  | 'identity'
  | 'data'
  | 'logging'
  | 'governance'
  | 'resilience'
  | 'service';

/**
 * Severity of a control; drives the score weight.
 *
 * @public
 */
export type Severity = 'critical' | 'high' | 'medium' | 'low';

/**
 * How a control is decided.
 *
 * @remarks
 * `automated`: fully from ARM evidence. `partial`: ARM evidence plus a human confirmation where
 * the evidence cannot decide. `attestation`: a human statement only.
 *
 * @public
 */
export type ControlKind = 'automated' | 'partial' | 'attestation';

/**
 * Names of the evidence pieces a control can read.
 *
 * @public
 */
export type EvidenceKey =
  | `account.${keyof AccountEvidence}`
  | `subscription.${keyof SubscriptionEvidence}`;

/**
 * The outcome of one control for one account.
 *
 * @public
 */
export type ControlStatus =
  | 'pass'
  | 'fail'
  | 'unknown'
  | 'not-applicable'
  | 'waived'
  | 'attested'
  | 'attestation-required';

/**
 * One observation a control made: where it looked, what it saw and what it wanted.
 *
 * @public
 */
export interface EvidenceRead {
  /** Evidence piece and JSON path, e.g. `account:properties.publicNetworkAccess`. */
  path: string;
  /** The value observed (JSON-compatible), or `undefined` when the field is missing. */
  observed?: unknown;
  /** What would pass, in words or as a value. */
  expected?: unknown;
}

/**
 * How to fix a failing control.
 *
 * @public
 */
export interface Remediation {
  /** Azure portal steps, one per entry. */
  portal: readonly string[];
  /** `az` CLI commands (placeholders in angle brackets). */
  cli: string;
  /** A Bicep snippet that makes the control pass. */
  bicep: string;
}

/**
 * Peer-tool mappings of a control.
 *
 * @public
 */
export interface ControlMappings {
  /** Azure Policy built-in definition GUIDs. */
  azurePolicy?: readonly string[];
  /** PSRule for Azure rule names with their refs, e.g. `Azure.AI.DisableLocalAuth (AZR-000282)`. */
  psrule?: readonly string[];
  /** Checkov check ids. */
  checkov?: readonly string[];
  /** Microsoft cloud security benchmark controls, e.g. `NS-2`. */
  mcsb?: readonly string[];
}

/**
 * A reference link.
 *
 * @public
 */
export interface ControlReference {
  /** Link text. */
  title: string;
  /** Absolute URL. */
  url: string;
}

/**
 * What a control's `evaluate` function returns before waivers and attestations are applied.
 *
 * @public
 */
export interface ControlOutcome {
  /** Raw status: `waived` and `attested` are decided by the engine, never by a control. */
  status:
    | 'pass'
    | 'fail'
    | 'unknown'
    | 'not-applicable'
    | 'attestation-required';
  /** A sentence a developer understands, with the observed values. */
  message: string;
  /** What was read. */
  evidence: readonly EvidenceRead[];
}

/**
 * A control: one file in `src/controls/<area>/`.
 *
 * @public
 */
export interface ControlDefinition {
  /** Stable id such as `AOAI-NET-002`. Never reused. */
  id: string;
  /** Area of the seed article. */
  area: ControlArea;
  /** The exact title of the seed practice this control implements (or is closest to, for extras). */
  practice: string;
  /** `seed` when the control implements the seed practice; `extra` for checks from §5 of the reference. */
  origin: 'seed' | 'extra';
  /** Short title. */
  title: string;
  /** Severity. */
  severity: Severity;
  /** How it is decided. */
  kind: ControlKind;
  /** When true, waivers are ignored for this control. */
  nonWaivable?: boolean;
  /** Evidence pieces read. Empty for pure attestations. */
  reads: readonly EvidenceKey[];
  /** Why it matters. */
  rationale: string;
  /** The pass condition in words. */
  passCondition: string;
  /** How to fix it. */
  remediation: Remediation;
  /** The seed's link and Microsoft Learn pages. */
  references: readonly ControlReference[];
  /** Peer-tool mappings, where they exist. */
  mappings: ControlMappings;
  /** Pure evaluation of the evidence. May throw on bizarre input: the engine contains it. */
  evaluate(input: ControlInput): ControlOutcome;
}

/**
 * What a control's `evaluate` receives.
 *
 * @public
 */
export interface ControlInput {
  /** Account evidence (missing pieces are filled with `not-collected`). */
  account: Required<AccountEvidence>;
  /** Subscription evidence (missing pieces are filled with `not-collected`). */
  subscription: Required<SubscriptionEvidence>;
  /** The golden-path policy with defaults applied. */
  policy: ResolvedGoldenPathPolicy;
  /** Evaluation time. */
  now: Date;
}

/**
 * Data residency requirement for model deployments.
 *
 * @remarks
 * `none`: any deployment type. `data-zone`: regional or data-zone deployments (whose zone matches
 * `allowedDataZones`), no global or developer deployments. `regional`: regional deployments only.
 *
 * @public
 */
export type DataResidency = 'none' | 'data-zone' | 'regional';

/**
 * An approved model (and optional pinned versions).
 *
 * @public
 */
export interface ApprovedModel {
  /** Model name as in `properties.model.name`, e.g. `gpt-4o`. */
  name: string;
  /** Approved versions; when omitted any version of the model is approved. */
  versions?: readonly string[];
}

/**
 * The golden-path policy a platform team sets (usually from `app-config.yaml`).
 *
 * @remarks
 * Every field is optional; {@link resolvePolicy} fills the defaults.
 *
 * @public
 */
export interface GoldenPathPolicy {
  /**
   * Subscription ids the golden path may provision into. Empty or missing: any subscription the
   * provisioning identity can write to.
   */
  allowedSubscriptionIds?: readonly string[];
  /** Allowed Azure regions (ARM `location` names, e.g. `westeurope`). Empty or missing: any region. */
  allowedRegions?: readonly string[];
  /** Allowed deployment SKU names. Empty or missing: any SKU allowed by residency. */
  allowedDeploymentSkus?: readonly string[];
  /** Approved models. Empty or missing: any model. */
  approvedModels?: readonly ApprovedModel[];
  /** Capacity cap per deployment SKU name (units of `sku.capacity`). */
  capacityCaps?: Readonly<Record<string, number>>;
  /** Data residency requirement. Default `none`. */
  dataResidency?: DataResidency;
  /** Data zones allowed when `dataResidency` is `data-zone`: `EU`, `US`, `APAC`. */
  allowedDataZones?: readonly string[];
  /** Whether customer-managed keys are required. Default `true`. */
  requireCustomerManagedKeys?: boolean;
  /** Principal object ids allowed to hold Owner / Contributor / Cognitive Services Contributor. */
  privilegedPrincipalAllowlist?: readonly string[];
  /** FQDNs an account may reach when outbound access is restricted (DLP). Missing: confirm by attestation. */
  allowedOutboundFqdns?: readonly string[];
  /** Tag keys every account must carry. */
  requiredTags?: readonly string[];
  /** Azure Policy definition (or initiative) GUIDs that must be assigned and enforced. */
  requiredPolicyDefinitionIds?: readonly string[];
  /** Deployment names allowed to use asynchronous (streaming) content filtering. */
  streamingModeExceptions?: readonly string[];
  /** Deployment names allowed to use `versionUpgradeOption: NoAutoUpgrade`. */
  noAutoUpgradeExceptions?: readonly string[];
  /** Warn when a deployed model retires within this many days. Default 60. */
  modelRetirementWarningDays?: number;
  /** Control ids that must not be waived, in addition to controls marked non-waivable. */
  nonWaivableControls?: readonly string[];
  /** Control ids switched off for this organisation (reported as not-applicable). */
  disabledControls?: readonly string[];
  /**
   * Log Analytics workspace ARM id the golden-path builder sends diagnostics to. Empty or
   * missing: not configured (the builder's pre-flight reports it).
   */
  logAnalyticsWorkspaceId?: string;
  /** Subnet ARM id for the private endpoints the golden-path builder creates. */
  privateEndpointSubnetId?: string;
  /**
   * Subnet ARM id per region (a private endpoint lives in its virtual network's region). A region
   * listed here wins over `privateEndpointSubnetId`.
   */
  privateEndpointSubnetIdsByRegion?: Readonly<Record<string, string>>;
  /** Private DNS zone ARM ids (e.g. of `privatelink.openai.azure.com`) for the DNS zone group. */
  privateDnsZoneIds?: readonly string[];
  /**
   * Content filter profiles developers choose from, keyed by name (for example `strict` and
   * `standard`). Missing or empty: {@link DEFAULT_CONTENT_FILTER_PROFILES}.
   */
  contentFilterProfiles?: Readonly<Record<string, ContentFilterProfile>>;
  /**
   * Role definition GUID granted to consumer identities. Default: Cognitive Services OpenAI User
   * (`5e0bd9bd-7b93-4f28-af87-19fc36ad61bd`).
   */
  consumerRoleDefinitionId?: string;
  /**
   * Azure Monitor action group ARM id the golden path's metric alerts notify (content-safety
   * rejections and authentication failures). Missing: no alerts are created, and the alerting
   * controls (AOAI-LOG-002, AOAI-LOG-006) fail on golden-path accounts.
   */
  alertActionGroupId?: string;
  /** Tags the golden-path builder stamps on every account (merged under the built-in tags). */
  stampTags?: Readonly<Record<string, string>>;
  /**
   * Customer-managed key settings the golden path uses when the developer gives none (for
   * example one platform Key Vault key and a user-assigned identity that may read it).
   */
  defaultCustomerManagedKey?: GoldenPathCustomerManagedKey;
  /**
   * Control ids the golden path requires before provisioning. Empty or missing: every automated
   * control that reads only account-level evidence the builder produces.
   */
  requiredControls?: readonly string[];
}

/**
 * A content filter (RAI policy) profile of the golden path.
 *
 * @remarks
 * The builder always adds blocking prompt shields (jailbreak, indirect attack) and protected
 * material detection; the profile chooses how strict the harm filters are.
 *
 * @public
 */
export interface ContentFilterProfile {
  /**
   * Severity threshold of the hate, sexual, violence and self-harm filters (prompt and
   * completion): `Low` blocks the most. `High` does not meet the golden path (pre-flight blocks
   * it). Default `Medium`.
   */
  severityThreshold?: 'Low' | 'Medium' | 'High';
  /** Block (not only annotate) protected code in completions. Default `false`. */
  blockProtectedMaterialCode?: boolean;
  /** Block profanity in prompts and completions. Default `false`. */
  blockProfanity?: boolean;
}

/**
 * Built-in content filter profiles, used when the policy declares none: `strict` (harm filters at
 * `Low`, protected code blocked, profanity blocked) and `standard` (harm filters at `Medium`).
 *
 * @public
 */
export const DEFAULT_CONTENT_FILTER_PROFILES: Readonly<
  Record<string, ContentFilterProfile>
> = Object.freeze({
  strict: Object.freeze({
    severityThreshold: 'Low',
    blockProtectedMaterialCode: true,
    blockProfanity: true,
  }),
  standard: Object.freeze({ severityThreshold: 'Medium' }),
});

/**
 * The golden-path policy with every default filled in.
 *
 * @public
 */
export type ResolvedGoldenPathPolicy = {
  readonly [K in Exclude<
    keyof GoldenPathPolicy,
    'defaultCustomerManagedKey'
  >]-?: NonNullable<GoldenPathPolicy[K]>;
} & {
  readonly defaultCustomerManagedKey?: GoldenPathCustomerManagedKey;
};

/**
 * Customer-managed key settings of an Azure OpenAI account.
 *
 * @public
 */
export interface GoldenPathCustomerManagedKey {
  /** Key Vault URI, e.g. `https://kv-payments.vault.azure.net/`. */
  keyVaultUri: string;
  /** Key name. */
  keyName: string;
  /** Key version; omitted means the latest version is used (auto-rotation). */
  keyVersion?: string;
  /**
   * The identity that reads the key: `SystemAssigned`, or a user-assigned managed identity (its
   * ARM id and client id). A user-assigned identity is needed to encrypt at creation time.
   */
  identity: 'SystemAssigned' | { resourceId: string; clientId: string };
}

/**
 * An accepted risk for one control on one account, for a limited time.
 *
 * @public
 */
export interface Waiver {
  /** Control id. */
  controlId: string;
  /** ARM id of the account (case-insensitive), or `*` for every account the caller passes it for. */
  resourceId: string;
  /** Why the risk is accepted. */
  reason: string;
  /** Who approved it. */
  approvedBy: string;
  /** ISO 8601 instant after which the waiver no longer applies. */
  expiresAt: string;
}

/**
 * A human statement that a manual control is met.
 *
 * @public
 */
export interface Attestation {
  /** Control id. */
  controlId: string;
  /** ARM id of the account (case-insensitive), or `*`. */
  resourceId: string;
  /** Who made the statement. */
  author: string;
  /** Link to the evidence (runbook, review, test record). */
  evidenceUrl: string;
  /** The statement itself. */
  statement: string;
  /** ISO 8601 instant after which the attestation no longer applies. */
  expiresAt: string;
}

/**
 * Context of an evaluation.
 *
 * @public
 */
export interface EvaluationContext {
  /** Golden-path policy. */
  policy?: GoldenPathPolicy;
  /** Waivers (expired and foreign ones are ignored). */
  waivers?: readonly Waiver[];
  /** Attestations (expired, incomplete and foreign ones are ignored). */
  attestations?: readonly Attestation[];
  /** Evaluation time. */
  now: Date;
  /**
   * How waived controls count in the score: `excluded` (default; left out like not-applicable),
   * `pass` (count as passing) or `fail` (count as failing: a waiver hides nothing from the grade).
   */
  waivedScoring?: 'excluded' | 'pass' | 'fail';
  /** Restrict to these control ids (default: the whole catalog). */
  controlIds?: readonly string[];
}

/**
 * The result of one control for one account.
 *
 * @public
 */
export interface ControlResult {
  /** Control id. */
  controlId: string;
  /** Area. */
  area: ControlArea;
  /** Severity. */
  severity: Severity;
  /** Final status after waivers and attestations. */
  status: ControlStatus;
  /** Status the evidence alone produced (before waivers/attestations). */
  evidenceStatus: ControlOutcome['status'];
  /** Sentence a developer understands. */
  message: string;
  /** What was read. */
  evidence: readonly EvidenceRead[];
  /** How to fix it (always present; useful for fail, unknown and attestation-required). */
  remediation: Remediation;
  /** The waiver that applied, if any. */
  waiver?: Waiver;
  /** The attestation that applied, if any. */
  attestation?: Attestation;
}

/**
 * The evaluation of one account.
 *
 * @public
 */
export interface AccountEvaluation {
  /** ARM id of the account, when readable. */
  resourceId?: string;
  /** Results, in catalog order. */
  results: readonly ControlResult[];
  /** Score and grade. */
  score: PostureScore;
  /** Evaluation time (ISO 8601). */
  evaluatedAt: string;
}

/**
 * Letter grade.
 *
 * @public
 */
export type Grade = 'A' | 'B' | 'C' | 'D' | 'F';

/**
 * Severity-weighted score of a set of results.
 *
 * @public
 */
export interface PostureScore {
  /** 0–100, one decimal place. 100 when no control is scored (see `scoredWeight`). */
  score: number;
  /** Letter grade after the critical-failure cap. */
  grade: Grade;
  /** Sum of weights of pass and attested results. */
  earnedWeight: number;
  /** Sum of weights of scored results (pass, attested, fail, unknown, attestation-required). */
  scoredWeight: number;
  /** True when a failing critical control capped the grade. */
  capped: boolean;
  /** Count of results per status. */
  counts: Readonly<Record<ControlStatus, number>>;
}
