import {
  FIXTURE_NOW,
  FIXTURE_POLICY,
  loadFixture,
} from '../__fixtures__/fixtures';
import { evaluateAccount } from '../engine/evaluate';
import type { GoldenPathPolicy } from '../types';
import {
  computePolicyImpact,
  renderPolicyImpactMarkdown,
  type PolicyImpactEvidence,
  type PolicyImpactEvidenceReader,
} from './impact';

const SUB = '/subscriptions/00000000-0000-4000-8000-000000000001';

function account(
  name: string,
  fixture: string,
  owner?: string,
): PolicyImpactEvidence {
  return {
    account: {
      id: name,
      resourceId: `${SUB}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/${name}`,
      name,
      ...(owner ? { owner } : {}),
    },
    input: loadFixture(fixture).input,
  };
}

/** An in-memory reader that counts its page reads. */
function reader(items: PolicyImpactEvidence[], withoutEvidence = 0) {
  const sorted = [...items].sort((a, b) =>
    a.account.resourceId
      .toLowerCase()
      .localeCompare(b.account.resourceId.toLowerCase()),
  );
  const pages: number[] = [];
  const r: PolicyImpactEvidenceReader = {
    async listEvidencePage({ after, limit }) {
      const page = sorted
        .filter(
          i =>
            after === undefined ||
            i.account.resourceId.toLowerCase() > after.toLowerCase(),
        )
        .slice(0, limit);
      pages.push(page.length);
      return page;
    },
    async countAccountsWithoutEvidence() {
      return withoutEvidence;
    },
  };
  return { reader: r, pages };
}

// pass-hardened is in westeurope; a policy without westeurope makes AOAI-GOV-005 fail.
const CANDIDATE: GoldenPathPolicy = {
  ...FIXTURE_POLICY,
  allowedRegions: ['swedencentral'],
};

function impactOf(
  items: PolicyImpactEvidence[],
  extra: Partial<Parameters<typeof computePolicyImpact>[0]> = {},
) {
  const { reader: evidence, pages } = reader(items, 2);
  return {
    pages,
    run: computePolicyImpact({
      evidence,
      currentPolicy: FIXTURE_POLICY,
      candidatePolicy: CANDIDATE,
      currentPolicyVersion: 'current',
      candidatePolicyVersion: 'candidate',
      now: FIXTURE_NOW,
      limit: 100,
      ...extra,
    }),
  };
}

describe('computePolicyImpact', () => {
  it('lists the accounts, controls and owners a stricter region rule changes', async () => {
    const { run } = impactOf([
      account('aoai-a', 'pass-hardened', 'group:default/team-a'),
      account('aoai-b', 'fail-insecure', 'group:default/team-b'),
    ]);
    const impact = await run;
    const before = evaluateAccount(loadFixture('pass-hardened').input, {
      policy: FIXTURE_POLICY,
      now: FIXTURE_NOW,
    });
    expect(
      before.results.find(r => r.controlId === 'AOAI-GOV-005')?.status,
    ).toBe('pass');

    expect(impact.accountsEvaluated).toBe(2);
    expect(impact.accountsWithoutEvidence).toBe(2);
    const changed = impact.accounts.find(a => a.name === 'aoai-a')!;
    expect(changed.owner).toBe('group:default/team-a');
    expect(changed.changes).toContainEqual(
      expect.objectContaining({
        controlId: 'AOAI-GOV-005',
        from: 'pass',
        to: 'fail',
        direction: 'regression',
        severity: 'high',
      }),
    );
    expect(impact.byControl[0]).toMatchObject({
      controlId: 'AOAI-GOV-005',
      regressions: impact.accounts.filter(a =>
        a.changes.some(c => c.controlId === 'AOAI-GOV-005'),
      ).length,
    });
    const teamA = impact.byOwner.find(o => o.owner === 'group:default/team-a');
    expect(teamA).toMatchObject({ accounts: 1, changed: 1 });
    expect(teamA!.regressions).toBeGreaterThanOrEqual(1);
  });

  it('reports nothing when the candidate is the current policy', async () => {
    const { run } = impactOf(
      [account('aoai-a', 'pass-hardened'), account('aoai-b', 'fail-drift')],
      { candidatePolicy: FIXTURE_POLICY },
    );
    const impact = await run;
    expect(impact).toMatchObject({
      accountsEvaluated: 2,
      accountsChanged: 0,
      gradeWorse: 0,
      gradeBetter: 0,
      byControl: [],
      accounts: [],
    });
    expect(renderPolicyImpactMarkdown(impact)).toContain(
      'No account changes status.',
    );
  });

  it('pages the changed accounts but counts the whole fleet, reading the store page by page', async () => {
    const items = Array.from({ length: 7 }, (_, i) =>
      account(`aoai-${i}`, 'pass-hardened', 'group:default/team-a'),
    );
    const first = impactOf(items, { limit: 3, pageSize: 2 });
    const page1 = await first.run;
    expect(first.pages).toEqual([2, 2, 2, 1]);
    expect(page1.accounts.map(a => a.name)).toEqual([
      'aoai-0',
      'aoai-1',
      'aoai-2',
    ]);
    expect(page1.accountsChanged).toBe(7);
    expect(page1.nextCursor).toBe(page1.accounts[2].resourceId);

    const page2 = await impactOf(items, {
      limit: 3,
      pageSize: 2,
      after: page1.nextCursor,
    }).run;
    expect(page2.accounts.map(a => a.name)).toEqual([
      'aoai-3',
      'aoai-4',
      'aoai-5',
    ]);
    const page3 = await impactOf(items, {
      limit: 3,
      after: page2.nextCursor,
    }).run;
    expect(page3.accounts.map(a => a.name)).toEqual(['aoai-6']);
    expect(page3.nextCursor).toBeUndefined();
  });

  it('renders a Markdown table for pull requests', async () => {
    const impact = await impactOf([
      account('aoai-a', 'pass-hardened', 'group:default/team-a'),
    ]).run;
    const md = renderPolicyImpactMarkdown(impact);
    expect(md).toContain('current → candidate');
    expect(md).toMatch(
      /\| aoai-a \| group:default\/team-a \| [A-F] → [A-F] \| [^|]*AOAI-GOV-005 pass → fail/,
    );
    expect(md).toContain('| Control | Severity | Regressions |');
  });
});
