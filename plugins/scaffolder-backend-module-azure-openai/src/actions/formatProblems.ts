import type {
  BlockingControl,
  ProvisionProblem,
} from '@pavedai/plugin-azure-openai-common';

/** One line per input problem: field, what is wrong, allowed values, fix. */
export function formatProblems(problems: readonly ProvisionProblem[]): string {
  return problems
    .map(
      p =>
        `- ${p.field}: ${p.message}${
          p.allowed ? ` Allowed: ${p.allowed.join(', ')}.` : ''
        } Fix: ${p.fix}`,
    )
    .join('\n');
}

/** One line per required control the desired state would fail, with the inputs that cause it. */
export function formatBlocking(blocking: readonly BlockingControl[]): string {
  return blocking
    .map(
      b =>
        `- ${b.controlId} ${b.title}: ${b.message} Caused by: ${b.inputs.join(
          ', ',
        )}.`,
    )
    .join('\n');
}

/** Zod issues as `field: message` lines. */
export function formatZodIssues(
  issues: ReadonlyArray<{
    path: ReadonlyArray<string | number>;
    message: string;
  }>,
): string {
  return issues
    .map(i => {
      const field = i.path
        .map(p => (typeof p === 'number' ? `[${p}]` : `.${p}`))
        .join('')
        .replace(/^\./, '');
      return `- ${field || '(input)'}: ${i.message}`;
    })
    .join('\n');
}
