import type {
  GoldenPathContentFilterProfileOption,
  GoldenPathModelOption,
  GoldenPathOptions,
} from '@pavedai/plugin-azure-openai-common';

/** What an `AzureOpenAIPolicyChoice` field picks. */
export type PolicyChoice = 'subscription' | 'region' | 'contentFilterProfile';

/** Every value of `ui:options.choice`. */
export const POLICY_CHOICES: ReadonlyArray<PolicyChoice> = [
  'subscription',
  'region',
  'contentFilterProfile',
];

/** How a person reads each choice. */
export const POLICY_CHOICE_LABELS: Record<PolicyChoice, string> = {
  subscription: 'subscription',
  region: 'region',
  contentFilterProfile: 'content filter profile',
};

/** Whether `value` is a valid `ui:options.choice`. */
export function isPolicyChoice(value: unknown): value is PolicyChoice {
  return (
    typeof value === 'string' && POLICY_CHOICES.includes(value as PolicyChoice)
  );
}

/** The values the policy allows for `choice`; empty means "not restricted". */
export function allowedValues(
  options: GoldenPathOptions,
  choice: PolicyChoice,
): string[] {
  switch (choice) {
    case 'subscription':
      return options.subscriptions;
    case 'region':
      return options.regions;
    case 'contentFilterProfile':
      return options.contentFilterProfiles.map(p => p.name);
    default:
      return [];
  }
}

/**
 * Why `value` is not allowed for `choice`, naming the allowed values; `undefined` when it is
 * allowed or empty (the JSON schema's `required` covers empty values). Subscriptions and regions
 * compare case-insensitively and profiles exactly, like the backend's provisioning check.
 */
export function policyChoiceProblem(
  value: string | undefined,
  options: GoldenPathOptions,
  choice: PolicyChoice,
): string | undefined {
  if (!value) return undefined;
  const allowed = allowedValues(options, choice);
  if (allowed.length === 0) return undefined;
  const ok =
    choice === 'contentFilterProfile'
      ? allowed.includes(value)
      : allowed.some(a => a.toLowerCase() === value.toLowerCase());
  if (ok) return undefined;
  return `The ${
    POLICY_CHOICE_LABELS[choice]
  } "${value}" is not allowed by the golden-path policy. Allowed: ${list(
    allowed,
  )}.`;
}

/** One line saying what a content filter profile blocks. */
export function describeContentFilterProfile(
  profile: GoldenPathContentFilterProfileOption,
): string {
  const blocks = [
    `harmful content of ${profile.severityThreshold.toLowerCase()} severity and above`,
  ];
  if (profile.blockProtectedMaterialCode) blocks.push('protected code');
  if (profile.blockProfanity) blocks.push('profanity');
  return `Threshold ${profile.severityThreshold}: blocks ${joinWords(blocks)}`;
}

/** One row of an `AzureOpenAIModelDeployments` field, as the form holds it while editing. */
export interface DeploymentRow {
  name?: string;
  model?: string;
  version?: string;
  sku?: string;
  capacity?: number;
}

/** The fields of a {@link DeploymentRow}, in form order. */
export type DeploymentField = keyof DeploymentRow;

/** A reason a deployment row is refused. */
export interface DeploymentProblem {
  /** Index of the row (0-based). */
  row: number;
  /** The field at fault; absent for problems of the whole list. */
  field?: DeploymentField;
  /** The message, naming the row and the field. */
  message: string;
  /** The message without the row, for showing next to the field. */
  detail: string;
  /** Whether the value is missing (shown on submit) or present but refused (shown at once). */
  kind: 'missing' | 'refused';
}

/** Azure's rule for deployment names. */
export const DEPLOYMENT_NAME_PATTERN = /^[A-Za-z0-9_.-]{2,64}$/;

/** The approved model named `model` (case-insensitive), if the policy lists it. */
export function findModel(
  options: GoldenPathOptions,
  model: string | undefined,
): GoldenPathModelOption | undefined {
  if (!model) return undefined;
  const wanted = model.toLowerCase();
  return options.models.find(m => m.name.toLowerCase() === wanted);
}

/** The capacity cap of `sku` (case-insensitive), if the policy has one. */
export function capacityCap(
  options: GoldenPathOptions,
  sku: string | undefined,
): number | undefined {
  if (!sku) return undefined;
  const wanted = sku.toLowerCase();
  const entry = Object.entries(options.capacityCaps).find(
    ([name]) => name.toLowerCase() === wanted,
  );
  return entry?.[1];
}

/**
 * A deployment name derived from a model name (`gpt-4.1` gives `gpt-4-1`), not one of `taken`
 * (compared case-insensitively): `-2`, `-3`… is appended when needed.
 */
export function defaultDeploymentName(
  model: string,
  taken: ReadonlyArray<string> = [],
): string {
  let base = model
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (base.length < 2) base = base ? `${base}-deployment` : 'deployment';
  const used = new Set(taken.map(t => t.toLowerCase()));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** How messages name a row: `Deployment 2 ("chat")`. */
export function rowLabel(row: DeploymentRow, index: number): string {
  return row.name
    ? `Deployment ${index + 1} ("${row.name}")`
    : `Deployment ${index + 1}`;
}

/**
 * Every reason the policy refuses `rows`: missing fields, invalid or duplicate names, models,
 * versions and SKUs the policy does not allow, capacity above the SKU's cap. Models, SKUs and
 * caps compare case-insensitively and versions exactly, like the backend's provisioning check.
 */
export function deploymentProblems(
  rows: ReadonlyArray<DeploymentRow> | undefined,
  options: GoldenPathOptions,
): DeploymentProblem[] {
  const out: DeploymentProblem[] = [];
  if (!rows || rows.length === 0) {
    const message = 'Add at least one model deployment.';
    out.push({ row: -1, message, detail: message, kind: 'missing' });
    return out;
  }
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const at = rowLabel(row, index);
    const push = (
      field: DeploymentField,
      detail: string,
      kind: DeploymentProblem['kind'] = 'refused',
    ) =>
      out.push({
        row: index,
        field,
        message: `${at}: ${detail}`,
        detail,
        kind,
      });

    if (!row.name) {
      push('name', 'name is missing.', 'missing');
    } else if (!DEPLOYMENT_NAME_PATTERN.test(row.name)) {
      push(
        'name',
        `name "${row.name}" is not valid (2–64 letters, digits, "-", "_" or ".").`,
      );
    } else {
      const first = seen.get(row.name.toLowerCase());
      if (first !== undefined) {
        push(
          'name',
          `name "${row.name}" is already used by deployment ${first + 1}.`,
        );
      } else {
        seen.set(row.name.toLowerCase(), index);
      }
    }

    const model = findModel(options, row.model);
    if (!row.model) {
      push('model', 'model is missing.', 'missing');
    } else if (options.models.length > 0 && !model) {
      push(
        'model',
        `model "${row.model}" is not approved. Allowed: ${list(
          options.models.map(m => m.name),
        )}.`,
      );
    }

    if (!row.version) {
      push('version', 'version is missing.', 'missing');
    } else if (
      model &&
      model.versions.length > 0 &&
      !model.versions.includes(row.version)
    ) {
      push(
        'version',
        `version "${row.version}" of ${
          model.name
        } is not approved. Allowed: ${list(model.versions)}.`,
      );
    }

    const skus = options.deploymentSkus;
    if (!row.sku) {
      push('sku', 'SKU is missing.', 'missing');
    } else if (
      skus.length > 0 &&
      !skus.some(s => s.toLowerCase() === row.sku!.toLowerCase())
    ) {
      push('sku', `SKU "${row.sku}" is not allowed. Allowed: ${list(skus)}.`);
    }

    const cap = capacityCap(options, row.sku);
    if (row.capacity === undefined || row.capacity === null) {
      push('capacity', 'capacity is missing.', 'missing');
    } else if (!Number.isInteger(row.capacity) || row.capacity < 1) {
      push('capacity', `capacity ${row.capacity} is not a whole number ≥ 1.`);
    } else if (cap !== undefined && row.capacity > cap) {
      push(
        'capacity',
        `capacity ${row.capacity} exceeds the cap of ${cap} for SKU ${row.sku}.`,
      );
    }
  });
  return out;
}

function list(values: ReadonlyArray<string>): string {
  return values.join(', ');
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
