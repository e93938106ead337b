import { parseEntityRef } from '@backstage/catalog-model';
import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  AzureOpenAIApi,
  ExportDownload,
  ExportScope,
  GovernanceQuery,
  WaiverQuery,
} from './AzureOpenAIApi';
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
  GoldenPathOptions,
  GoldenPathPolicyDocument,
  GovernanceEvent,
  GovernanceList,
  Scan,
  ScanRequest,
  WaiverDecisionBody,
  WaiverRecord,
  WaiverRequestBody,
} from '@pavedai/plugin-azure-openai-common';

/**
 * The {@link AzureOpenAIApi} over HTTP, using the `azure-openai` backend plugin.
 *
 * @public
 */
export class AzureOpenAIClient implements AzureOpenAIApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  /** {@inheritDoc AzureOpenAIApi.getEntityPosture} */
  async getEntityPosture(entityRef: string): Promise<EntityPosture> {
    const { kind, namespace, name } = parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    const path = [kind, namespace, name].map(encodeURIComponent).join('/');
    return this.request(`/entities/${path}/posture`);
  }

  /** {@inheritDoc AzureOpenAIApi.getAccountHistory} */
  async getAccountHistory(
    accountId: string,
    options?: { limit?: number },
  ): Promise<AccountHistory> {
    const query = new URLSearchParams();
    if (options?.limit !== undefined) query.set('limit', String(options.limit));
    return this.request(
      `/accounts/${encodeURIComponent(accountId)}/history${suffix(query)}`,
    );
  }

  /** {@inheritDoc AzureOpenAIApi.listFleet} */
  async listFleet(fleetQuery: FleetQuery = {}): Promise<FleetPage> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(fleetQuery)) {
      if (value === undefined || value === '') continue;
      if (Array.isArray(value)) {
        if (value.length > 0) query.set(key, value.join(','));
      } else {
        query.set(key, String(value));
      }
    }
    return this.request(`/fleet${suffix(query)}`);
  }

  /** {@inheritDoc AzureOpenAIApi.getFleetSummary} */
  async getFleetSummary(): Promise<FleetSummary> {
    return this.request('/fleet/summary');
  }

  /** {@inheritDoc AzureOpenAIApi.createScan} */
  async createScan(request: ScanRequest): Promise<Scan> {
    return this.request('/scans', jsonPost(request));
  }

  /** {@inheritDoc AzureOpenAIApi.getScan} */
  async getScan(scanId: string): Promise<Scan> {
    return this.request(`/scans/${encodeURIComponent(scanId)}`);
  }

  /** {@inheritDoc AzureOpenAIApi.getGoldenPathOptions} */
  async getGoldenPathOptions(): Promise<GoldenPathOptions> {
    return this.request('/golden-path/options');
  }

  /** {@inheritDoc AzureOpenAIApi.downloadExport} */
  async downloadExport(
    scope: ExportScope,
    format: ExportFormat,
  ): Promise<ExportDownload> {
    const response = await this.fetchOk(
      `${exportPath(scope)}?format=${encodeURIComponent(format)}`,
    );
    return download(response, `azure-openai-evidence.${format}`);
  }

  /** {@inheritDoc AzureOpenAIApi.getGoldenPathPolicy} */
  async getGoldenPathPolicy(): Promise<GoldenPathPolicyDocument> {
    return this.request('/golden-path/policy');
  }

  /** {@inheritDoc AzureOpenAIApi.previewPolicyImpact} */
  async previewPolicyImpact(
    request: GoldenPathImpactRequest,
    options: { cursor?: string; limit?: number } = {},
  ): Promise<GoldenPathImpact> {
    const query = new URLSearchParams();
    if (options.limit !== undefined) query.set('limit', String(options.limit));
    if (options.cursor) query.set('cursor', options.cursor);
    return this.request(
      `/golden-path/impact${suffix(query)}`,
      jsonPost(request),
    );
  }

  /** {@inheritDoc AzureOpenAIApi.downloadPolicyImpactCsv} */
  async downloadPolicyImpactCsv(
    request: GoldenPathImpactRequest,
  ): Promise<ExportDownload> {
    const response = await this.fetchOk(
      '/golden-path/impact?format=csv',
      jsonPost(request),
    );
    return download(response, 'golden-path-impact.csv');
  }

  /** {@inheritDoc AzureOpenAIApi.getAccountDrift} */
  async getAccountDrift(accountId: string): Promise<GoldenPathDrift> {
    return this.request(`/accounts/${encodeURIComponent(accountId)}/drift`);
  }

  /** {@inheritDoc AzureOpenAIApi.requestWaiver} */
  async requestWaiver(body: WaiverRequestBody): Promise<WaiverRecord> {
    return this.request('/waivers', jsonPost(body));
  }

  /** {@inheritDoc AzureOpenAIApi.listWaivers} */
  async listWaivers(
    query: WaiverQuery = {},
  ): Promise<GovernanceList<WaiverRecord>> {
    return this.request(`/waivers${suffix(governanceParams(query))}`);
  }

  /** {@inheritDoc AzureOpenAIApi.decideWaiver} */
  async decideWaiver(
    waiverId: string,
    body: WaiverDecisionBody,
  ): Promise<WaiverRecord> {
    return this.request(
      `/waivers/${encodeURIComponent(waiverId)}/decision`,
      jsonPost(body),
    );
  }

  /** {@inheritDoc AzureOpenAIApi.revokeWaiver} */
  async revokeWaiver(
    waiverId: string,
    body: { comment?: string } = {},
  ): Promise<WaiverRecord> {
    return this.request(
      `/waivers/${encodeURIComponent(waiverId)}/revoke`,
      jsonPost(body),
    );
  }

  /** {@inheritDoc AzureOpenAIApi.createAttestation} */
  async createAttestation(
    body: AttestationRequestBody,
  ): Promise<AttestationRecord> {
    return this.request('/attestations', jsonPost(body));
  }

  /** {@inheritDoc AzureOpenAIApi.listAttestations} */
  async listAttestations(
    query: GovernanceQuery = {},
  ): Promise<GovernanceList<AttestationRecord>> {
    return this.request(`/attestations${suffix(governanceParams(query))}`);
  }

  /** {@inheritDoc AzureOpenAIApi.getGovernanceHistory} */
  async getGovernanceHistory(
    query: GovernanceQuery = {},
  ): Promise<GovernanceList<GovernanceEvent>> {
    return this.request(
      `/governance/history${suffix(governanceParams(query))}`,
    );
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    return (await (await this.fetchOk(path, init)).json()) as T;
  }

  /** Fetches a path of the audit backend; throws a `ResponseError` unless the answer is 2xx. */
  private async fetchOk(path: string, init?: RequestInit): Promise<Response> {
    const baseUrl = await this.discoveryApi.getBaseUrl('azure-openai');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}

/** The body of a file answer, under the name its `Content-Disposition` gives (else `fallback`). */
async function download(
  response: Response,
  fallback: string,
): Promise<ExportDownload> {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallback;
  return { blob: await response.blob(), filename };
}

function jsonPost(body: unknown): RequestInit {
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function governanceParams(query: WaiverQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of [
    'status',
    'entityRef',
    'accountId',
    'controlId',
  ] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  return params;
}

/** `/exports/fleet`, `/exports/entities/kind/namespace/name`, `/exports/owners/kind/namespace/name`. */
function exportPath(scope: ExportScope): string {
  if (scope.type === 'fleet') return '/exports/fleet';
  const { kind, namespace, name } = parseEntityRef(
    scope.type === 'entity' ? scope.entityRef : scope.ownerRef,
    {
      defaultKind: scope.type === 'entity' ? 'component' : 'group',
      defaultNamespace: 'default',
    },
  );
  const path = [kind, namespace, name].map(encodeURIComponent).join('/');
  return scope.type === 'entity'
    ? `/exports/entities/${path}`
    : `/exports/owners/${path}`;
}

function suffix(query: URLSearchParams): string {
  const text = query.toString();
  return text ? `?${text}` : '';
}
