import { InputError } from '@backstage/errors';
import { entityRefSchema } from '../service/schemas';

/**
 * Entity refs that a value an assistant gave may stand for: a full or short ref
 * (`component:default/search-api`, `component:search-api`) is itself; a bare name
 * (`search-api`, `default/search-api`) is tried with each of `kinds` in turn.
 *
 * @throws InputError naming the field when the value is no entity ref or name
 */
export function candidateRefs(
  value: string,
  field: string,
  kinds: readonly [string, ...string[]],
  example: string,
): string[] {
  const raw = value.trim();
  const candidates = raw.includes(':') ? [raw] : kinds.map(k => `${k}:${raw}`);
  const refs: string[] = [];
  for (const candidate of candidates) {
    const parsed = entityRefSchema.safeParse(candidate);
    if (!parsed.success) {
      throw new InputError(
        `Invalid input: ${field}: '${value}' is not an entity ref or name; give one such as ${example}`,
      );
    }
    refs.push(parsed.data);
  }
  return refs;
}
