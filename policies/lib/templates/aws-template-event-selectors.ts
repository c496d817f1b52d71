// CloudTrail event selectors as the provider writes them: basic ones (a trail's EventSelectors) field for field, and
// advanced ones as `FieldSelectors` entries with `Field` and one list per operator, `StartsWith` becoming `startsWiths`
// (the provider's plural). What a selector picks is judged by cloudtrail-management-events.ts and
// event-data-stores.ts; a part unknown at preview stays unknown there.
import { isUnknown, list, obj, UNKNOWN } from "../../../lib/values";
import { defined } from "./embedded-resource";

/** Template operator → the provider's field selector input. */
const OPERATORS: ReadonlyMap<string, string> = new Map([
  ["Equals", "equals"],
  ["NotEquals", "notEquals"],
  ["StartsWith", "startsWiths"],
  ["NotStartsWith", "notStartsWiths"],
  ["EndsWith", "endsWiths"],
  ["NotEndsWith", "notEndsWiths"],
]);

function fieldSelector(entry: unknown): unknown {
  if (isUnknown(entry)) return UNKNOWN;
  const e = obj(entry) ?? {};
  const operators = [...OPERATORS].map(([from, to]) => [to, e[from]]);
  return defined({ field: e.Field, ...Object.fromEntries(operators) });
}

function selector(entry: unknown): unknown {
  if (isUnknown(entry)) return UNKNOWN;
  const s = obj(entry) ?? {};
  const fields = s.FieldSelectors;
  return defined({
    name: s.Name,
    fieldSelectors: fields === undefined || isUnknown(fields) ? fields : list(fields).map(fieldSelector),
  });
}

/** `AdvancedEventSelectors` as the provider's `advancedEventSelectors`; absent stays absent (the defaults apply). */
export function advancedEventSelectors(selectors: unknown): unknown {
  if (selectors === undefined || isUnknown(selectors)) return selectors;
  return list(selectors).map(selector);
}

/** A trail's `EventSelectors` as the provider's `eventSelectors`; data resources are left out (no rule reads them). */
export function eventSelectors(selectors: unknown): unknown {
  if (selectors === undefined || isUnknown(selectors)) return selectors;
  return list(selectors).map((entry) => {
    if (isUnknown(entry)) return UNKNOWN;
    const s = obj(entry) ?? {};
    return defined({
      readWriteType: s.ReadWriteType,
      includeManagementEvents: s.IncludeManagementEvents,
      excludeManagementEventSources: s.ExcludeManagementEventSources,
    });
  });
}
