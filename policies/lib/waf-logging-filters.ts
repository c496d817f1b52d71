// WAFv2 logging filters that lose a whole class of requests. A DROP filter matching every ALLOW record loses what got
// through, as a DROP default keeping only blocked requests does. Dropping every BLOCK record is accepted as noise
// control (the kit's filter tests pin it), as are drops of COUNT, CAPTCHA and CHALLENGE records and drops narrowed by
// a label. Filters apply in order and the first that matches decides, so a KEEP filter narrowed by a label does not
// save the class from a DROP filter after it.
import { isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable } from "./findings";
import { is } from "./text-values";

const LOST = ["ALLOW"];

/** The action a condition matches by itself, "unknown" at preview, or undefined for a label condition. */
function actionOf(condition: unknown): string | undefined {
  if (isUnknown(condition)) return "unknown";
  const a = obj(condition)?.actionCondition;
  const action = isUnknown(a) ? a : obj(a)?.action;
  if (isUnknown(action)) return "unknown";
  return typeof action === "string" ? action.toUpperCase() : undefined;
}

/** Actions every one of whose requests the filter matches ("unknown" when that cannot be read). */
function actionsMatchedWhole(filter: unknown): string[] {
  const f = obj(filter);
  if (isUnknown(filter) || isUnknown(f?.conditions) || isUnknown(f?.requirement)) return ["unknown"];
  const actions = list(f?.conditions).map(actionOf);
  if (is(f?.requirement, "MEETS_ANY")) return actions.filter((a): a is string => a !== undefined);
  // MEETS_ALL: one action and nothing narrowing it.
  const distinct = new Set(actions);
  return distinct.size === 1 && !distinct.has(undefined) ? ([...distinct] as string[]) : [];
}

/**
 * The first filter, in order, that matches every request of the action: it decides their fate ("unknown" when a
 * filter that could decide cannot be read at preview; undefined when none does and the default decides).
 */
function decidingFilter(filters: unknown[], action: string): { behavior: unknown } | "unknown" | undefined {
  for (const f of filters) {
    const behavior = isUnknown(f) ? f : obj(f)?.behavior;
    const whole = actionsMatchedWhole(f);
    if (isUnknown(behavior) || whole.includes("unknown")) return "unknown";
    if (whole.includes(action)) return { behavior };
  }
  return undefined;
}

/**
 * Under a DROP default, whether a KEEP filter logs every allowed request (what got through) before any DROP filter
 * loses them all. Blocked requests may go, as a DROP filter for them under a KEEP default may. "unknown" when a filter
 * that could decide cannot be read at preview.
 */
export function keepsEveryAllowed(loggingFilter: Record<string, unknown>): boolean | "unknown" {
  const filters = loggingFilter.filters;
  if (isUnknown(filters)) return "unknown";
  const decides = decidingFilter(list(filters), "ALLOW");
  if (decides === "unknown") return "unknown";
  return decides !== undefined && is(decides.behavior, "KEEP");
}

/** Under a KEEP default: the classes a DROP filter loses whole (for the message), else notes for what is unknown. */
export function droppedClasses(loggingFilter: Record<string, unknown>): { lost: string[]; notes: Finding[] } {
  const filters = loggingFilter.filters;
  if (isUnknown(filters)) return { lost: [], notes: [unverifiable("loggingFilter.filters")] };
  const lost: string[] = [];
  const notes: Finding[] = [];
  for (const action of LOST) {
    const decides = decidingFilter(list(filters), action);
    if (decides === "unknown")
      notes.push(unverifiable("loggingFilter.filters", `whether every ${action} record is kept`));
    else if (decides !== undefined && is(decides.behavior, "DROP")) lost.push(action);
  }
  return { lost, notes: lost.length > 0 ? [] : notes };
}
