import type { ControlOutcome, EvidenceRead } from '../types';

/** Builds an outcome. */
export function outcome(
  status: ControlOutcome['status'],
  message: string,
  evidence: EvidenceRead[],
): ControlOutcome {
  return { status, message, evidence };
}

/** Upper-cases the first letter. */
export function capitalise(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** What a check found, for {@link verdict}. */
export interface Findings {
  /** Reasons the control fails; any one makes the outcome `fail`. */
  problems: readonly string[];
  /** Reasons the control could not be evaluated; they count only when there is no problem. */
  unknowns?: readonly string[];
  /** The evidence reads, shared by every outcome. */
  evidence: EvidenceRead[];
  /** Message of the `pass` outcome. */
  passMessage: string;
}

/**
 * The outcome of a check that collects problems: `fail` listing the problems, else `unknown`
 * listing the unknowns, else `pass`.
 */
export function verdict(findings: Findings): ControlOutcome {
  const { problems, unknowns = [], evidence, passMessage } = findings;
  if (problems.length > 0) {
    return outcome('fail', `${capitalise(problems.join('; '))}.`, evidence);
  }
  if (unknowns.length > 0) {
    return outcome(
      'unknown',
      `Could not evaluate: ${unknowns.join('; ')}.`,
      evidence,
    );
  }
  return outcome('pass', passMessage, evidence);
}
