import type { Config } from '@backstage/config';
import { getControl } from '@pavedai/plugin-azure-openai-common';

/** How waived controls count in the score. */
export type WaivedScoring = 'excluded' | 'pass' | 'fail';

/** `azureOpenAI.governance.waivers` and `.attestations` with defaults applied. */
export interface GovernanceConfig {
  waivers: {
    /** Longest a waiver may run, from the request. */
    maxDurationDays: number;
    scoring: WaivedScoring;
    /** How long before expiry owners are warned (read by notifications). */
    expiryWarningDays: number;
  };
  attestations: {
    defaultDurationDays: number;
    durationDaysByControl: Record<string, number>;
  };
}

/** Defaults of {@link GovernanceConfig}. */
export const DEFAULT_GOVERNANCE_CONFIG: GovernanceConfig = {
  waivers: { maxDurationDays: 90, scoring: 'excluded', expiryWarningDays: 7 },
  attestations: { defaultDurationDays: 365, durationDaysByControl: {} },
};

const SCORING: readonly WaivedScoring[] = ['excluded', 'pass', 'fail'];
const PREFIX = 'azureOpenAI.governance';

function days(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(
      `Invalid config ${PREFIX}.${key}: expected a whole number of days (1 or more), got ${value}`,
    );
  }
  return value;
}

/**
 * Reads `azureOpenAI.governance.waivers` and `azureOpenAI.governance.attestations`.
 *
 * @throws Error naming the key when a value is out of range or names an unknown control
 */
export function readGovernanceConfig(rootConfig: Config): GovernanceConfig {
  const config = rootConfig.getOptionalConfig(PREFIX);
  const defaults = DEFAULT_GOVERNANCE_CONFIG;
  const scoring =
    config?.getOptionalString('waivers.scoring') ?? defaults.waivers.scoring;
  if (!SCORING.includes(scoring as WaivedScoring)) {
    throw new Error(
      `Invalid config ${PREFIX}.waivers.scoring: expected one of ${SCORING.join(
        ', ',
      )}, got '${scoring}'`,
    );
  }
  // Read raw: control ids such as AOAI-BCDR-004 are not valid config key paths.
  const byControl = config?.getOptional('attestations.durationDaysByControl');
  if (
    byControl !== undefined &&
    (typeof byControl !== 'object' ||
      byControl === null ||
      Array.isArray(byControl))
  ) {
    throw new Error(
      `Invalid config ${PREFIX}.attestations.durationDaysByControl: expected an object of control id to days`,
    );
  }
  const durationDaysByControl: Record<string, number> = {};
  for (const [controlId, value] of Object.entries(byControl ?? {})) {
    const key = `${PREFIX}.attestations.durationDaysByControl.${controlId}`;
    if (!getControl(controlId)) {
      throw new Error(
        `Invalid config ${key}: no such control (see GET /api/azure-openai/controls)`,
      );
    }
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw new Error(
        `Invalid config ${key}: expected a whole number of days (1 or more), got ${JSON.stringify(
          value,
        )}`,
      );
    }
    durationDaysByControl[controlId] = value;
  }
  return {
    waivers: {
      maxDurationDays: days(
        config,
        'waivers.maxDurationDays',
        defaults.waivers.maxDurationDays,
      ),
      scoring: scoring as WaivedScoring,
      expiryWarningDays: days(
        config,
        'waivers.expiryWarningDays',
        defaults.waivers.expiryWarningDays,
      ),
    },
    attestations: {
      defaultDurationDays: days(
        config,
        'attestations.defaultDurationDays',
        defaults.attestations.defaultDurationDays,
      ),
      durationDaysByControl,
    },
  };
}
