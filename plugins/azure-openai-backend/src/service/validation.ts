import { InputError } from '@backstage/errors';
import type { z } from 'zod';

/**
 * Parses input with a zod schema.
 *
 * @throws InputError naming every offending field, e.g. `Invalid query: limit: ...`
 */
export function parseInput<T extends z.ZodType>(
  schema: T,
  input: unknown,
  what: string,
): z.infer<T> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues
    .map(issue => {
      const path = issue.path.map(String).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
  throw new InputError(`Invalid ${what}: ${details}`);
}
