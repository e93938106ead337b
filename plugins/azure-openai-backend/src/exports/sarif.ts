import { createHash } from 'node:crypto';
import {
  AREA_TITLES,
  listControls,
  remediationMarkdown,
  SEED_PRACTICES,
  type ControlDefinition,
  type ControlResult,
  type Severity,
} from '@pavedai/plugin-azure-openai-common';
import { compactJson, describeAttestation, describeWaiver } from './text';
import type { ExportItem, ExportRenderer } from './types';

/** Name of the tool in `runs[0].tool.driver.name`. */
export const SARIF_TOOL_NAME = 'Azure OpenAI golden path audit';

/** `uriBaseId` of result locations: the Azure Resource Manager endpoint. */
export const SARIF_ARM_BASE_ID = 'AZURE_RESOURCE_MANAGER';

/** Key of the fingerprint that identifies a result across uploads. */
export const SARIF_FINGERPRINT_KEY = 'azureOpenAIAccountControl/v1';

/**
 * GitHub code scanning's `security-severity` (0.1–10): critical ≥ 9.0, high 7.0–8.9, medium
 * 4.0–6.9, low 0.1–3.9.
 */
const SECURITY_SEVERITY: Record<Severity, string> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
};

/** Result level by severity: critical and high are errors, the rest warnings. */
const LEVEL: Record<Severity, 'error' | 'warning'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'warning',
};

/** `Disable public network access` → `DisablePublicNetworkAccess`. */
function ruleName(title: string): string {
  return title
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map(w => w[0].toUpperCase() + w.slice(1))
    .join('');
}

function helpUri(control: ControlDefinition): string | undefined {
  const seed = SEED_PRACTICES.find(p => p.title === control.practice);
  return seed?.url ?? control.references[0]?.url;
}

function helpText(control: ControlDefinition): string {
  return [
    `Pass condition: ${control.passCondition}`,
    '',
    'Azure portal:',
    ...control.remediation.portal.map((step, i) => `${i + 1}. ${step}`),
    '',
    `Azure CLI: ${control.remediation.cli}`,
  ].join('\n');
}

function helpMarkdown(control: ControlDefinition): string {
  return [
    `**Pass condition.** ${control.passCondition}`,
    '',
    `**Why it matters.** ${control.rationale}`,
    '',
    ...remediationMarkdown(control.remediation),
    '',
    '### References',
    '',
    ...control.references.map(r => `- [${r.title}](${r.url})`),
  ].join('\n');
}

/** A `reportingDescriptor` per control of the catalog. */
export function sarifRules(): object[] {
  return listControls().map(control => ({
    id: control.id,
    name: ruleName(control.title),
    shortDescription: { text: control.title },
    fullDescription: { text: control.rationale },
    help: { text: helpText(control), markdown: helpMarkdown(control) },
    ...(helpUri(control) ? { helpUri: helpUri(control) } : {}),
    defaultConfiguration: { level: LEVEL[control.severity] },
    properties: {
      tags: ['security', 'azure-openai', control.area],
      'security-severity': SECURITY_SEVERITY[control.severity],
      severity: control.severity,
      area: control.area,
      areaTitle: AREA_TITLES[control.area],
      practice: control.practice,
      origin: control.origin,
      kind: control.kind,
    },
  }));
}

/** Stable per account and control (case-insensitive ARM id), so re-uploads update one alert. */
export function sarifFingerprint(resourceId: string, controlId: string) {
  return createHash('sha256')
    .update(`${resourceId.toLowerCase()}|${controlId}`)
    .digest('hex');
}

function sarifResult(
  item: ExportItem,
  result: ControlResult,
  ruleIndex: number,
  evaluatedAt: string,
): object {
  const name = item.account?.name ?? item.resourceId.split('/').pop();
  const prefix = result.status === 'unknown' ? 'Evidence missing: ' : '';
  return {
    ruleId: result.controlId,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: LEVEL[result.severity],
    message: { text: `${name}: ${prefix}${result.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: {
            uri: item.resourceId.replace(/^\/+/, ''),
            uriBaseId: SARIF_ARM_BASE_ID,
          },
        },
        logicalLocations: [
          {
            name,
            fullyQualifiedName: item.resourceId,
            kind: 'resource',
          },
        ],
      },
    ],
    partialFingerprints: {
      [SARIF_FINGERPRINT_KEY]: sarifFingerprint(
        item.resourceId,
        result.controlId,
      ),
    },
    properties: {
      status: result.status,
      severity: result.severity,
      area: result.area,
      evaluatedAt,
      owner: item.account?.owner,
      system: item.account?.system,
      evidence: result.evidence.map(e => ({
        path: e.path,
        observed: compactJson(e.observed),
        ...(e.expected !== undefined
          ? { expected: compactJson(e.expected) }
          : {}),
      })),
      ...(result.waiver ? { waiver: describeWaiver(result) } : {}),
      ...(result.attestation
        ? { attestation: describeAttestation(result) }
        : {}),
    },
  };
}

/**
 * SARIF 2.1.0: one run whose rules are the control catalog and whose results are the failing
 * and unknown controls of every account, located by the account's ARM id.
 */
export const renderSarif: ExportRenderer = async function* renderSarif(
  items,
  header,
) {
  const rules = sarifRules();
  const ruleIndex = new Map(listControls().map((c, i) => [c.id, i]));
  const run = {
    tool: {
      driver: {
        name: SARIF_TOOL_NAME,
        rules,
      },
    },
    automationDetails: {
      id: `azure-openai/${header.scope.type}/${header.generatedAt}`,
    },
    originalUriBaseIds: {
      [SARIF_ARM_BASE_ID]: { uri: 'https://management.azure.com/' },
    },
    properties: { scope: header.scope, generatedAt: header.generatedAt },
  };
  const opening = JSON.stringify({
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [run],
  });
  // The log is written without the run's closing `}]}`; the results array is streamed into the run.
  yield `${opening.slice(0, -'}]}'.length)},"results":[`;
  let first = true;
  for await (const item of items) {
    const { posture } = item;
    if (!posture) continue;
    const results = posture.results
      .filter(r => r.status === 'fail' || r.status === 'unknown')
      .map(r =>
        JSON.stringify(
          sarifResult(
            item,
            r,
            ruleIndex.get(r.controlId) ?? -1,
            posture.evaluatedAt,
          ),
        ),
      );
    if (results.length === 0) continue;
    yield `${first ? '\n' : ',\n'}${results.join(',\n')}`;
    first = false;
  }
  yield `\n]}]}\n`;
};
