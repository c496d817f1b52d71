// Lookup tables keyed by text from a user's program (a command name, a protocol, a rule group): a key such as
// "constructor", "toString" or "__proto__" must find nothing, not a member every object inherits.
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
