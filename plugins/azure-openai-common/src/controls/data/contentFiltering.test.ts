import { evaluateAccount } from '../../engine/evaluate';
import {
  FIXTURE_NOW,
  fixtureNames,
  fixturePolicy,
  loadFixture,
} from '../../__fixtures__/fixtures';
import { NOW, testPolicy, validInputs } from '../../__fixtures__/goldenPath';
import { preflight } from '../../goldenPath/preflight';
import { DEFAULT_CONTENT_FILTER_PROFILES } from '../../types';
import type { ContentFilterProfile, GoldenPathPolicy } from '../../types';
import { contentFilterFloor } from '../raiFilters';

/* AOAI-DATA-002 against the golden-path policy's content filter profiles. */

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
type Profiles = Record<string, ContentFilterProfile>;

const ID = 'AOAI-DATA-002';
const hardened = loadFixture('pass-hardened');

/** The candidate's profiles in examples/candidate-policy.yaml: both at Low. */
const LOW_PROFILES: Profiles = {
  strict: {
    severityThreshold: 'Low',
    blockProtectedMaterialCode: true,
    blockProfanity: true,
  },
  standard: { severityThreshold: 'Low', blockProtectedMaterialCode: true },
};

/** The demo's profiles in app-config.yaml: the least strict blocks at Medium. */
const DEMO_PROFILES: Profiles = {
  strict: {
    severityThreshold: 'Low',
    blockProtectedMaterialCode: true,
    blockProfanity: true,
  },
  standard: { severityThreshold: 'Medium' },
};

function evaluate(
  change: (input: Json) => void = () => {},
  profiles?: Profiles,
  fixture = hardened,
) {
  const input = JSON.parse(JSON.stringify(fixture.input));
  change(input);
  const { contentFilterProfiles: _, ...base } = fixturePolicy(fixture);
  const policy: GoldenPathPolicy = profiles
    ? { ...base, contentFilterProfiles: profiles }
    : base;
  return evaluateAccount(input, {
    policy,
    now: FIXTURE_NOW,
    controlIds: [ID],
  }).results[0];
}

/** pass-hardened's only custom policy, used by its four deployments. */
const payments = (i: Json) => i.account.raiPolicies.value.value[0];
const filter = (i: Json, name: string, source: string) =>
  payments(i).properties.contentFilters.find(
    (f: Json) => f.name === name && f.source === source,
  );

/** Every harm filter of payments-strict at Low. */
function allLow(i: Json) {
  for (const f of payments(i).properties.contentFilters) {
    if (f.severityThreshold) f.severityThreshold = 'Low';
  }
}

describe('contentFilterFloor', () => {
  it('is the baseline (Medium, nothing else) without profiles and for the built-in ones', () => {
    expect(contentFilterFloor({})).toEqual({
      threshold: 'Medium',
      blockProfanity: false,
      blockProtectedMaterialCode: false,
    });
    expect(contentFilterFloor(DEFAULT_CONTENT_FILTER_PROFILES)).toEqual(
      contentFilterFloor({}),
    );
    expect(contentFilterFloor(DEMO_PROFILES)).toEqual(contentFilterFloor({}));
  });

  it('is the least strict profile, naming it, when every profile is stricter than the baseline', () => {
    expect(contentFilterFloor(LOW_PROFILES)).toEqual({
      threshold: 'Low',
      blockProfanity: false,
      blockProtectedMaterialCode: true,
      profile: 'standard',
    });
    expect(
      contentFilterFloor({ only: { severityThreshold: 'Low' } }).profile,
    ).toBe('only');
  });

  it('requires an extra filter only when every profile blocks it, and an unset threshold is Medium', () => {
    expect(
      contentFilterFloor({
        a: { severityThreshold: 'Low', blockProtectedMaterialCode: true },
        b: { severityThreshold: 'Low', blockProfanity: true },
      }),
    ).toEqual({
      threshold: 'Low',
      blockProfanity: false,
      blockProtectedMaterialCode: false,
      profile: 'a',
    });
    expect(
      contentFilterFloor({
        a: { severityThreshold: 'Low', blockProfanity: true },
        b: { blockProfanity: true },
      }),
    ).toEqual({
      threshold: 'Medium',
      blockProfanity: true,
      blockProtectedMaterialCode: false,
      profile: 'b',
    });
  });

  it('never drops below the baseline for a High profile', () => {
    expect(
      contentFilterFloor({
        strict: { severityThreshold: 'Low' },
        lenient: { severityThreshold: 'High' },
      }),
    ).toEqual(contentFilterFloor({}));
  });
});

describe('AOAI-DATA-002 without stricter profiles (unchanged behaviour)', () => {
  it('gives the same outcome on every fixture with no profiles, the built-in ones and the demo ones', () => {
    for (const name of fixtureNames()) {
      const fixture = loadFixture(name);
      const without = evaluate(undefined, undefined, fixture);
      expect(evaluate(undefined, DEMO_PROFILES, fixture)).toEqual(without);
      expect(
        evaluate(undefined, { ...DEFAULT_CONTENT_FILTER_PROFILES }, fixture),
      ).toEqual(without);
    }
  });

  it('fails a High threshold against Medium or Low, one issue per filter, with the per-deployment evidence', () => {
    const r = evaluate(i => {
      filter(i, 'Hate', 'Prompt').severityThreshold = 'High';
      filter(i, 'Sexual', 'Completion').severityThreshold = 'High';
    });
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(
      /^Deployment "embeddings": Hate\/Prompt threshold is High \(needs Medium or Low\); deployment "embeddings": Sexual\/Completion threshold is High \(needs Medium or Low\); deployment "chat-eu": /,
    );
    expect(r.message).not.toContain('golden-path profile');
    expect(r.evidence).toHaveLength(4);
    expect(r.evidence[0]).toMatchObject({
      path: 'deployments[embeddings] -> raiPolicies[payments-strict].properties.contentFilters[name in Hate, Sexual, Violence, Selfharm]',
      expected:
        'Hate/Prompt threshold is High (needs Medium or Low); Sexual/Completion threshold is High (needs Medium or Low)',
    });
  });

  it('passes Medium harm filters without Profanity on completions or blocking protected code', () => {
    const r = evaluate();
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Every deployment blocks hate, sexual, violence and self-harm content at Medium or stricter.',
    );
  });

  it('stays unknown for a system policy missing from the list', () => {
    const r = evaluate(
      undefined,
      undefined,
      loadFixture('unknown-system-policy'),
    );
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('Microsoft.DefaultV2');
  });
});

describe('AOAI-DATA-002 against stricter golden-path profiles', () => {
  it('fails Medium harm filters when every profile blocks at Low, naming the filters, thresholds and profile', () => {
    const r = evaluate(undefined, LOW_PROFILES);
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'Deployment "embeddings": Sexual/Prompt, Sexual/Completion, Violence/Prompt, Violence/Completion thresholds are Medium (needs Low: golden-path profile "standard")',
    );
    expect(r.message).toContain(
      'deployment "chat-41": Protected Material Code/Completion does not block (golden-path profile "standard" blocks it)',
    );
    expect(r.message).toMatch(
      /The golden-path policy's least strict content filter profile is "standard" \(hate, sexual, violence and self-harm blocking at Low, protected code blocked\): apply it \(the golden path's RAI policy golden-path-standard\) or a stricter filter to every deployment\.$/,
    );
    // one evidence read per deployment, with what it has and what it needs
    expect(r.evidence.map(e => e.path)).toEqual(
      ['embeddings', 'chat-eu', 'chat-ptu', 'chat-41'].map(
        d =>
          `deployments[${d}] -> raiPolicies[payments-strict].properties.contentFilters[name in Hate, Sexual, Violence, Selfharm, Protected Material Code]`,
      ),
    );
    const observed = r.evidence[0].observed as Json[];
    expect(
      observed.find(f => f.name === 'Sexual' && f.source === 'Prompt')
        .severityThreshold,
    ).toBe('Medium');
    expect(r.evidence[0].expected).toContain('needs Low');
  });

  it('passes once every harm filter is at Low and protected code blocks', () => {
    const r = evaluate(i => {
      allLow(i);
      filter(i, 'Protected Material Code', 'Completion').blocking = true;
    }, LOW_PROFILES);
    expect(r.status).toBe('pass');
    expect(r.message).toBe(
      'Every deployment\'s content filter is at least as strict as the golden-path profile "standard" (hate, sexual, violence and self-harm blocking at Low, protected code blocked).',
    );
  });

  it('requires Profanity blocking on prompts and completions when every profile blocks it', () => {
    const profiles: Profiles = {
      strict: { severityThreshold: 'Low', blockProfanity: true },
    };
    const promptOnly = evaluate(allLow, profiles);
    expect(promptOnly.status).toBe('fail');
    expect(promptOnly.message).toContain(
      'Deployment "embeddings": Profanity/Completion is off (golden-path profile "strict" blocks it)',
    );
    expect(promptOnly.message).not.toContain('Profanity/Prompt');
    const both = evaluate(i => {
      allLow(i);
      payments(i).properties.contentFilters.push({
        name: 'Profanity',
        source: 'Completion',
        enabled: true,
        blocking: true,
      });
    }, profiles);
    expect(both.status).toBe('pass');
  });

  it('keeps the baseline issues (missing, disabled, annotate-only) ahead of the thresholds', () => {
    const r = evaluate(i => {
      filter(i, 'Hate', 'Prompt').enabled = false;
      filter(i, 'Violence', 'Completion').blocking = false;
    }, LOW_PROFILES);
    expect(r.message).toContain(
      'Deployment "embeddings": Hate/Prompt filter is disabled; deployment "embeddings": Violence/Completion filter does not block; deployment "embeddings": Sexual/Prompt, Sexual/Completion, Violence/Prompt thresholds are Medium (needs Low',
    );
  });

  it('compares a deployment on a listed system policy with what that policy enforces', () => {
    const r = evaluate(i => {
      allLow(i);
      filter(i, 'Protected Material Code', 'Completion').blocking = true;
      i.account.deployments.value.value[0].properties.raiPolicyName =
        'Microsoft.DefaultV2';
    }, LOW_PROFILES);
    expect(r.status).toBe('fail');
    expect(r.message).toMatch(
      /^Deployment "embeddings": Hate\/Prompt, Hate\/Completion, Sexual\/Prompt, Sexual\/Completion, Violence\/Prompt, Violence\/Completion, Selfharm\/Prompt, Selfharm\/Completion thresholds are Medium \(needs Low: golden-path profile "standard"\); deployment "embeddings": Protected Material Code\/Completion does not block/,
    );
    expect(r.message).not.toContain('"chat-eu"');
    expect(r.evidence[0].path).toBe(
      'deployments[embeddings] -> raiPolicies[Microsoft.DefaultV2].properties.contentFilters[name in Hate, Sexual, Violence, Selfharm, Protected Material Code]',
    );
  });

  it('fails a system policy missing from the list on its documented Medium defaults', () => {
    const r = evaluate(
      undefined,
      LOW_PROFILES,
      loadFixture('unknown-system-policy'),
    );
    expect(r.status).toBe('fail');
    expect(r.message).toContain(
      'uses system policy "Microsoft.DefaultV2" (not in the policy list; its documented defaults): Hate/Prompt, Hate/Completion, Sexual/Prompt, Sexual/Completion, Violence/Prompt, Violence/Completion, Selfharm/Prompt, Selfharm/Completion thresholds are Medium (needs Low: golden-path profile "standard")',
    );
    expect(r.evidence[0]).toMatchObject({
      observed: 'Microsoft.DefaultV2',
      expected: expect.stringContaining('needs Low'),
    });
  });

  it('is unknown when the RAI policies could not be read, whatever the profiles', () => {
    const r = evaluate(i => {
      i.account.raiPolicies = { state: 'absent', reason: 'forbidden' };
    }, LOW_PROFILES);
    expect(r.status).toBe('unknown');
    expect(r.message).toContain('RAI (content filter) policy list');
  });

  it('is not applicable without deployments', () => {
    const r = evaluate(i => {
      i.account.deployments.value.value = [];
    }, LOW_PROFILES);
    expect(r.status).toBe('not-applicable');
  });

  it('passes accounts the golden path builds from any of the profiles', () => {
    const policy: GoldenPathPolicy = {
      ...testPolicy,
      contentFilterProfiles: LOW_PROFILES,
    };
    for (const profile of Object.keys(LOW_PROFILES)) {
      const result = preflight(
        validInputs({ contentFilterProfile: profile }),
        policy,
        { now: NOW },
      );
      expect(
        result.evaluation.results.find(r => r.controlId === ID),
      ).toMatchObject({ status: 'pass' });
      expect(result.blocking).toEqual([]);
    }
  });
});
