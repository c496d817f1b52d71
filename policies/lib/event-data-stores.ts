// CloudTrail Lake event data stores as audit trails. A store records the account's API activity (all management
// events by default) unless its selectors pick only other kinds of events: AWS Config items, Audit Manager
// evidence or events from outside AWS, which tell nothing of who did what in the account.
import { containsUnknown, isUnknown, list, obj, strings } from "../../lib/values";
import { anyOf, Proof } from "./proof";
import { is } from "./text-values";

export const EVENT_DATA_STORE = "aws:cloudtrail/eventDataStore:EventDataStore";

/** Event categories of CloudTrail's own events (API calls, data and network activity). */
const CLOUDTRAIL_CATEGORIES = ["Management", "Data", "NetworkActivity"];

/** Whether one advanced selector picks CloudTrail events; only its eventCategory decides. */
function selectsCloudTrailEvents(selector: unknown): Proof {
  const fields = isUnknown(selector) ? selector : obj(selector)?.fieldSelectors;
  if (isUnknown(fields)) return "unknown";
  let verdict: Proof = "yes";
  for (const entry of list(fields)) {
    const f = isUnknown(entry) ? undefined : (obj(entry) ?? {});
    if (f === undefined || isUnknown(f.field)) verdict = "unknown";
    else if (f.field !== "eventCategory") continue;
    else if (containsUnknown(f.equals)) verdict = "unknown";
    else if (strings(f.equals).length > 0)
      return strings(f.equals).some((c) => CLOUDTRAIL_CATEGORIES.some((k) => is(c, k))) ? "yes" : "no";
  }
  return verdict;
}

/** "no" only when every selector is known to pick an eventCategory outside CloudTrail's own events. */
export function recordsCloudTrailEvents(inputs: Record<string, unknown>): Proof {
  const selectors = inputs.advancedEventSelectors;
  if (isUnknown(selectors)) return "unknown";
  // No selectors: the store records every management event.
  if (list(selectors).length === 0) return "yes";
  return anyOf(list(selectors).map(selectsCloudTrailEvents));
}
