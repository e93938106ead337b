import { parseCandidatePolicyYaml } from './candidate';

describe('parseCandidatePolicyYaml', () => {
  it('reads the bare block and the block with its app-config parents alike', () => {
    const bare = parseCandidatePolicyYaml(
      'allowedRegions: [swedencentral]',
      'policyYaml',
    );
    const nested = parseCandidatePolicyYaml(
      'azureOpenAI:\n  goldenPath:\n    allowedRegions: [swedencentral]\n',
      'policyYaml',
    );
    expect(bare.allowedRegions).toEqual(['swedencentral']);
    expect(nested).toEqual(bare);
  });

  it('names the line of a syntax error', () => {
    expect(() =>
      parseCandidatePolicyYaml(
        'allowedRegions:\n  - swedencentral\n  bad: [',
        'policyYaml',
      ),
    ).toThrow(/^Invalid policyYaml: not YAML at line \d+, column \d+: .+Fix:/);
  });

  it('refuses tags that would make the policy more than data, naming the tag', () => {
    expect(() =>
      parseCandidatePolicyYaml(
        'allowedRegions: !!js/function "function () { return 1 }"',
        'policyYaml',
      ),
    ).toThrow(/Invalid policyYaml: not YAML at line 1, .*js\/function/);
  });

  it('refuses alias bombs instead of expanding them', () => {
    const names = 'abcdefghi'.split('');
    const text = [
      `a: &a [${Array(9).fill('"x"').join(',')}]`,
      ...names
        .slice(1)
        .map(
          (n, i) => `${n}: &${n} [${Array(9).fill(`*${names[i]}`).join(',')}]`,
        ),
      'allowedRegions: *i',
    ].join('\n');
    expect(() => parseCandidatePolicyYaml(text, 'policyYaml')).toThrow(
      /Invalid policyYaml: not YAML.*alias/i,
    );
  });

  it('names the field of a well-formed but wrong policy', () => {
    expect(() =>
      parseCandidatePolicyYaml('allowedRegion: [swedencentral]', 'policyYaml'),
    ).toThrow(/allowedRegion/);
  });
});
