// WAFv2 logging filters that lose a whole class of requests. A DROP filter matching every ALLOW record loses what got
// through, as a DROP default keeping only blocked requests does. Dropping every BLOCK record is accepted as noise
// control (the kit's filter tests pin it), as are drops of COUNT, CAPTCHA and CHALLENGE records and drops narrowed by
// a label; filters with a KEEP beside them depend on their order and are left alone.
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
 * Under a DROP default, whether a KEEP filter logs every allowed request (what got through) before any DROP filter
 * loses them all; filters apply in order, the first that matches deciding. Blocked requests may go, as a DROP filter
 * for them under a KEEP default may. "unknown" when a filter that could decide cannot be read at preview.
 */
export function keepsEveryAllowed(loggingFilter: Record<string, unknown>): boolean | "unknown" {
  const filters = loggingFilter.filters;
  if (isUnknown(filters)) return "unknown";
  for (const f of list(filters)) {
    const behavior = isUnknown(f) ? f : obj(f)?.behavior;
    const whole = actionsMatchedWhole(f);
    if (isUnknown(behavior) || whole.includes("unknown")) return "unknown";
    if (whole.some((a) => LOST.includes(a))) return is(behavior, "KEEP");
  }
  return false;
}

/** Findings for the whole classes a logging filter drops, and the classes themselves (for the message). */
export function droppedClasses(loggingFilter: Record<string, unknown>): { lost: string[]; notes: Finding[] } {
  const filters = loggingFilter.filters;
  if (isUnknown(filters)) return { lost: [], notes: [unverifiable("loggingFilter.filters")] };
  const behaviors = list(filters).map((f) => (isUnknown(f) ? f : obj(f)?.behavior));
  if (behaviors.some((b) => is(b, "KEEP"))) return { lost: [], notes: [] };
  const lost = new Set<string>();
  const notes: Finding[] = [];
  list(filters).forEach((f, i) => {
    if (isUnknown(behaviors[i])) notes.push(unverifiable(`loggingFilter.filters[${i}].behavior`));
    if (!is(behaviors[i], "DROP") && !isUnknown(behaviors[i])) return;
    for (const a of actionsMatchedWhole(f)) {
      if (a === "unknown") notes.push(unverifiable(`loggingFilter.filters[${i}] conditions`));
      else if (LOST.includes(a) && is(behaviors[i], "DROP")) lost.add(a);
    }
  });
  return { lost: [...lost], notes: lost.size > 0 ? [] : notes };
}
