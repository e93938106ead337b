import type {
  FleetItem,
  GoldenPathProvenance,
} from '@pavedai/plugin-azure-openai-common';
import { account } from '../testUtils/fixtures';
import { computeAdoption, loadWholeFleet } from './adoption';

function item(
  name: string,
  owner: string | undefined,
  provenance?: Partial<GoldenPathProvenance>,
): FleetItem {
  return {
    account: { ...account(name), owner },
    scanState: 'never-scanned',
    goldenPath: provenance && {
      source: 'event',
      templateRef: 'template:default/secure-azure-openai-account',
      taskId: `task-${name}`,
      recordedAt: '2026-10-03T10:00:00.000Z',
      ...provenance,
    },
  };
}

describe('computeAdoption', () => {
  it('counts the share overall and by owner, cumulatively by month, and per template version', () => {
    const adoption = computeAdoption([
      item('a', 'group:default/team-chat', { templateVersion: '1.0.0' }),
      item('b', 'group:default/team-chat', {
        templateVersion: '1.1.0',
        recordedAt: '2026-11-20T08:00:00.000Z',
      }),
      item('c', 'group:default/team-chat'),
      item('d', 'group:default/team-search', {
        templateVersion: '1.1.0',
        recordedAt: '2026-11-02T08:00:00.000Z',
      }),
      item('e', 'group:default/team-search'),
      item('f', undefined),
    ]);
    expect(adoption).toMatchObject({ total: 6, golden: 3, share: 0.5 });
    expect(adoption.byOwner).toEqual([
      { owner: null, total: 1, golden: 0, share: 0 },
      { owner: 'group:default/team-search', total: 2, golden: 1, share: 0.5 },
      {
        owner: 'group:default/team-chat',
        total: 3,
        golden: 2,
        share: 2 / 3,
      },
    ]);
    expect(adoption.overTime).toEqual([
      { month: '2026-10', added: 1, cumulative: 1 },
      { month: '2026-11', added: 2, cumulative: 3 },
    ]);
    expect(adoption.templates).toEqual([
      {
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.1.0',
        accounts: 2,
        lastRecordedAt: '2026-11-20T08:00:00.000Z',
      },
      {
        templateRef: 'template:default/secure-azure-openai-account',
        templateVersion: '1.0.0',
        accounts: 1,
        lastRecordedAt: '2026-10-03T10:00:00.000Z',
      },
    ]);
  });

  it('answers a zero share for an empty fleet', () => {
    expect(computeAdoption([])).toEqual({
      total: 0,
      golden: 0,
      share: 0,
      byOwner: [],
      overTime: [],
      templates: [],
    });
  });
});

describe('loadWholeFleet', () => {
  it('reads every page with the cursor of the previous one', async () => {
    const listFleet = jest
      .fn()
      .mockResolvedValueOnce({
        items: [item('a', undefined)],
        totalCount: 2,
        nextCursor: 'c1',
      })
      .mockResolvedValueOnce({ items: [item('b', undefined)], totalCount: 2 });
    const { items, truncated } = await loadWholeFleet(listFleet);
    expect(items.map(i => i.account.name)).toEqual(['a', 'b']);
    expect(truncated).toBe(false);
    expect(listFleet.mock.calls.map(c => c[0].cursor)).toEqual([
      undefined,
      'c1',
    ]);
    expect(listFleet.mock.calls[0][0]).toMatchObject({ limit: 500 });
  });
});
