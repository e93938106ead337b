import type {
  AccountEvaluation,
  ControlResult,
} from '@pavedai/plugin-azure-openai-common';
import type { AuditStore } from '../../database/AuditStore';
import { evaluateFixture, testResourceId } from '../../testUtils/fixtures';
import type { ExportItem } from '../types';

/** The scan every seeded result belongs to. */
export const EXPORT_TEST_SCAN_ID = '7d1e9a52-6c0b-4c55-9f0e-0d3b8f1a2b01';

/**
 * The `fail-insecure` evaluation with one failing control's message made hostile to CSV
 * (formula, quotes, comma, line break) and, on two other controls, a waiver and an attestation.
 */
export function hostileEvaluation(): AccountEvaluation {
  const evaluation = evaluateFixture('fail-insecure');
  const results: ControlResult[] = evaluation.results.map(r => ({ ...r }));
  const failing = results.findIndex(r => r.status === 'fail');
  results[failing] = {
    ...results[failing],
    message: '=HYPERLINK("http://evil.example","click"), then\nsecond line',
  };
  const waived = results.findIndex(
    (r, i) => i !== failing && r.status === 'fail',
  );
  results[waived] = {
    ...results[waived],
    status: 'waived',
    waiver: {
      controlId: results[waived].controlId,
      resourceId: '*',
      reason: 'Legacy | migration until Q3',
      approvedBy: 'user:default/platform-lead',
      expiresAt: '2027-01-31T00:00:00.000Z',
    },
  };
  const attested = results.findIndex(r => r.status === 'attestation-required');
  if (attested < 0) {
    throw new Error('fail-insecure has no attestation-required control');
  }
  results[attested] = {
    ...results[attested],
    status: 'attested',
    attestation: {
      controlId: results[attested].controlId,
      resourceId: '*',
      author: 'user:default/owner',
      evidenceUrl: 'https://wiki.example/dr-test',
      statement: 'DR test passed on 2026-10-01',
      expiresAt: '2027-10-01T00:00:00.000Z',
    },
  };
  return { ...evaluation, results };
}

/** An export item built in memory (no store). */
export function exportItem(
  name: string,
  evaluation: AccountEvaluation | undefined,
  extra: { owner?: string; system?: string } = {},
): ExportItem {
  const resourceId = testResourceId(name);
  return {
    resourceId,
    account: {
      id: `${name.padEnd(32, '0').slice(0, 32)}`,
      resourceId,
      subscriptionId: '00000000-0000-4000-8000-000000000001',
      resourceGroup: 'rg-ai',
      name,
      tags: {},
      owner: extra.owner,
      system: extra.system,
      firstSeenAt: '2026-11-01T00:00:00.000Z',
      lastSeenAt: '2026-11-28T12:00:00.000Z',
      deleted: false,
    },
    posture: evaluation && {
      resultId: '1',
      scanId: EXPORT_TEST_SCAN_ID,
      evaluatedAt: evaluation.evaluatedAt,
      status: 'ok',
      score: evaluation.score.score,
      grade: evaluation.score.grade,
      capped: evaluation.score.capped,
      earnedWeight: evaluation.score.earnedWeight,
      scoredWeight: evaluation.score.scoredWeight,
      counts: { ...evaluation.score.counts },
      results: [...evaluation.results],
    },
  };
}

/** Creates the seeding scan once per store. */
export async function createExportTestScan(store: AuditStore): Promise<void> {
  if (await store.getScan(EXPORT_TEST_SCAN_ID)) return;
  await store.createScan({
    id: EXPORT_TEST_SCAN_ID,
    trigger: 'manual',
    target: { type: 'fleet' },
    createdAt: new Date('2026-11-28T11:59:00Z'),
  });
}

/** Stores an account and, when given, its evaluation as the latest result. */
export async function storeAccount(
  store: AuditStore,
  resourceId: string,
  evaluation: AccountEvaluation | undefined,
  extra: { owner?: string; system?: string } = {},
): Promise<void> {
  await createExportTestScan(store);
  const account = await store.upsertAccount({
    resourceId,
    location: 'westeurope',
    kind: 'OpenAI',
    tags: {},
    owner: extra.owner,
    system: extra.system,
    seenAt: new Date('2026-11-28T12:00:00Z'),
    scanId: EXPORT_TEST_SCAN_ID,
  });
  if (!evaluation) return;
  await store.saveResult({
    scanId: EXPORT_TEST_SCAN_ID,
    accountId: account.id,
    evaluatedAt: new Date(evaluation.evaluatedAt),
    status: 'ok',
    score: evaluation.score.score,
    grade: evaluation.score.grade,
    capped: evaluation.score.capped,
    earnedWeight: evaluation.score.earnedWeight,
    scoredWeight: evaluation.score.scoredWeight,
    counts: { ...evaluation.score.counts },
    results: evaluation.results,
  });
}
