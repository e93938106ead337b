import type { CompoundEntityRef } from '@backstage/catalog-model';
import { CatalogClient } from '@backstage/catalog-client';
import { ResponseError } from '@backstage/errors';
import type {
  FactRetriever,
  FactRetrieverContext,
  TechInsightFact,
} from '@backstage-community/plugin-tech-insights-node';
import type {
  EntityPosture,
  Severity,
} from '@pavedai/plugin-azure-openai-common';
import { DateTime } from 'luxon';

/** Plugin id of the Azure OpenAI audit plugin, whose REST API the retriever reads. */
const AUDIT_PLUGIN_ID = 'azure-openai';
/** Posture requests in flight at once. */
const CONCURRENCY = 5;
/** The kinds that show an Azure OpenAI posture. */
const ENTITY_FILTER = [{ kind: ['component', 'system', 'resource'] }];

/**
 * The facts one entity gets.
 *
 * @public
 */
export interface AzureOpenAIPostureFacts {
  /** Letter grade A–F: the worst grade of the entity's scanned Azure OpenAI accounts. */
  grade: string;
  /** 0–100, severity-weighted over all the entity's scanned accounts. */
  score: number;
  /** Controls with status `fail` and severity `critical`, summed over the accounts. */
  failingCriticalCount: number;
  /** Controls with status `fail` and severity `high`, summed over the accounts. */
  failingHighCount: number;
  /** When the stalest of the accounts was evaluated. */
  evaluatedAt: DateTime;
}

function countFailing(posture: EntityPosture, severity: Severity): number {
  let count = 0;
  for (const { posture: record } of posture.accounts) {
    for (const result of record.results) {
      if (result.status === 'fail' && result.severity === severity) count++;
    }
  }
  return count;
}

/**
 * The facts of an entity's posture, or `undefined` when none of its accounts has been scanned
 * (or it has none).
 *
 * @public
 */
export function postureFacts(
  posture: EntityPosture,
): AzureOpenAIPostureFacts | undefined {
  if (!posture.aggregate || posture.accounts.length === 0) return undefined;
  const oldest = posture.accounts
    .map(a => a.posture.evaluatedAt)
    .reduce((a, b) => (Date.parse(a) <= Date.parse(b) ? a : b));
  return {
    grade: posture.aggregate.grade,
    score: posture.aggregate.score,
    failingCriticalCount: countFailing(posture, 'critical'),
    failingHighCount: countFailing(posture, 'high'),
    evaluatedAt: DateTime.fromISO(oldest, { zone: 'utc' }),
  };
}

async function mapConcurrent<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index]);
    }
  };
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  return out;
}

/**
 * Reads each entity's posture from the audit plugin's REST API
 * (`GET /api/azure-openai/entities/{kind}/{namespace}/{name}/posture`) with the tech-insights
 * plugin's service credentials, never from the audit plugin's database.
 */
async function retrieve(ctx: FactRetrieverContext): Promise<TechInsightFact[]> {
  const { auth, discovery, logger } = ctx;
  const credentials = await auth.getOwnServiceCredentials();
  const catalog = new CatalogClient({ discoveryApi: discovery });
  const { token: catalogToken } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: 'catalog',
  });
  const { items } = await catalog.getEntities(
    {
      filter: ctx.entityFilter ?? ENTITY_FILTER,
      fields: ['kind', 'metadata.namespace', 'metadata.name'],
    },
    { token: catalogToken },
  );
  const entities: CompoundEntityRef[] = items.map(e => ({
    kind: e.kind,
    namespace: e.metadata.namespace ?? 'default',
    name: e.metadata.name,
  }));

  const baseUrl = await discovery.getBaseUrl(AUDIT_PLUGIN_ID);
  const { token } = await auth.getPluginRequestToken({
    onBehalfOf: credentials,
    targetPluginId: AUDIT_PLUGIN_ID,
  });
  let failures = 0;
  let lastError: unknown;
  const facts = await mapConcurrent<
    CompoundEntityRef,
    TechInsightFact | undefined
  >(entities, CONCURRENCY, async entity => {
    const path = [entity.kind.toLowerCase(), entity.namespace, entity.name]
      .map(encodeURIComponent)
      .join('/');
    try {
      const response = await fetch(`${baseUrl}/entities/${path}/posture`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      // The entity vanished from the catalog since it was listed.
      if (response.status === 404) return undefined;
      if (!response.ok) throw await ResponseError.fromResponse(response);
      const posture = postureFacts((await response.json()) as EntityPosture);
      return posture ? { entity, facts: { ...posture } } : undefined;
    } catch (error) {
      failures++;
      lastError = error;
      logger.warn('Could not read the Azure OpenAI posture of an entity', {
        entity: `${entity.kind}:${entity.namespace}/${entity.name}`,
        error: String(error),
      });
      return undefined;
    }
  });
  if (entities.length > 0 && failures === entities.length) {
    throw new Error(
      `The Azure OpenAI audit API answered none of ${entities.length} posture requests: ${lastError}`,
    );
  }
  return facts.filter((f): f is TechInsightFact => f !== undefined);
}

/**
 * Tech Insights fact retriever `azure-openai-posture`: for every component, system and resource
 * that has scanned Azure OpenAI accounts, the grade, score, the counts of failing critical and high
 * controls and when it was evaluated. Entities without accounts, or whose accounts were never
 * scanned, get no facts.
 *
 * @remarks
 * Reads the audit plugin's REST API with service credentials (auth and discovery services). It is
 * scheduled only when `techInsights.factRetrievers.azureOpenAIPostureFactRetriever.cadence` is set.
 *
 * @public
 */
export const azureOpenAIPostureFactRetriever: FactRetriever = {
  id: 'azure-openai-posture',
  version: '0.1.0',
  title: 'Azure OpenAI posture',
  description:
    'Grade, score and failing critical and high controls of the Azure OpenAI accounts an entity uses, from the Azure OpenAI audit plugin.',
  entityFilter: ENTITY_FILTER,
  schema: {
    grade: {
      type: 'string',
      description:
        'Azure OpenAI posture grade, A (best) to F: the worst grade of the entity accounts',
    },
    score: {
      type: 'float',
      description:
        'Azure OpenAI posture score, 0 to 100, severity-weighted over the entity accounts',
    },
    failingCriticalCount: {
      type: 'integer',
      description: 'Failing critical Azure OpenAI controls, over the accounts',
    },
    failingHighCount: {
      type: 'integer',
      description:
        'Failing high-severity Azure OpenAI controls, over the accounts',
    },
    evaluatedAt: {
      type: 'datetime',
      description: 'When the stalest of the entity accounts was evaluated',
    },
  },
  handler: retrieve,
};
