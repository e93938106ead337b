import type { ControlReference } from '../types';
import { SEED_PRACTICES } from '../catalog/practices';

/** The seed's reference for a practice title (throws at module load if the title is wrong). */
export function seedReference(practice: string): ControlReference {
  const found = SEED_PRACTICES.find(p => p.title === practice);
  if (!found) {
    throw new Error(`Unknown seed practice "${practice}"`);
  }
  return { title: found.linkTitle, url: found.url };
}

/** A Microsoft Learn reference. */
export function learn(title: string, path: string): ControlReference {
  return { title, url: `https://learn.microsoft.com/${path}` };
}
