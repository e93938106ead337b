import { InputError } from '@backstage/errors';
import type { GoldenPathPolicy } from '@pavedai/plugin-azure-openai-common';
import { parseGoldenPathPolicy } from '@pavedai/plugin-azure-openai-node';
import { parseDocument, YAMLError } from 'yaml';

/**
 * Reads a candidate golden-path policy from YAML text with the rules of `azureOpenAI.goldenPath`.
 * The text may be the bare block or the block with its parents (`azureOpenAI.goldenPath`, as it
 * stands in `app-config.yaml`).
 *
 * @param text - the YAML
 * @param path - how to name the candidate in messages (a field name or a file name)
 * @throws InputError naming the line, or the field and the fix
 */
export function parseCandidatePolicyYaml(
  text: string,
  path: string,
): GoldenPathPolicy {
  let parsed: unknown;
  try {
    // Warnings (an unknown tag such as !!js/function) refuse the text too: a policy is plain data.
    const document = parseDocument(text, { logLevel: 'silent' });
    const problem = document.errors[0] ?? document.warnings[0];
    if (problem) throw problem;
    parsed = document.toJS();
  } catch (error) {
    const where =
      error instanceof YAMLError && error.linePos?.[0]
        ? ` at line ${error.linePos[0].line}, column ${error.linePos[0].col}`
        : '';
    throw new InputError(
      `Invalid ${path}: not YAML${where}: ${(error as Error).message
        .split('\n')[0]
        .trim()}. Fix: give the azureOpenAI.goldenPath block as YAML.`,
    );
  }
  const root = parsed as { azureOpenAI?: { goldenPath?: unknown } } | null;
  const block =
    root && typeof root === 'object' && !Array.isArray(root) && root.azureOpenAI
      ? root.azureOpenAI.goldenPath
      : parsed;
  return parseGoldenPathPolicy(block, path);
}
