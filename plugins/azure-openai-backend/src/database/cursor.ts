import { InputError } from '@backstage/errors';
import type { FleetSortField } from '@pavedai/plugin-azure-openai-common';

/** Position after the last row of a fleet page. */
export interface FleetCursor {
  sort: FleetSortField;
  order: 'asc' | 'desc';
  value: string | number;
  id: string;
}

/** Encodes a cursor as base64url JSON. */
export function encodeCursor(cursor: FleetCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/**
 * Decodes a cursor.
 *
 * @throws InputError naming `cursor` when it is not one this API issued
 */
export function decodeCursor(value: string): FleetCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      parsed &&
      typeof parsed === 'object' &&
      ['score', 'grade', 'name', 'evaluatedAt'].includes(parsed.sort) &&
      ['asc', 'desc'].includes(parsed.order) &&
      (typeof parsed.value === 'string' || typeof parsed.value === 'number') &&
      typeof parsed.id === 'string'
    ) {
      return parsed as FleetCursor;
    }
  } catch {
    // fall through
  }
  throw new InputError(
    "Invalid cursor: pass the 'nextCursor' of a previous page",
  );
}
