import { ArmError } from './errors';
import { subscriptionOf } from './ids';
import type { EmulatorState } from './state';

const LOCK_MARKER = '/providers/microsoft.authorization/locks/';

/**
 * Enforces management locks as ARM does: a `CanNotDelete` or `ReadOnly` lock
 * at a scope or above it refuses deletes there (409 `ScopeLocked`); a
 * `ReadOnly` lock also refuses writes. Locks themselves can always be managed.
 */
export function checkLocks(
  state: EmulatorState,
  method: string,
  path: string,
): void {
  if (method === 'GET' || method === 'HEAD') {
    return;
  }
  const target = path.replace(/\/+$/, '').toLowerCase();
  if (target.includes('/providers/microsoft.authorization/locks')) {
    return;
  }
  const sub = subscriptionOf(path);
  if (!sub) {
    return;
  }
  const blocking = state
    .listByType('Microsoft.Authorization/locks', sub)
    .filter(lock => {
      const id = lock.id.toLowerCase();
      const scope = id.slice(0, id.lastIndexOf(LOCK_MARKER));
      const applies = target === scope || target.startsWith(`${scope}/`);
      const level = lock.properties?.level;
      return (
        applies &&
        (level === 'ReadOnly' ||
          (level === 'CanNotDelete' && method === 'DELETE'))
      );
    });
  if (blocking.length) {
    const verb = method === 'DELETE' ? 'delete' : 'write';
    const scopes = blocking
      .map(
        l => `'${l.id.slice(0, l.id.toLowerCase().lastIndexOf(LOCK_MARKER))}'`,
      )
      .join(', ');
    throw new ArmError(
      409,
      'ScopeLocked',
      `The scope '${path}' cannot perform ${verb} operation because following scope(s) are locked: ${scopes}. Please remove the lock and try again.`,
    );
  }
}
