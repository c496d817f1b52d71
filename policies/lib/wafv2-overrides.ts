// How a reference to a rule group (custom or managed) changes the actions of the group's rules: ruleActionOverrides
// set another action, excludedRules (the older form) count. An entry unknown at preview may name any rule with any
// action.
import { isUnknown, list, obj } from "../../lib/values";
import { field } from "./wafv2-fields";

export interface OverrideEntry {
  name: unknown;
  action: unknown;
}

/** The reference's override entries, or "unknown" when either list is unknown as a whole. */
export function overrideEntries(ref: Record<string, unknown>): OverrideEntry[] | "unknown" {
  const overrides = field(ref, "ruleActionOverrides");
  const excluded = field(ref, "excludedRules");
  if (isUnknown(overrides) || isUnknown(excluded)) return "unknown";
  const entry = (e: unknown, action: (o: Record<string, unknown> | undefined) => unknown): OverrideEntry =>
    isUnknown(e) ? { name: e, action: e } : { name: field(obj(e), "name"), action: action(obj(e)) };
  return [
    ...list(overrides).map((e) => entry(e, (o) => field(o, "actionToUse"))),
    ...list(excluded).map((e) => entry(e, () => ({ count: {} }))),
  ];
}

const knownName = (v: unknown): v is string => typeof v === "string" && !isUnknown(v);

/** The entry that names rule `name` exactly. */
export const exactOverride = (entries: readonly OverrideEntry[], name: unknown): OverrideEntry | undefined =>
  knownName(name) ? entries.find((e) => knownName(e.name) && e.name === name) : undefined;

/** Whether an entry whose name is unknown (or any entry, when the rule's name is) may override rule `name`. */
export const mayBeOverridden = (entries: readonly OverrideEntry[], name: unknown): boolean =>
  entries.length > 0 && (isUnknown(name) || entries.some((e) => isUnknown(e.name)));
