import type { FleetGroupSummary } from '@pavedai/plugin-azure-openai-common';
import { rollUpOwnerGroups } from './rollUpOwnerGroups';

function row(
  owner: string | null,
  grade: 'A' | 'F',
  earned: number,
  scored: number,
) {
  const grades = { A: 0, B: 0, C: 0, D: 0, F: 0 };
  grades[grade] = 1;
  const summary: FleetGroupSummary & { owner: string | null } = {
    owner,
    accountCount: 1,
    score: (100 * earned) / scored,
    worstGrade: grade,
    grades,
    earnedWeight: earned,
    scoredWeight: scored,
  };
  return summary;
}

describe('rollUpOwnerGroups', () => {
  const parents = new Map([
    ['group:default/payments', ['group:default/engineering']],
    ['group:default/checkout', ['group:default/payments']],
    ['group:default/engineering', []],
    // a cycle must not loop forever
    ['group:default/loop-a', ['group:default/loop-b']],
    ['group:default/loop-b', ['group:default/loop-a']],
  ]);

  it('adds the accounts of every descendant group to each ancestor', () => {
    const nested = rollUpOwnerGroups(
      [
        row('group:default/checkout', 'F', 10, 100),
        row('group:default/payments', 'A', 90, 100),
        row('user:default/alice', 'A', 50, 50),
        row(null, 'A', 1, 1),
      ],
      parents,
    );
    const byOwner = new Map(nested.map(n => [n.owner, n]));
    expect([...byOwner.keys()]).toEqual([
      'group:default/checkout',
      'group:default/engineering',
      'group:default/payments',
      'user:default/alice',
    ]);
    expect(byOwner.get('group:default/engineering')).toMatchObject({
      accountCount: 2,
      worstGrade: 'F',
      grades: { A: 1, F: 1 },
      score: 50,
      descendantOwners: ['group:default/checkout', 'group:default/payments'],
    });
    expect(byOwner.get('group:default/payments')).toMatchObject({
      accountCount: 2,
      descendantOwners: ['group:default/checkout'],
    });
    expect(byOwner.get('group:default/checkout')).toMatchObject({
      accountCount: 1,
      descendantOwners: [],
    });
    expect(byOwner.get('user:default/alice')).toMatchObject({
      accountCount: 1,
      score: 100,
    });
  });

  it('survives cycles in the hierarchy', () => {
    const nested = rollUpOwnerGroups(
      [row('group:default/loop-a', 'A', 1, 1)],
      parents,
    );
    expect(nested.map(n => [n.owner, n.accountCount])).toEqual([
      ['group:default/loop-a', 1],
      ['group:default/loop-b', 1],
    ]);
  });
});
