// Appending to a Map of lists in place: copying the list on every add turns large stacks quadratic.
import { appendAll } from "../arrays";
export function pushTo<K, V>(map: Map<K, V[]>, key: K, ...values: V[]): void {
  const list = map.get(key);
  if (list) appendAll(list, values);
  else map.set(key, [...values]);
}
