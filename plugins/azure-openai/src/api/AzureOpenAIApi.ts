import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AccountHistory,
  AttestationRecord,
  AttestationRequestBody,
  EntityPosture,
  ExportFormat,
  FleetPage,
  FleetQuery,
  FleetSummary,
  GoldenPathDrift,
  GoldenPathImpact,
  GoldenPathImpactRequest,
  GoldenPathPolicyDocument,
  GoldenPathOptions,
  GovernanceEvent,
  GovernanceList,
  Scan,
  ScanRequest,
  WaiverDecisionBody,
  WaiverRecord,
  WaiverRequestBody,
  WaiverStatus,
} from '@pavedai/plugin-azure-openai-common';

/**
 * Filters of the governance lists: a control, an account (opaque id or ARM id) and/or an entity.
 *
 * @public
 */
export interface GovernanceQuery {
  /** Records of this entity, e.g. `component:default/search-api`. */
  entityRef?: string;
  /** Records of this account (opaque id or ARM id) and of the entities it belongs to. */
  accountId?: string;
  /** Records of this control, e.g. `AOAI-NET-001`. */
  controlId?: string;
}

/**
 * Filters of {@link AzureOpenAIApi.listWaivers}.
 *
 * @public
 */
export interface WaiverQuery extends GovernanceQuery {
  /** Only waivers in this state. */
  status?: WaiverStatus;
}

/**
 * What an evidence export covers: the fleet, the accounts of a catalog entity, or the accounts a
 * group or user owns.
 *
 * @public
 */
export type ExportScope =
  | { type: 'fleet' }
  | { type: 'entity'; entityRef: string }
  | { type: 'owner'; ownerRef: string };

/**
 * A downloaded evidence export.
 *
 * @public
 */
export interface ExportDownload {
  /** The file's content. */
  blob: Blob;
  /** The file name the backend gives it, e.g. `azure-openai-evidence-fleet-20261128T120000Z.csv`. */
  filename: string;
}

/**
 * Reads and triggers Azure OpenAI posture evaluations through the audit backend.
 *
 * @public
 */
export interface AzureOpenAIApi {
  /** Posture of a catalog entity, aggregated and per linked account. */
  getEntityPosture(entityRef: string): Promise<EntityPosture>;
  /** Past evaluations of one account, newest first. */
  getAccountHistory(
    accountId: string,
    options?: { limit?: number },
  ): Promise<AccountHistory>;
  /** One page of the fleet. */
  listFleet(query?: FleetQuery): Promise<FleetPage>;
  /** Fleet roll-ups. */
  getFleetSummary(): Promise<FleetSummary>;
  /** Queues a scan; resolves with the queued scan. */
  createScan(request: ScanRequest): Promise<Scan>;
  /** A scan's progress. */
  getScan(scanId: string): Promise<Scan>;
  /**
   * The choices the golden-path policy allows (subscriptions, regions, models, SKUs, capacity
   * caps, content filter profiles), for template forms. Empty lists mean "not restricted".
   */
  getGoldenPathOptions(): Promise<GoldenPathOptions>;
  /**
   * Downloads an evidence export (`GET /exports/fleet`, `/exports/entities/{ref}` or
   * `/exports/owners/{ref}` with `?format=`) with the signed-in user's token.
   */
  downloadExport(
    scope: ExportScope,
    format: ExportFormat,
  ): Promise<ExportDownload>;
  /**
   * The golden-path policy in force today (`GET /golden-path/policy`): the object, its version
   * and the same as YAML, which the impact preview accepts as its candidate. Needs fleet read.
   */
  getGoldenPathPolicy(): Promise<GoldenPathPolicyDocument>;
  /**
   * What a candidate golden-path policy would change (`POST /golden-path/impact`), evaluated by
   * the audit on the stored evidence of every account without any ARM call. Counts cover the
   * whole fleet; `accounts` is one page of the changed accounts (pass `nextCursor` as `cursor`).
   */
  previewPolicyImpact(
    request: GoldenPathImpactRequest,
    options?: { cursor?: string; limit?: number },
  ): Promise<GoldenPathImpact>;
  /**
   * Every account a candidate policy changes as CSV (`POST /golden-path/impact?format=csv`), one
   * row per account and changed control, under the file name the backend gives it.
   */
  downloadPolicyImpactCsv(
    request: GoldenPathImpactRequest,
  ): Promise<ExportDownload>;
  /**
   * Where a golden-path account differs from what the golden path would build for it today
   * (`GET /accounts/{accountId}/drift`); rejects with a 404 `ResponseError` for an account the
   * audit has no recorded golden-path inputs or no stored evidence for.
   */
  getAccountDrift(accountId: string): Promise<GoldenPathDrift>;
  /** Requests a waiver (`POST /waivers`); resolves with the waiver, status `requested`. */
  requestWaiver(body: WaiverRequestBody): Promise<WaiverRecord>;
  /** Waivers matching the filters (`GET /waivers`). */
  listWaivers(query?: WaiverQuery): Promise<GovernanceList<WaiverRecord>>;
  /** Approves or rejects a requested waiver (`POST /waivers/{id}/decision`). */
  decideWaiver(
    waiverId: string,
    body: WaiverDecisionBody,
  ): Promise<WaiverRecord>;
  /** Revokes an approved waiver (`POST /waivers/{id}/revoke`). */
  revokeWaiver(
    waiverId: string,
    body?: { comment?: string },
  ): Promise<WaiverRecord>;
  /** Records an attestation (`POST /attestations`). */
  createAttestation(body: AttestationRequestBody): Promise<AttestationRecord>;
  /** Attestations matching the filters (`GET /attestations`). */
  listAttestations(
    query?: GovernanceQuery,
  ): Promise<GovernanceList<AttestationRecord>>;
  /** Waiver and attestation events, newest first (`GET /governance/history`). */
  getGovernanceHistory(
    query?: GovernanceQuery,
  ): Promise<GovernanceList<GovernanceEvent>>;
}

/**
 * Reference to the {@link AzureOpenAIApi}.
 *
 * @public
 */
export const azureOpenAIApiRef = createApiRef<AzureOpenAIApi>({
  id: 'plugin.azure-openai.service',
});
