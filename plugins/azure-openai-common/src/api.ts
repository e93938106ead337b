// Wire model of the audit plugin's HTTP API (`/api/azure-openai`), shared by the backend that
// sends it and the frontend that reads it. The contract is the backend's OpenAPI document
// (`plugins/azure-openai-backend/src/schema/openapi.yaml`); keep the two in step.
import type { AggregatePosture } from './engine/scoring';
import type { ProvisionInputs } from './goldenPath/types';
import type {
  ControlResult,
  ControlStatus,
  GoldenPathPolicy,
  Grade,
  Severity,
} from './types';

/**
 * An Azure OpenAI account as the audit API returns it.
 *
 * @public
 */
export interface AzureOpenAIAccount {
  /** Opaque id (32 hex characters) usable in URLs. */
  id: string;
  /** ARM id of the account. */
  resourceId: string;
  /** Subscription id (uuid). */
  subscriptionId: string;
  /** Resource group name. */
  resourceGroup: string;
  /** Account name. */
  name: string;
  /** Azure region, e.g. `swedencentral`. */
  location?: string;
  /** `OpenAI` or `AIServices`. */
  kind?: string;
  /** The account's tags. */
  tags: Record<string, string>;
  /** Owner entity ref, when known. */
  owner?: string;
  /** System entity ref, when known. */
  system?: string;
  /** When the audit first saw the account (ISO 8601). */
  firstSeenAt: string;
  /** When a scan last saw the account (ISO 8601). */
  lastSeenAt: string;
  /** True when a complete fleet scan no longer found the account. */
  deleted: boolean;
  /** When the account was marked deleted (ISO 8601). */
  deletedAt?: string;
}

/**
 * A control whose status changed between two evaluations.
 *
 * @public
 */
export interface PostureChange {
  /** The control's id. */
  controlId: string;
  /** Status in the previous result. */
  from: ControlStatus;
  /** Status in this result. */
  to: ControlStatus;
}

/**
 * Changes of an account's posture against its previous result.
 *
 * @public
 */
export interface PostureDiff {
  /** The result compared against. */
  previousResultId: string;
  /** Its score. */
  previousScore: number;
  /** Its grade. */
  previousGrade: Grade;
  /** True when the grade got worse. */
  gradeRegressed: boolean;
  /** Controls that were fine before (pass, attested, waived, not-applicable) and now fail or are unknown. */
  regressions: PostureChange[];
  /** Controls that failed or were unknown before and are fine now. */
  improvements: PostureChange[];
}

/**
 * Summary of one evaluation (without the control results).
 *
 * @public
 */
export interface PostureSummary {
  /** Id of this result. */
  resultId: string;
  /** The scan that produced it. */
  scanId: string;
  /** When it was evaluated (ISO 8601). */
  evaluatedAt: string;
  /** `error` when evidence collection failed as a whole (controls are then `unknown`). */
  status: 'ok' | 'error';
  /** Why evidence collection failed (only when `status` is `error`). */
  error?: string;
  /** Severity-weighted score, 0 to 100. */
  score: number;
  /** Grade from the score, capped when a critical control fails. */
  grade: Grade;
  /** True when a failing critical control capped the grade. */
  capped: boolean;
  /** Sum of the weights of the controls that count as passed. */
  earnedWeight: number;
  /** Sum of the weights of the controls that count in the score. */
  scoredWeight: number;
  /** Number of controls per status. */
  counts: Record<ControlStatus, number>;
  /** Changes against the account's previous result; absent for the first one. */
  diff?: PostureDiff;
}

/**
 * One evaluation with its control results and evidence.
 *
 * @public
 */
export interface PostureRecord extends PostureSummary {
  /** Every control's result, with its evidence. */
  results: ControlResult[];
}

/**
 * One account linked to an entity, with its latest posture.
 *
 * @public
 */
export interface LinkedAccountPosture {
  /** The account. */
  account: AzureOpenAIAccount;
  /** Entity refs through which the account is linked. */
  linkedBy: string[];
  /** Its latest posture. */
  posture: PostureRecord;
}

/**
 * Posture of a catalog entity: the aggregate over its accounts and each account's latest result
 * (`GET /entities/{kind}/{namespace}/{name}/posture`).
 *
 * @public
 */
export interface EntityPosture {
  /** The entity, e.g. `component:default/search-api`. */
  entityRef: string;
  /** Aggregate over the scanned accounts; absent when none of them has been scanned. */
  aggregate?: AggregatePosture;
  /** Each scanned account linked to the entity. */
  accounts: LinkedAccountPosture[];
  /** Linked ARM ids that have no stored posture yet (never scanned). */
  unscanned: Array<{ resourceId: string; linkedBy: string[] }>;
}

/**
 * Latest posture of one account, with control results and evidence
 * (`GET /accounts/{accountId}/posture`).
 *
 * @public
 */
export interface AccountPosture {
  /** The account. */
  account: AzureOpenAIAccount;
  /** Its latest posture. */
  posture: PostureRecord;
}

/**
 * Past evaluations of an account, newest first (`GET /accounts/{accountId}/history`).
 *
 * @public
 */
export interface AccountHistory {
  /** The account. */
  account: AzureOpenAIAccount;
  /** Its evaluations, newest first. */
  items: PostureSummary[];
}

/**
 * Whether an account has a stored posture: `never-scanned` accounts were discovered but no scan
 * has stored a result for them yet.
 *
 * @public
 */
export type FleetScanState = 'scanned' | 'never-scanned';

/**
 * Latest posture of an account, as the fleet lists it.
 *
 * @public
 */
export interface FleetItem {
  /** The account. */
  account: AzureOpenAIAccount;
  /** `never-scanned` when the account has no stored result yet; `latest` is then absent. */
  scanState: FleetScanState;
  /** Summary of its latest result. */
  latest?: {
    resultId: string;
    scanId: string;
    evaluatedAt: string;
    status: 'ok' | 'error';
    score: number;
    grade: Grade;
    capped: boolean;
    /** Controls with status `fail`. */
    failingCount: number;
    /** Controls with status `unknown`. */
    unknownCount: number;
    /** Controls with status `fail`, per severity; the four counts add up to `failingCount`. */
    failingBySeverity: FailingBySeverity;
  };
  /**
   * Present when the account came through the golden path (a provenance record from
   * `azure:openai:provision`, or its provenance tags); absent for accounts made outside it.
   */
  goldenPath?: GoldenPathProvenance;
}

/**
 * Number of failing controls per severity.
 *
 * @public
 */
export interface FailingBySeverity {
  /** Failing critical controls. */
  critical: number;
  /** Failing high controls. */
  high: number;
  /** Failing medium controls. */
  medium: number;
  /** Failing low controls. */
  low: number;
}

/**
 * Sortable fleet columns.
 *
 * @public
 */
export type FleetSortField = 'score' | 'grade' | 'name' | 'evaluatedAt';

/**
 * Query parameters of `GET /fleet`: filters (combined with AND), sorting and paging. Every field
 * is optional; the backend applies the defaults (`sort=score`, `order=asc`, `limit=50`).
 *
 * @public
 */
export interface FleetQuery {
  /** Owner entity ref. */
  owner?: string;
  /** System entity ref. */
  system?: string;
  /** One or more grades (sent comma separated). */
  grade?: Grade[];
  /** Only accounts where this control fails. */
  failingControl?: string;
  /** Only accounts with at least one failing control of this severity. */
  severity?: Severity;
  /** Subscription id (uuid). */
  subscription?: string;
  /** Also list accounts marked deleted. Default `false`. */
  includeDeleted?: boolean;
  /** Only scanned accounts, or only accounts without a stored result. Default: both. */
  scanState?: FleetScanState;
  /** Only accounts that came through the golden path (`true`) or only the others (`false`). */
  goldenPath?: boolean;
  /** Column to sort by. Default `score`. */
  sort?: FleetSortField;
  /** Sort order. Default `asc`. */
  order?: 'asc' | 'desc';
  /** Page size, 1 to 500. */
  limit?: number;
  /** Opaque cursor from a previous page's `nextCursor` (same sort and order). */
  cursor?: string;
}

/**
 * One page of the fleet (`GET /fleet`).
 *
 * @public
 */
export interface FleetPage {
  /** The accounts of this page. */
  items: FleetItem[];
  /** Accounts matching the filters, over every page. */
  totalCount: number;
  /** Pass as `cursor` for the next page; absent on the last. */
  nextCursor?: string;
}

/**
 * Roll-up of a group of accounts.
 *
 * @public
 */
export interface FleetGroupSummary {
  /** Accounts in the group. */
  accountCount: number;
  /** Pooled score over the group's accounts (100 when nothing is scored). */
  score: number;
  /** The worst grade in the group. */
  worstGrade: Grade;
  /** Accounts per grade. */
  grades: Record<Grade, number>;
  /** Sum of the earned weights (for pooling groups further). */
  earnedWeight: number;
  /** Sum of the scored weights (for pooling groups further). */
  scoredWeight: number;
}

/**
 * A group's roll-up over its own accounts and those of every group below it.
 *
 * @public
 */
export type FleetNestedOwnerSummary = FleetGroupSummary & {
  owner: string;
  /** Groups below this one (transitively) that own accounts. */
  descendantOwners: string[];
};

/**
 * Fleet roll-ups by owner, nested owner, system and control (`GET /fleet/summary`).
 *
 * @public
 */
export interface FleetSummary {
  /** The whole fleet. */
  total: FleetGroupSummary;
  /** Per owner entity ref (`null`: accounts without an owner). */
  byOwner: Array<FleetGroupSummary & { owner: string | null }>;
  /** Each group with the accounts of every group below it (`childOf` hierarchy of the catalog). */
  byOwnerNested: FleetNestedOwnerSummary[];
  /** Per system entity ref (`null`: accounts without a system). */
  bySystem: Array<FleetGroupSummary & { system: string | null }>;
  /** Per control: accounts where it fails or is unknown. */
  byControl: Array<{
    controlId: string;
    severity: Severity;
    failing: number;
    unknown: number;
  }>;
}

/**
 * What started a scan.
 *
 * @public
 */
export type ScanTrigger = 'schedule' | 'manual';

/**
 * Lifecycle state of a scan.
 *
 * @public
 */
export type ScanStatus = 'queued' | 'running' | 'completed' | 'failed';

/**
 * What a scan covers.
 *
 * @public
 */
export type ScanTarget =
  | { type: 'fleet' }
  | { type: 'accounts'; resourceIds: string[]; entityRef?: string };

/**
 * A scan and its progress.
 *
 * @public
 */
export interface Scan {
  /** Scan id. */
  id: string;
  /** What started it. */
  trigger: ScanTrigger;
  /** User entity ref of whoever requested a manual scan. */
  requestedBy?: string;
  /** What it covers. */
  target: ScanTarget;
  /** Where it is in its life cycle. */
  status: ScanStatus;
  /** When it was requested (ISO 8601). */
  createdAt: string;
  /** When it started running (ISO 8601). */
  startedAt?: string;
  /** When it completed or failed (ISO 8601). */
  finishedAt?: string;
  /** Accounts discovered so far. */
  accountsTotal: number;
  /** Accounts evaluated and stored so far. */
  accountsDone: number;
  /** Accounts whose evidence collection failed as a whole (they are stored with status `error`). */
  accountsFailed: number;
  /** Why the scan failed (only when `status` is `failed`). */
  error?: string;
}

/**
 * Body of `POST /scans`: an entity's accounts or one account (opaque id or ARM id).
 *
 * @public
 */
export type ScanRequest = { entityRef: string } | { accountId: string };

/**
 * A content filter profile as the template form shows it.
 *
 * @public
 */
export interface GoldenPathContentFilterProfileOption {
  /** Profile name, the value of the provisioning input `contentFilterProfile`. */
  name: string;
  /** Severity threshold of the harm filters (`Low` blocks the most). */
  severityThreshold: 'Low' | 'Medium' | 'High';
  /** Whether protected code in completions is blocked. */
  blockProtectedMaterialCode: boolean;
  /** Whether profanity is blocked. */
  blockProfanity: boolean;
}

/**
 * An approved model and the versions a deployment may pin.
 *
 * @public
 */
export interface GoldenPathModelOption {
  /** Model name, e.g. `gpt-4o`. */
  name: string;
  /** Approved versions; empty means any version the region offers. */
  versions: string[];
}

/**
 * Body of `GET /golden-path/options`: the choices the golden-path policy allows, for template
 * forms. Empty lists mean "not restricted by the policy".
 *
 * @public
 */
export interface GoldenPathOptions {
  /** Subscriptions the golden path provisions into. */
  subscriptions: string[];
  /** Allowed regions. */
  regions: string[];
  /** Approved models with versions. */
  models: GoldenPathModelOption[];
  /** Allowed deployment SKUs (already filtered by the data-residency rule). */
  deploymentSkus: string[];
  /** Capacity cap per deployment SKU. */
  capacityCaps: Record<string, number>;
  /** Data residency rule: `none`, `data-zone` or `regional`. */
  dataResidency: 'none' | 'data-zone' | 'regional';
  /** Data zones allowed when `dataResidency` is `data-zone`. */
  allowedDataZones: string[];
  /** Content filter profiles, sorted by name. */
  contentFilterProfiles: GoldenPathContentFilterProfileOption[];
  /** Whether the policy requires a customer-managed key (the form must then ask for one). */
  requiresCustomerManagedKey: boolean;
  /** Content hash of the effective policy (changes whenever the policy does). */
  policyVersion: string;
}

/**
 * What a waiver or an attestation applies to: one account, or every account of an entity.
 *
 * @public
 */
export type GovernanceScope =
  | { type: 'account'; resourceId: string }
  | { type: 'entity'; entityRef: string };

/**
 * Life cycle of a waiver: requested by an owner, then approved or rejected by an approver (never
 * the requester); an approved waiver is `expired` once `expiresAt` has passed, or `revoked`.
 *
 * @public
 */
export type WaiverStatus =
  | 'requested'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'revoked';

/**
 * A waiver: an accepted risk for one control, for a limited time.
 *
 * @public
 */
export interface WaiverRecord {
  /** Waiver id. */
  id: string;
  /** The waived control. */
  controlId: string;
  /** The account or entity it applies to. */
  scope: GovernanceScope;
  /** Why the control cannot pass now. */
  reason: string;
  /** The risk accepted, in the requester's words. */
  riskAccepted: string;
  /** What mitigates the risk meanwhile. */
  compensatingControl: string;
  /** ISO 8601 instant after which the waiver no longer applies. */
  expiresAt: string;
  /** Where it is in its life cycle. */
  status: WaiverStatus;
  /** User entity ref. */
  requestedBy: string;
  /** When it was requested (ISO 8601). */
  requestedAt: string;
  /** User entity ref of the approver or rejecter. */
  decidedBy?: string;
  /** When it was approved or rejected (ISO 8601). */
  decidedAt?: string;
  /** The approver's or rejecter's comment. */
  decisionComment?: string;
}

/**
 * Body of `POST /waivers`: exactly one of `accountId` (opaque id or ARM id) and `entityRef`.
 *
 * @public
 */
export interface WaiverRequestBody {
  /** The control to waive. */
  controlId: string;
  /** The account (opaque id or ARM id). */
  accountId?: string;
  /** The entity whose accounts the waiver covers. */
  entityRef?: string;
  /** Why the control cannot pass now. */
  reason: string;
  /** The risk accepted. */
  riskAccepted: string;
  /** What mitigates the risk meanwhile. */
  compensatingControl: string;
  /** ISO 8601; at most `azureOpenAI.governance.waivers.maxDurationDays` ahead. */
  expiresAt: string;
}

/**
 * Body of `POST /waivers/{id}/decision`.
 *
 * @public
 */
export interface WaiverDecisionBody {
  /** Approve or reject the request. */
  decision: 'approve' | 'reject';
  /** Why; kept with the waiver and in its history. */
  comment?: string;
}

/**
 * Status of an attestation: `active` until `expiresAt`, `superseded` by a newer one for the same
 * control and scope.
 *
 * @public
 */
export type AttestationStatus = 'active' | 'expired' | 'superseded';

/**
 * A statement that a manual (or partly manual) control is met.
 *
 * @public
 */
export interface AttestationRecord {
  /** Attestation id. */
  id: string;
  /** The attested control. */
  controlId: string;
  /** The account or entity it applies to. */
  scope: GovernanceScope;
  /** What the author states is in place. */
  statement: string;
  /** Link to the evidence (runbook, review, test record). */
  evidenceUrl: string;
  /** User entity ref. */
  author: string;
  /** When it was made (ISO 8601). */
  createdAt: string;
  /** When it stops applying (ISO 8601). */
  expiresAt: string;
  /** Active, expired or superseded. */
  status: AttestationStatus;
}

/**
 * Body of `POST /attestations`: exactly one of `accountId` and `entityRef`.
 *
 * @public
 */
export interface AttestationRequestBody {
  /** The control to attest. */
  controlId: string;
  /** The account (opaque id or ARM id). */
  accountId?: string;
  /** The entity whose accounts the attestation covers. */
  entityRef?: string;
  /** What is in place. */
  statement: string;
  /** Link to the evidence (runbook, review, test record). */
  evidenceUrl: string;
  /** ISO 8601; default: now + the control's default duration from config. */
  expiresAt?: string;
}

/**
 * One change to a waiver or an attestation, as kept in the history and emitted to the auditor.
 *
 * @public
 */
export interface GovernanceEvent {
  /** Event id. */
  id: string;
  /** What happened. */
  kind:
    | 'waiver.requested'
    | 'waiver.approved'
    | 'waiver.rejected'
    | 'waiver.revoked'
    | 'waiver.expired'
    | 'attestation.created'
    | 'attestation.expired';
  /** User entity ref, or `system` for expiry. */
  actor: string;
  /** When (ISO 8601). */
  at: string;
  /** The control of the waiver or attestation. */
  controlId: string;
  /** The account or entity it applies to. */
  scope: GovernanceScope;
  /** The waiver, for `waiver.*` events. */
  waiverId?: string;
  /** The attestation, for `attestation.*` events. */
  attestationId?: string;
  /** What changed, e.g. the decision comment. */
  details?: Record<string, string>;
}

/**
 * A list answer of the governance routes.
 *
 * @public
 */
export interface GovernanceList<T> {
  /** The records. */
  items: T[];
}

/**
 * Formats of `GET /exports/...?format=`.
 *
 * @public
 */
export type ExportFormat = 'json' | 'csv' | 'sarif' | 'md';

/**
 * Where the golden-path provenance of an account comes from: `event` (the audit stored the
 * `account.provisioned` event of `azure:openai:provision`, with the applied inputs) or `tags`
 * (only the account's provenance tags are known, e.g. it was provisioned before the audit ran).
 *
 * @public
 */
export type GoldenPathProvenanceSource = 'event' | 'tags';

/**
 * How an account came through the golden path.
 *
 * @public
 */
export interface GoldenPathProvenance {
  /** Where the provenance comes from. */
  source: GoldenPathProvenanceSource;
  /** Template entity ref, e.g. `template:default/secure-azure-openai-account`. */
  templateRef: string;
  /** The template's `pavedai.dev/template-version` annotation, when it has one. */
  templateVersion?: string;
  /** Scaffolder task id of the run. */
  taskId: string;
  /**
   * Content hash of the effective golden-path policy the run applied (16 hex characters);
   * absent for accounts stamped before policy versions were recorded.
   */
  policyVersion?: string;
  /** When the audit recorded it (ISO 8601): the event, or the first scan that saw the tags. */
  recordedAt: string;
}

/**
 * Body of `POST /golden-path/impact`: the candidate policy, as an object (the same shape as
 * `azureOpenAI.goldenPath`) or as YAML text. Exactly one of the two.
 *
 * @public
 */
export type GoldenPathImpactRequest =
  | { policy: GoldenPathPolicy; policyYaml?: never }
  | { policyYaml: string; policy?: never };

/**
 * Answer of `GET /golden-path/policy`: the golden-path policy in force today, before the audit's
 * own `disabledControls` and `nonWaivableControls`.
 *
 * @public
 */
export interface GoldenPathPolicyDocument {
  /** The policy, shaped like `azureOpenAI.goldenPath`. */
  policy: GoldenPathPolicy;
  /** Its content hash (`goldenPathPolicyVersion`), as impact previews name the current policy. */
  version: string;
  /**
   * The same policy as YAML (the bare `azureOpenAI.goldenPath` block): sent back unchanged as
   * the `policyYaml` of an impact preview, it changes nothing.
   */
  yaml: string;
}

/**
 * One control of one account whose status the candidate policy changes.
 *
 * @public
 */
export interface GoldenPathImpactChange {
  /** The control's id. */
  controlId: string;
  /** The control's title. */
  title: string;
  /** The control's severity. */
  severity: Severity;
  /** Status under the current policy. */
  from: ControlStatus;
  /** Status under the candidate policy. */
  to: ControlStatus;
  /**
   * `regression`: to `fail`, `unknown` or `attestation-required` from any other status;
   * `improvement`: the other way round; else `other` (e.g. pass to not-applicable).
   */
  direction: 'regression' | 'improvement' | 'other';
  /** The control's message under the candidate policy. */
  message: string;
}

/**
 * An account whose posture the candidate policy changes.
 *
 * @public
 */
export interface GoldenPathImpactAccount {
  /** Opaque account id. */
  accountId: string;
  /** ARM id. */
  resourceId: string;
  /** Account name. */
  name: string;
  /** Owner entity ref, when known. */
  owner?: string;
  /** System entity ref, when known. */
  system?: string;
  /** Grade and score under the current policy. */
  current: { grade: Grade; score: number };
  /** Grade and score under the candidate policy. */
  candidate: { grade: Grade; score: number };
  /** `worse`, `better` or `same` grade under the candidate policy. */
  grade: 'worse' | 'better' | 'same';
  /** Every control whose status changes, in catalog order. */
  changes: GoldenPathImpactChange[];
}

/**
 * Per control: how many accounts change status under the candidate policy.
 *
 * @public
 */
export interface GoldenPathImpactControlCount {
  /** The control's id. */
  controlId: string;
  /** The control's title. */
  title: string;
  /** The control's severity. */
  severity: Severity;
  /** Accounts where the control regresses (see {@link GoldenPathImpactChange.direction}). */
  regressions: number;
  /** Accounts where it improves. */
  improvements: number;
  /** Accounts where it changes otherwise (e.g. pass to not-applicable). */
  other: number;
}

/**
 * Per owner: the accounts the candidate policy changes.
 *
 * @public
 */
export interface GoldenPathImpactOwnerCount {
  /** Owner entity ref; `null` for accounts without an owner. */
  owner: string | null;
  /** Accounts of this owner with stored evidence. */
  accounts: number;
  /** Accounts with at least one changed control. */
  changed: number;
  /** Accounts whose grade gets worse. */
  gradeWorse: number;
  /** Accounts whose grade gets better. */
  gradeBetter: number;
  /** Control regressions over all its accounts. */
  regressions: number;
  /** Control improvements over all its accounts. */
  improvements: number;
}

/**
 * Answer of `POST /golden-path/impact`: the current and the candidate policy evaluated on the
 * stored evidence of every account (no ARM call).
 *
 * @remarks
 * Counts (`byControl`, `byOwner`, totals) always cover the whole fleet; `accounts` is one page of
 * the changed accounts in ARM id order (`limit`, `cursor` → `nextCursor`).
 *
 * @public
 */
export interface GoldenPathImpact {
  /** Content hash of the effective current policy. */
  currentPolicyVersion: string;
  /** Content hash of the effective candidate policy. */
  candidatePolicyVersion: string;
  /** The evaluation time used for both policies (ISO 8601). */
  evaluatedAt: string;
  /** Accounts (not deleted) with stored evidence, all evaluated. */
  accountsEvaluated: number;
  /** Accounts (not deleted) without stored evidence yet (left out until their next scan). */
  accountsWithoutEvidence: number;
  /** Accounts with at least one changed control. */
  accountsChanged: number;
  /** Accounts whose grade gets worse. */
  gradeWorse: number;
  /** Accounts whose grade gets better. */
  gradeBetter: number;
  /** Controls with at least one changed account, most regressions first. */
  byControl: GoldenPathImpactControlCount[];
  /** Owners with at least one account, most changed first. */
  byOwner: GoldenPathImpactOwnerCount[];
  /** One page of the changed accounts, in ARM id order. */
  accounts: GoldenPathImpactAccount[];
  /** Pass as `cursor` for the next page; absent on the last. */
  nextCursor?: string;
}

/**
 * One field where a golden-path account differs from what the golden path would build for it
 * today (its recorded inputs and the current policy).
 *
 * @public
 */
export interface GoldenPathDriftItem {
  /** ARM id of the resource, e.g. the account or one of its deployments. */
  resource: string;
  /** JSON path in the resource body, e.g. `properties.publicNetworkAccess`; `(missing)` when the resource does not exist. */
  field: string;
  /** What the golden path would set. */
  desired: unknown;
  /** What the account has. */
  actual: unknown;
  /** When the audit first saw this difference (ISO 8601). */
  since: string;
}

/**
 * Answer of `GET /accounts/{accountId}/drift`.
 *
 * @public
 */
export interface GoldenPathDrift {
  /** Opaque account id. */
  accountId: string;
  /** ARM id of the account. */
  resourceId: string;
  /** The provenance the desired state was rebuilt from. */
  goldenPath: GoldenPathProvenance;
  /** Version of the current policy the desired state was built with. */
  policyVersion: string;
  /** When the compared evidence was collected (ISO 8601). */
  evidenceCollectedAt: string;
  /** Empty when the account matches the golden path. */
  items: GoldenPathDriftItem[];
}

/**
 * Body of `GET /accounts/{accountId}/golden-path/inputs`: what the last `azure:openai:provision`
 * run of a golden-path account applied, for a "bring back to the golden path" run.
 *
 * @public
 */
export interface GoldenPathRecordedInputs {
  /** Opaque account id. */
  accountId: string;
  /** ARM id of the account. */
  resourceId: string;
  /** The account's provenance. */
  goldenPath: GoldenPathProvenance;
  /** The inputs the run applied. */
  inputs: ProvisionInputs;
}
