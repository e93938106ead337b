import {
  listControls,
  SEED_PRACTICES,
} from '@pavedai/plugin-azure-openai-common';
import { evaluateFixture } from '../testUtils/fixtures';
import { CSV_COLUMNS, csvCell, NOT_SCANNED, renderCsv } from './csv';
import { exportItem, hostileEvaluation } from './__testUtils__/fixtures';
import { JSON_EXPORT_FORMAT, renderJson } from './json';
import { mdCell, renderMarkdown } from './markdown';
import {
  renderSarif,
  SARIF_ARM_BASE_ID,
  SARIF_FINGERPRINT_KEY,
  sarifFingerprint,
} from './sarif';
import {
  collect,
  fromArray,
  loadSarifValidator,
  parseCsv,
} from './__testUtils__/parsers';
import type { ExportHeader, ExportItem } from './types';

const HEADER: ExportHeader = {
  scope: { type: 'fleet' },
  generatedAt: '2026-11-28T13:00:00.000Z',
};

const hostile = hostileEvaluation();
const ITEMS: ExportItem[] = [
  exportItem('aoai-hostile', hostile, {
    owner: 'group:default/team-a',
    system: 'system:default/payments',
  }),
  exportItem('aoai-good', evaluateFixture('pass-hardened')),
  exportItem('aoai-unknown', evaluateFixture('unknown-forbidden')),
  { resourceId: exportItem('aoai-new', undefined).resourceId },
];

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2', "'-2"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=A1,"x"', '"\'=A1,""x"""'],
    ['plain text', 'plain text'],
    [undefined, ''],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe('renderCsv', () => {
  it('writes one RFC 4180 row per account and control, guarded against formulas', async () => {
    const text = await collect(renderCsv(fromArray(ITEMS), HEADER));
    const rows = parseCsv(text);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1);
    const perAccount = (name: string) => body.filter(r => r[2] === name);
    expect(perAccount('aoai-hostile')).toHaveLength(hostile.results.length);
    expect(perAccount('aoai-good')).toHaveLength(
      evaluateFixture('pass-hardened').results.length,
    );
    expect(body.every(r => r.length === CSV_COLUMNS.length)).toBe(true);

    const col = (name: (typeof CSV_COLUMNS)[number]) =>
      CSV_COLUMNS.indexOf(name);
    const injected = body.find(r => r[col('message')].includes('HYPERLINK'))!;
    // The formula is neutralised and the quotes, comma and line break survive the round trip.
    expect(injected[col('message')]).toBe(
      '\'=HYPERLINK("http://evil.example","click"), then\nsecond line',
    );
    expect(injected[col('owner')]).toBe('group:default/team-a');
    expect(injected[col('system')]).toBe('system:default/payments');
    expect(injected[col('evaluated_at')]).toBe(hostile.evaluatedAt);
    expect(injected[col('status')]).toBe('fail');
    expect(injected[col('control_title')]).not.toBe('');
    // No cell a spreadsheet would run as a formula.
    expect(body.flat().filter(cell => /^[=+\-@]/.test(cell))).toEqual([]);

    const waived = body.find(r => r[col('status')] === 'waived')!;
    expect(waived[col('waiver')]).toBe(
      'approved by user:default/platform-lead until 2027-01-31T00:00:00.000Z: Legacy | migration until Q3',
    );
    const attested = body.find(r => r[col('status')] === 'attested')!;
    expect(attested[col('attestation')]).toBe(
      'by user:default/owner until 2027-10-01T00:00:00.000Z: DR test passed on 2026-10-01 (https://wiki.example/dr-test)',
    );

    const unscanned = body.filter(r => r[col('status')] === NOT_SCANNED);
    expect(unscanned).toHaveLength(1);
    expect(unscanned[0][col('resource_id')]).toBe(ITEMS[3].resourceId);
  });
});

describe('renderJson', () => {
  it('round-trips every account with its posture and evidence', async () => {
    const text = await collect(renderJson(fromArray(ITEMS), HEADER));
    const parsed = JSON.parse(text);
    expect(parsed.format).toBe(JSON_EXPORT_FORMAT);
    expect(parsed.generatedAt).toBe(HEADER.generatedAt);
    expect(parsed.scope).toEqual({ type: 'fleet' });
    expect(parsed.accountCount).toBe(ITEMS.length);
    expect(parsed.accounts).toEqual(
      ITEMS.map(item => ({
        resourceId: item.resourceId,
        account: item.account ?? null,
        posture: JSON.parse(JSON.stringify(item.posture ?? null)),
      })),
    );
    expect(
      parsed.accounts[0].posture.results.some(
        (r: { evidence: unknown[] }) => r.evidence.length > 0,
      ),
    ).toBe(true);
  });

  it('writes a valid document for an empty scope', async () => {
    const parsed = JSON.parse(await collect(renderJson(fromArray([]), HEADER)));
    expect(parsed.accounts).toEqual([]);
    expect(parsed.accountCount).toBe(0);
  });
});

describe('renderSarif', () => {
  const validate = loadSarifValidator();

  it('is valid SARIF 2.1.0 with the catalog as rules and fail/unknown controls as results', async () => {
    const log = JSON.parse(
      await collect(renderSarif(fromArray(ITEMS), HEADER)),
    );
    expect(validate(log)).toBe(true);
    expect(validate.errors ?? []).toEqual([]);
    // The validator does reject what the schema forbids (a run without its tool).
    expect(validate({ version: '2.1.0', runs: [{ results: [] }] })).toBe(false);

    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    const [run] = log.runs;
    const controls = listControls();
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(
      controls.map(c => c.id),
    );
    const rule = run.tool.driver.rules[0];
    expect(rule.shortDescription.text).toBe(controls[0].title);
    expect(rule.fullDescription.text).toBe(controls[0].rationale);
    expect(rule.help.markdown).toContain(controls[0].passCondition);
    expect(rule.help.markdown).toContain(controls[0].remediation.cli);
    expect(rule.help.markdown).toContain('```bicep');
    expect(rule.helpUri).toMatch(/^https:\/\//);
    expect(rule.properties.tags).toContain('security');
    expect(Number(rule.properties['security-severity'])).toBeGreaterThan(0);

    const expected = ITEMS.flatMap(item =>
      (item.posture?.results ?? [])
        .filter(r => r.status === 'fail' || r.status === 'unknown')
        .map(r => `${item.resourceId}|${r.controlId}`),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(
      run.results.map(
        (r: any) =>
          `${r.locations[0].logicalLocations[0].fullyQualifiedName}|${r.ruleId}`,
      ),
    ).toEqual(expected);

    const first = run.results[0];
    expect(first.locations[0].logicalLocations[0].kind).toBe('resource');
    expect(first.locations[0].physicalLocation.artifactLocation).toEqual({
      uri: ITEMS[0].resourceId.slice(1),
      uriBaseId: SARIF_ARM_BASE_ID,
    });
    expect(run.originalUriBaseIds[SARIF_ARM_BASE_ID].uri).toBe(
      'https://management.azure.com/',
    );
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first.partialFingerprints[SARIF_FINGERPRINT_KEY]).toBe(
      sarifFingerprint(ITEMS[0].resourceId, first.ruleId),
    );
    for (const result of run.results) {
      const severity = result.properties.severity;
      expect(result.level).toBe(
        severity === 'critical' || severity === 'high' ? 'error' : 'warning',
      );
    }
    expect(
      run.results.some((r: any) => r.properties.status === 'unknown'),
    ).toBe(true);
  });

  it('keeps fingerprints stable across exports, whatever the ARM id case', async () => {
    const render = async (items: ExportItem[], generatedAt: string) =>
      JSON.parse(
        await collect(
          renderSarif(fromArray(items), { ...HEADER, generatedAt }),
        ),
      ).runs[0].results.map((r: any) => r.partialFingerprints);
    const upper = {
      ...ITEMS[0],
      resourceId: ITEMS[0].resourceId.toUpperCase(),
    };
    const a = await render([ITEMS[0]], '2026-11-28T13:00:00.000Z');
    const b = await render([upper], '2026-12-05T13:00:00.000Z');
    expect(a).toEqual(b);
    expect(new Set(a.map((f: any) => f[SARIF_FINGERPRINT_KEY])).size).toBe(
      a.length,
    );
  });

  it('is valid with no results', async () => {
    const log = JSON.parse(await collect(renderSarif(fromArray([]), HEADER)));
    expect(validate(log)).toBe(true);
    expect(log.runs[0].results).toEqual([]);
  });
});

describe('renderMarkdown', () => {
  it('writes an evidence pack with controls, waivers, attestations, evidence and the seed mapping', async () => {
    const text = await collect(
      renderMarkdown(fromArray(ITEMS), {
        scope: { type: 'owner', ownerRef: 'group:default/team-a' },
        generatedAt: HEADER.generatedAt,
      }),
    );
    expect(text).toContain('# Azure OpenAI evidence pack');
    expect(text).toContain('accounts owned by `group:default/team-a`');
    for (const practice of SEED_PRACTICES) {
      expect(text).toContain(`[${mdCell(practice.title)}](${practice.url})`);
    }
    const section = text.slice(
      text.indexOf('## Account aoai-hostile'),
      text.indexOf('## Account aoai-good'),
    );
    expect(section).toContain(`| ARM id | \`${ITEMS[0].resourceId}\` |`);
    expect(section).toContain(`| Evaluated at | ${hostile.evaluatedAt}`);
    for (const r of hostile.results) {
      expect(section).toContain(`| ${r.controlId} |`);
      expect(section).toContain(`#### ${r.controlId}: ${r.status}`);
    }
    // The waiver's reason keeps its pipe without breaking the table.
    expect(section).toContain(
      '| user:default/platform-lead | 2027-01-31T00:00:00.000Z | Legacy \\| migration until Q3 |',
    );
    // The hostile message stays on one table row.
    expect(section).toContain(
      '=HYPERLINK("http://evil.example","click"), then second line |',
    );
    const withEvidence = hostile.results.find(r => r.evidence.length > 0)!;
    expect(section).toContain(`\`${withEvidence.evidence[0].path}\`: observed`);
    expect(section).toContain(
      '| user:default/owner | 2027-10-01T00:00:00.000Z | DR test passed on 2026-10-01 | https://wiki.example/dr-test |',
    );
    expect(text).toContain(
      '_Not evaluated yet: no evidence is stored for this account._',
    );
    expect(text).toContain('4 accounts in this pack.');
  });
});
