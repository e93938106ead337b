// Wire model of the audit plugin's HTTP API (`/api/azure-openai`), shared by the backend that
// sends it and the frontend that reads it. The contract is the backend's OpenAPI document
// (`plugins/azure-openai-backend/src/schema/openapi.yaml`); keep the two in step.
import type { AggregatePosture } from './engine/scoring';
import type { ControlResult, ControlStatus, Grade, Severity } from './types';

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
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  location?: string;
  kind?: string;
  tags: Record<string, string>;
  /** Owner entity ref, when known. */
  owner?: string;
  /** System entity ref, when known. */
  system?: string;
  firstSeenAt: string;
  lastSeenAt: string;
  deleted: boolean;
  deletedAt?: string;
}

/**
 * A control whose status changed between two evaluations.
 *
 * @public
 */
export interface PostureChange {
  controlId: string;
  from: ControlStatus;
  to: ControlStatus;
}

/**
 * Changes of an account's posture against its previous result.
 *
 * @public
 */
export interface PostureDiff {
  previousResultId: string;
  previousScore: number;
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
  resultId: string;
  scanId: string;
  evaluatedAt: string;
  /** `error` when evidence collection failed as a whole (controls are then `unknown`). */
  status: 'ok' | 'error';
  error?: string;
  score: number;
  grade: Grade;
  capped: boolean;
  earnedWeight: number;
  scoredWeight: number;
  counts: Record<ControlStatus, number>;
  diff?: PostureDiff;
}

/**
 * One evaluation with its control results and evidence.
 *
 * @public
 */
export interface PostureRecord extends PostureSummary {
  results: ControlResult[];
}

/**
 * One account linked to an entity, with its latest posture.
 *
 * @public
 */
export interface LinkedAccountPosture {
  account: AzureOpenAIAccount;
  /** Entity refs through which the account is linked. */
  linkedBy: string[];
  posture: PostureRecord;
}

/**
 * Posture of a catalog entity: the aggregate over its accounts and each account's latest result
 * (`GET /entities/{kind}/{namespace}/{name}/posture`).
 *
 * @public
 */
export interface EntityPosture {
  entityRef: string;
  /** Aggregate over the scanned accounts; absent when none of them has been scanned. */
  aggregate?: AggregatePosture;
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
  account: AzureOpenAIAccount;
  posture: PostureRecord;
}

/**
 * Past evaluations of an account, newest first (`GET /accounts/{accountId}/history`).
 *
 * @public
 */
export interface AccountHistory {
  account: AzureOpenAIAccount;
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
  account: AzureOpenAIAccount;
  /** `never-scanned` when the account has no stored result yet; `latest` is then absent. */
  scanState: FleetScanState;
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
}

/**
 * Number of failing controls per severity.
 *
 * @public
 */
export interface FailingBySeverity {
  critical: number;
  high: number;
  medium: number;
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
  includeDeleted?: boolean;
  /** Only scanned accounts, or only accounts without a stored result. Default: both. */
  scanState?: FleetScanState;
  sort?: FleetSortField;
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
  items: FleetItem[];
  totalCount: number;
  nextCursor?: string;
}

/**
 * Roll-up of a group of accounts.
 *
 * @public
 */
export interface FleetGroupSummary {
  accountCount: number;
  /** Pooled score over the group's accounts (100 when nothing is scored). */
  score: number;
  /** The worst grade in the group. */
  worstGrade: Grade;
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
  total: FleetGroupSummary;
  byOwner: Array<FleetGroupSummary & { owner: string | null }>;
  /** Each group with the accounts of every group below it (`childOf` hierarchy of the catalog). */
  byOwnerNested: FleetNestedOwnerSummary[];
  bySystem: Array<FleetGroupSummary & { system: string | null }>;
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
  id: string;
  trigger: ScanTrigger;
  requestedBy?: string;
  target: ScanTarget;
  status: ScanStatus;
  createdAt: string;
  startedAt?: string;
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
  id: string;
  controlId: string;
  scope: GovernanceScope;
  /** Why the control cannot pass now. */
  reason: string;
  /** The risk accepted, in the requester's words. */
  riskAccepted: string;
  /** What mitigates the risk meanwhile. */
  compensatingControl: string;
  /** ISO 8601 instant after which the waiver no longer applies. */
  expiresAt: string;
  status: WaiverStatus;
  /** User entity ref. */
  requestedBy: string;
  requestedAt: string;
  /** User entity ref of the approver or rejecter. */
  decidedBy?: string;
  decidedAt?: string;
  decisionComment?: string;
}

/**
 * Body of `POST /waivers`: exactly one of `accountId` (opaque id or ARM id) and `entityRef`.
 *
 * @public
 */
export interface WaiverRequestBody {
  controlId: string;
  accountId?: string;
  entityRef?: string;
  reason: string;
  riskAccepted: string;
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
  decision: 'approve' | 'reject';
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
  id: string;
  controlId: string;
  scope: GovernanceScope;
  statement: string;
  /** Link to the evidence (runbook, review, test record). */
  evidenceUrl: string;
  /** User entity ref. */
  author: string;
  createdAt: string;
  expiresAt: string;
  status: AttestationStatus;
}

/**
 * Body of `POST /attestations`: exactly one of `accountId` and `entityRef`.
 *
 * @public
 */
export interface AttestationRequestBody {
  controlId: string;
  accountId?: string;
  entityRef?: string;
  statement: string;
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
  id: string;
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
  at: string;
  controlId: string;
  scope: GovernanceScope;
  waiverId?: string;
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
  items: T[];
}

/**
 * Formats of `GET /exports/...?format=`.
 *
 * @public
 */
export type ExportFormat = 'json' | 'csv' | 'sarif' | 'md';
