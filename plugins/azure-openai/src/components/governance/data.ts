/** Newest first by an ISO timestamp. */
export function newestFirst<T>(items: T[], at: (item: T) => string): T[] {
  return [...items].sort((a, b) => at(b).localeCompare(at(a)));
}
