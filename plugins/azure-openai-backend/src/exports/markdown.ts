import {
  AREA_TITLES,
  getControl,
  getControlsByPractice,
  SEED_PRACTICES,
  type ControlResult,
  type GovernanceScope,
} from '@pavedai/plugin-azure-openai-common';
import { compactJson } from './text';
import type { ExportHeader, ExportItem, ExportRenderer } from './types';

/** Text for a Markdown table cell: pipes escaped, line breaks flattened. */
export function mdCell(value: string | undefined): string {
  return (value ?? '')
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r?\n/g, ' ');
}

/** An inline code span that holds any text (backticks in it lengthen the fence). */
function code(value: string): string {
  const longest = Math.max(
    0,
    ...(value.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(longest + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

function scopeText(header: ExportHeader): string {
  const { scope } = header;
  if (scope.type === 'entity') return `entity ${code(scope.entityRef)}`;
  if (scope.type === 'owner') {
    return `accounts owned by ${code(scope.ownerRef)}`;
  }
  return 'the whole fleet';
}

function practiceMapping(): string {
  const lines = [
    '## Baseline: seed practices and controls',
    '',
    'Each practice of Microsoft\'s "Secure your Azure OpenAI Service deployment" and the controls that check it.',
    '',
    '| Area | Practice | Controls |',
    '|---|---|---|',
  ];
  for (const practice of SEED_PRACTICES) {
    const controls = getControlsByPractice(practice.title)
      .map(c => c.id)
      .join(', ');
    lines.push(
      `| ${mdCell(AREA_TITLES[practice.area])} | [${mdCell(practice.title)}](${
        practice.url
      }) | ${mdCell(controls || '—')} |`,
    );
  }
  return `${lines.join('\n')}\n\n`;
}

function evidenceLines(result: ControlResult): string[] {
  if (result.evidence.length === 0) {
    return ['- no evidence read (human statement required)'];
  }
  return result.evidence.map(
    e =>
      `- ${code(e.path)}: observed ${code(compactJson(e.observed))}${
        e.expected !== undefined
          ? `, expected ${code(compactJson(e.expected))}`
          : ''
      }`,
  );
}

function scopeCell(scope: GovernanceScope): string {
  return scope.type === 'account' ? 'this account' : scope.entityRef;
}

/** A Markdown table, or `None.` without rows. */
function table(headings: string[], rows: string[][]): string[] {
  if (rows.length === 0) return ['None.'];
  return [
    `| ${headings.join(' | ')} |`,
    `|${headings.map(() => '---').join('|')}|`,
    ...rows.map(cells => `| ${cells.map(c => mdCell(c)).join(' | ')} |`),
  ];
}

/**
 * The waivers and attestations in force: from the governance store when the export read it (now),
 * otherwise those the latest evaluation applied.
 */
function governanceLines(
  item: ExportItem,
  results: readonly ControlResult[],
): string[] {
  const { governance } = item;
  const waivers = governance
    ? table(
        [
          'Control',
          'Scope',
          'Approved by',
          'Approved at',
          'Expires',
          'Reason',
          'Risk accepted',
          'Compensating control',
        ],
        governance.waivers.map(w => [
          w.controlId,
          scopeCell(w.scope),
          w.decidedBy ?? '',
          w.decidedAt ?? '',
          w.expiresAt,
          w.reason,
          w.riskAccepted,
          w.compensatingControl,
        ]),
      )
    : table(
        ['Control', 'Approved by', 'Expires', 'Reason'],
        results.flatMap(r =>
          r.waiver
            ? [
                [
                  r.controlId,
                  r.waiver.approvedBy,
                  r.waiver.expiresAt,
                  r.waiver.reason,
                ],
              ]
            : [],
        ),
      );
  const attestations = governance
    ? table(
        [
          'Control',
          'Scope',
          'Author',
          'Attested at',
          'Expires',
          'Statement',
          'Evidence',
        ],
        governance.attestations.map(a => [
          a.controlId,
          scopeCell(a.scope),
          a.author,
          a.createdAt,
          a.expiresAt,
          a.statement,
          a.evidenceUrl,
        ]),
      )
    : table(
        ['Control', 'Author', 'Expires', 'Statement', 'Evidence'],
        results.flatMap(r =>
          r.attestation
            ? [
                [
                  r.controlId,
                  r.attestation.author,
                  r.attestation.expiresAt,
                  r.attestation.statement,
                  r.attestation.evidenceUrl,
                ],
              ]
            : [],
        ),
      );
  return [
    '',
    '### Waivers in force',
    '',
    ...waivers,
    '',
    '### Attestations in force',
    '',
    ...attestations,
  ];
}

function accountSection(item: ExportItem): string {
  const { account, posture } = item;
  const name = account?.name ?? item.resourceId.split('/').pop() ?? '';
  const lines = [
    `## Account ${mdCell(name)}`,
    '',
    '| | |',
    '|---|---|',
    `| ARM id | ${code(item.resourceId)} |`,
    `| Subscription | ${mdCell(account?.subscriptionId ?? '—')} |`,
    `| Resource group | ${mdCell(account?.resourceGroup ?? '—')} |`,
    `| Owner | ${mdCell(account?.owner ?? '—')} |`,
    `| System | ${mdCell(account?.system ?? '—')} |`,
  ];
  if (item.linkedBy) {
    lines.push(`| Linked by | ${mdCell(item.linkedBy.join(', '))} |`);
  }
  if (account?.deleted) {
    lines.push(`| Deleted | since ${mdCell(account.deletedAt ?? '?')} |`);
  }
  if (!posture) {
    lines.push(
      '',
      '_Not evaluated yet: no evidence is stored for this account._',
      '',
    );
    return `${lines.join('\n')}\n`;
  }
  lines.push(
    `| Evaluated at | ${posture.evaluatedAt} (scan ${mdCell(
      posture.scanId,
    )}) |`,
    `| Grade | ${posture.grade} (score ${posture.score}${
      posture.capped ? ', capped by a failing critical control' : ''
    }) |`,
  );
  if (posture.status === 'error') {
    lines.push(
      `| Collection error | ${mdCell(posture.error ?? 'unknown error')} |`,
    );
  }
  lines.push(
    '',
    '### Controls',
    '',
    '| Control | Title | Seed practice | Severity | Status | Result |',
    '|---|---|---|---|---|---|',
  );
  for (const r of posture.results) {
    const control = getControl(r.controlId);
    lines.push(
      `| ${r.controlId} | ${mdCell(control?.title)} | ${mdCell(
        control?.practice,
      )} | ${r.severity} | ${r.status} | ${mdCell(r.message)} |`,
    );
  }
  lines.push(...governanceLines(item, posture.results));
  lines.push('', `### Evidence (read at ${posture.evaluatedAt})`, '');
  for (const r of posture.results) {
    lines.push(`#### ${r.controlId}: ${r.status}`, '', ...evidenceLines(r), '');
  }
  return `${lines.join('\n')}\n`;
}

/**
 * Markdown evidence pack for auditors: the seed practice mapping, then per account its controls
 * and statuses, the waivers and attestations in force, and the evidence each control read.
 */
export const renderMarkdown: ExportRenderer = async function* renderMarkdown(
  items,
  header,
) {
  yield [
    '# Azure OpenAI evidence pack',
    '',
    `Scope: ${scopeText(header)}. Generated at ${header.generatedAt}.`,
    '',
    'Statuses: `pass`, `fail`, `unknown` (evidence missing: never counts as a pass), `not-applicable`, `waived` (accepted risk with an approved, unexpired waiver), `attested` (a human statement with evidence), `attestation-required`.',
    '',
    '',
  ].join('\n');
  yield practiceMapping();
  let count = 0;
  for await (const item of items) {
    yield accountSection(item);
    count += 1;
  }
  yield count === 0
    ? '_No Azure OpenAI account in this scope._\n'
    : `---\n\n${count} account${count === 1 ? '' : 's'} in this pack.\n`;
};
