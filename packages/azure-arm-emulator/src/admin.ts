import type { HandlerResult } from './context';
import { ArmError } from './errors';
import type { FaultRegistry, FaultRule } from './faults';
import type { EmulatorState, EmulatorStateSnapshot } from './state';
import type { StatsRecorder } from './stats';

/** What the admin endpoints act on. */
export interface AdminDeps {
  state: EmulatorState;
  faults: FaultRegistry;
  stats: StatsRecorder;
  reset: () => void;
  load: (snapshot: EmulatorStateSnapshot) => void;
}

/**
 * The admin API under `/_emulator/` (a path ARM never uses):
 *
 * - `GET /_emulator/health`
 * - `GET /_emulator/stats`, `DELETE /_emulator/stats`
 * - `POST /_emulator/reset` (state back to the start, stats, faults and buckets cleared)
 * - `GET /_emulator/state`, `PUT /_emulator/state`
 * - `GET /_emulator/faults`, `POST /_emulator/faults` (one rule or an array),
 *   `DELETE /_emulator/faults`, `DELETE /_emulator/faults/{id}`
 */
export function createAdminHandler(deps: AdminDeps) {
  return (
    method: string,
    path: string,
    body: any,
  ): HandlerResult | undefined => {
    const p = path.replace(/\/+$/, '');
    const route = `${method} ${p}`;
    switch (route) {
      case 'GET /_emulator/health':
        return {
          status: 200,
          body: { status: 'ok', resources: deps.state.size },
        };
      case 'GET /_emulator/stats':
        return { status: 200, body: deps.stats.snapshot() };
      case 'DELETE /_emulator/stats':
        deps.stats.reset();
        return { status: 204 };
      case 'POST /_emulator/reset':
        deps.reset();
        return { status: 204 };
      case 'GET /_emulator/state':
        return { status: 200, body: deps.state.dump() };
      case 'PUT /_emulator/state':
        try {
          deps.load(body as EmulatorStateSnapshot);
        } catch (e) {
          throw new ArmError(400, 'InvalidState', (e as Error).message);
        }
        return { status: 204 };
      case 'GET /_emulator/faults':
        return { status: 200, body: { value: deps.faults.list() } };
      case 'POST /_emulator/faults': {
        const rules: FaultRule[] = Array.isArray(body) ? body : [body];
        try {
          return {
            status: 201,
            body: { value: rules.map(r => deps.faults.add(r)) },
          };
        } catch (e) {
          throw new ArmError(400, 'InvalidFault', (e as Error).message);
        }
      }
      case 'DELETE /_emulator/faults':
        deps.faults.clear();
        return { status: 204 };
      default:
        break;
    }
    const m = /^DELETE \/_emulator\/faults\/([^/]+)$/.exec(route);
    if (m) {
      if (!deps.faults.remove(m[1])) {
        throw new ArmError(404, 'NotFound', `No fault rule '${m[1]}'.`);
      }
      return { status: 204 };
    }
    return undefined;
  };
}
