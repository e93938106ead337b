import { createApiRef } from '@backstage/core-plugin-api';
import type {
  AccountHistory,
  EntityPosture,
  ExportFormat,
  FleetPage,
  FleetQuery,
  FleetSummary,
  GoldenPathOptions,
  Scan,
  ScanRequest,
} from '@pavedai/plugin-azure-openai-common';

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
}

/**
 * Reference to the {@link AzureOpenAIApi}.
 *
 * @public
 */
export const azureOpenAIApiRef = createApiRef<AzureOpenAIApi>({
  id: 'plugin.azure-openai.service',
});
