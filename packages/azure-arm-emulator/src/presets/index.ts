import type { EmulatorStateSnapshot } from '../state';
import { demoPreset } from './demo';

/** Names of the built-in presets. @public */
export type PresetName = 'empty' | 'demo';

/** Builds a preset's initial state. */
export function buildPreset(name: PresetName): EmulatorStateSnapshot {
  switch (name) {
    case 'empty':
      return { version: 1, resources: [], deletedAccounts: [] };
    case 'demo':
      return demoPreset();
    default:
      throw new TypeError(`Unknown preset '${name}'. Use 'empty' or 'demo'.`);
  }
}
