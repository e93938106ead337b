import type { Scan } from '@pavedai/plugin-azure-openai-common';
import type { ScanService } from '../scan/ScanService';
import { FakeSources, loadEvidence } from './fixtures';

/**
 * Adds two accounts (`aoai-1`, `aoai-2`), holds their collection behind a
 * gate, requests a manual scan of both and waits until the first one is
 * being collected.
 */
export async function requestGatedScanOfTwo(
  sources: FakeSources,
  service: ScanService,
) {
  const first = sources.add('aoai-1', loadEvidence('na-minimal').input);
  const second = sources.add('aoai-2', loadEvidence('na-minimal').input);
  let release!: () => void;
  sources.gate = new Promise<void>(resolve => {
    release = resolve;
  });
  const queued: Scan = await service.requestScan({
    trigger: 'manual',
    target: {
      type: 'accounts',
      resourceIds: [first.resourceId, second.resourceId],
    },
  });
  while (sources.inFlight === 0)
    await new Promise(resolve => setImmediate(resolve));
  return { first, second, queued, release };
}
