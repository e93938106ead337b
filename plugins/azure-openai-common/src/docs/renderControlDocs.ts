import { AREA_TITLES, SEED_PRACTICES } from '../catalog/practices';
import {
  CONTROL_AREAS,
  getControlsByPractice,
  listControls,
} from '../catalog/catalog';
import type { ControlDefinition } from '../types';
import { remediationMarkdown } from './remediationMarkdown';
import {
  CRITICAL_FAILURE_GRADE_CAP,
  GRADE_THRESHOLDS,
  SEVERITY_WEIGHTS,
} from '../engine/scoring';

const HEADER =
  '<!-- Generated from @pavedai/plugin-azure-openai-common by `yarn docs:controls`. Do not edit by hand. -->';

const KIND_TEXT: Record<ControlDefinition['kind'], string> = {
  automated: 'automated',
  partial: 'partial (evidence + human confirmation)',
  attestation: 'attestation',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function list(values: readonly string[] | undefined): string {
  return values && values.length > 0
    ? values.map(v => `\`${v}\``).join(', ')
    : '—';
}

function shortGuids(guids: readonly string[] | undefined): string {
  return guids && guids.length > 0
    ? guids.map(g => `\`${g.slice(0, 8)}\``).join(', ')
    : '—';
}

/** File name of a control's page. */
function pageName(control: ControlDefinition): string {
  return `${control.id}.md`;
}

function renderControl(control: ControlDefinition): string {
  const seed = SEED_PRACTICES.find(p => p.title === control.practice);
  const lines: string[] = [
    HEADER,
    '',
    `# ${control.id}: ${control.title}`,
    '',
    '| | |',
    '|---|---|',
    `| Area | ${AREA_TITLES[control.area]} |`,
    `| Seed practice | ${
      seed ? `[${control.practice}](${seed.url})` : control.practice
    }${control.origin === 'extra' ? ' (extra check beyond the seed)' : ''} |`,
    `| Severity | ${control.severity} |`,
    `| Kind | ${KIND_TEXT[control.kind]} |`,
    `| Waivable | ${control.nonWaivable ? 'no' : 'yes'} |`,
    `| Evidence read | ${
      control.reads.length > 0 ? list(control.reads) : 'none (human statement)'
    } |`,
    '',
    '## Why it matters',
    '',
    control.rationale,
    '',
    '## Pass condition',
    '',
    control.passCondition,
    '',
    '## Remediation',
    '',
    ...remediationMarkdown(control.remediation),
    '',
    '## Mappings',
    '',
    '| Tool | Checks |',
    '|---|---|',
    `| Azure Policy | ${list(control.mappings.azurePolicy)} |`,
    `| PSRule for Azure | ${list(control.mappings.psrule)} |`,
    `| Checkov | ${list(control.mappings.checkov)} |`,
    `| Microsoft cloud security benchmark | ${list(control.mappings.mcsb)} |`,
    '',
    '## References',
    '',
    ...control.references.map(r => `- [${r.title}](${r.url})`),
    '',
  ];
  return lines.join('\n');
}

function renderIndex(): string {
  const controls = listControls();
  const count = (kind: ControlDefinition['kind']) =>
    controls.filter(c => c.kind === kind).length;
  const lines: string[] = [
    HEADER,
    '',
    '# Azure OpenAI control catalog',
    '',
    `${controls.length} controls cover the ${SEED_PRACTICES.length} practices of "Secure your Azure OpenAI Service deployment": ` +
      `${count('automated')} automated, ${count('partial')} partial, ${count(
        'attestation',
      )} attestation. ` +
      `${
        controls.filter(c => c.origin === 'extra').length
      } of them are extra checks beyond the seed, listed under the closest practice.`,
    '',
    'Statuses: `pass`, `fail`, `unknown` (evidence missing or unreadable; never counts as a pass), ' +
      '`not-applicable`, `waived` (active waiver; not for non-waivable controls), `attested` (valid attestation ' +
      'with author, evidence link and expiry) and `attestation-required`.',
    '',
    `Score: 100 × Σ weight(pass, attested) / Σ weight(pass, attested, fail, unknown), ` +
      `with weights ${Object.entries(SEVERITY_WEIGHTS)
        .map(([s, w]) => `${s} ${w}`)
        .join(', ')}; ` +
      '`not-applicable`, `waived` and `attestation-required` are left out (the controls waiting for an ' +
      'attestation are counted on their own). Grades: ' +
      `${Object.entries(GRADE_THRESHOLDS)
        .map(([g, t]) => `${g} ≥ ${t}`)
        .join(', ')}, otherwise F. ` +
      `A failing critical control caps the grade at ${CRITICAL_FAILURE_GRADE_CAP}.`,
    '',
    'Coverage matrix: seed practice → controls → kind → peer mappings.',
    '',
  ];
  for (const area of CONTROL_AREAS) {
    lines.push(`## ${AREA_TITLES[area]}`, '');
    lines.push(
      '| Seed practice | Control | Kind | Severity | Azure Policy | PSRule | Checkov | MCSB |',
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const practice of SEED_PRACTICES.filter(p => p.area === area)) {
      const implementing = getControlsByPractice(practice.title);
      implementing.forEach((c, i) => {
        lines.push(
          `| ${i === 0 ? cell(practice.title) : ''} | [${c.id}](./${pageName(
            c,
          )}) ${cell(c.title)}${c.origin === 'extra' ? ' *(extra)*' : ''} | ${
            c.kind
          } | ${c.severity} | ${shortGuids(c.mappings.azurePolicy)} | ${list(
            c.mappings.psrule,
          )} | ${list(c.mappings.checkov)} | ${list(c.mappings.mcsb)} |`,
        );
      });
      if (implementing.length === 0) {
        lines.push(`| ${cell(practice.title)} | **not covered** | | | | | | |`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

/**
 * Renders the `docs/controls/` pages: `index.md` (coverage matrix) and one page per control.
 *
 * @returns a map from file name (relative to `docs/controls/`) to Markdown content, sorted by name
 * @public
 */
export function renderControlDocs(): Record<string, string> {
  const files: Record<string, string> = { 'index.md': renderIndex() };
  for (const control of listControls())
    files[pageName(control)] = renderControl(control);
  return Object.fromEntries(
    Object.entries(files).sort(([a], [b]) => a.localeCompare(b)),
  );
}
