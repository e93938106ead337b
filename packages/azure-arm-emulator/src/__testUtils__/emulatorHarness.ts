import { emulatorPipelinePolicy } from '../clientPolicy';
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from '../startEmulator';

/** Retry settings of an Azure SDK client under test. */
export interface SdkRetryOptions {
  maxRetries: number;
  retryDelayInMs?: number;
}

/**
 * Options that point an Azure SDK client at the emulator (the README's
 * `perRetry` policy); no retries unless asked for.
 */
export function sdkOptions(
  emulatorUrl: string,
  retryOptions: SdkRetryOptions = { maxRetries: 0 },
) {
  return {
    additionalPolicies: [
      {
        policy: emulatorPipelinePolicy(emulatorUrl),
        position: 'perRetry' as const,
      },
    ],
    retryOptions,
  };
}

/** Starts an emulator for one test and stops it afterwards, pass or fail. */
export async function withEmulator<T>(
  options: EmulatorOptions,
  run: (emu: RunningEmulator) => Promise<T>,
): Promise<T> {
  const emu = await startEmulator(options);
  try {
    return await run(emu);
  } finally {
    await emu.stop();
  }
}

/** The emulator URL of an ARM URL it wrote (`nextLink`, `Location`, ...). */
export function onEmulator(emu: RunningEmulator, armUrl: string): string {
  const url = new URL(armUrl);
  return `${emu.url}${url.pathname}${url.search}`;
}
