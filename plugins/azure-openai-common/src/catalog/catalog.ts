import { ALL_CONTROLS } from '../controls/all';
import type { ControlArea, ControlDefinition } from '../types';

const AREA_ORDER: readonly ControlArea[] = [
  'network',
  'identity',
  'data',
  'logging',
  'governance',
  'resilience',
  'service',
];

const BY_ID: ReadonlyMap<string, ControlDefinition> = new Map(
  ALL_CONTROLS.map(c => [c.id, c]),
);

const SORTED: readonly ControlDefinition[] = Object.freeze(
  [...ALL_CONTROLS].sort(
    (a, b) =>
      AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area) ||
      a.id.localeCompare(b.id),
  ),
);

/**
 * Every control of the catalog, in area order (as in the seed) then by id.
 *
 * @public
 */
export function listControls(): readonly ControlDefinition[] {
  return SORTED;
}

/**
 * A control by its stable id, or undefined.
 *
 * @param id - e.g. `AOAI-NET-002`
 * @public
 */
export function getControl(id: string): ControlDefinition | undefined {
  return BY_ID.get(id);
}

/**
 * The controls that implement a seed practice (exact title, e.g. `Disable public network access`).
 *
 * @param practice - the seed practice title
 * @public
 */
export function getControlsByPractice(
  practice: string,
): readonly ControlDefinition[] {
  return SORTED.filter(c => c.practice === practice);
}

/**
 * The controls of an area.
 *
 * @param area - one of the seven areas
 * @public
 */
export function getControlsByArea(
  area: ControlArea,
): readonly ControlDefinition[] {
  return SORTED.filter(c => c.area === area);
}

/**
 * Areas in the order of the seed article.
 *
 * @public
 */
export const CONTROL_AREAS: readonly ControlArea[] = AREA_ORDER;
