/**
 * Appends every item to the target. `target.push(...items)` passes each item as an argument and throws
 * "Maximum call stack size exceeded" past about 100,000 of them: hostile input reaches that.
 */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}
