// How one resource names another through a field: at preview by property dependency (new names, ids and ARNs are
// unknown), otherwise by equal known values. A dependency alone proves nothing about a known value: a lock on
// `${vault.name}-archive` depends on the vault yet names another one.
import { GenericResource } from "../../lib/reachability";
import { isUnknown } from "../../lib/values";
import { unwrap } from "../../lib/reachability/resource";

/** "yes" surely, "maybe" when it cannot be told at preview, "no" surely not. */
export type Link = "yes" | "maybe" | "no";

const knownText = (v: unknown): v is string => typeof v === "string" && v !== "" && !isUnknown(v);

/**
 * Whether `key` of `from` names `to` by one of `toFields`. A known value must equal a known field of `to`; only when
 * `to` shows none of them (ids and ARNs are outputs) does a property dependency on `to` link them. An unknown value
 * links by a property dependency on `to`, and may name `to` when both come from a common resource (a name and its
 * lock built from one random suffix depend on the suffix, not on each other); linked to nothing it names nothing.
 */
export function linkOf(from: GenericResource, key: string, to: GenericResource, toFields: readonly string[]): Link {
  const value = unwrap(from.inputs[key]);
  const sources = from.propertyDependencies[key] ?? [];
  if (knownText(value)) {
    const own = toFields.map((f) => unwrap(to.inputs[f])).filter(knownText);
    if (own.length > 0) return own.includes(value) ? "yes" : "no";
  }
  // A known value that is no name (a list, an object, a number) names nothing, whatever it was built from.
  if (!isUnknown(value) && value !== undefined && value !== null && !knownText(value)) return "no";
  if (sources.includes(to.urn)) return "yes";
  if (!isUnknown(value)) return "no";
  const common = toFields.some((f) => (to.propertyDependencies[f] ?? []).some((u) => sources.includes(u)));
  return common ? "maybe" : "no";
}

/** The weaker of two links: a lock names a vault only when both its name and its place match. */
export function bothLinks(a: Link, b: Link): Link {
  if (a === "no" || b === "no") return "no";
  return a === "maybe" || b === "maybe" ? "maybe" : "yes";
}
