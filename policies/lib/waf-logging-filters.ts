// WAFv2 logging filters that lose a whole class of requests. A DROP filter matching every ALLOW record loses what got
// through; one matching every BLOCK record loses what the scanners tried, the record the rule exists to keep (noise is
// dropped by label: a managed rule's label, a health check's). Drops of COUNT, CAPTCHA and CHALLENGE records and drops
// narrowed by a label are still accepted (a counted record is also an ALLOW or BLOCK one, and which filter meets it
// first is not read here). Filters apply in order and the first that matches decides, so a KEEP filter narrowed by a
// label does not save the class from a DROP filter after it.
import { isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable } from "./findings";
import { is } from "./text-values";

/** The classes of record an investigation needs whole, with what losing each loses. */
export const EVIDENCE_CLASSES: Record<string, string> = {
  ALLOW: "what got through",
  BLOCK: "what the scanners tried",
};
const LOST = Object.keys(EVIDENCE_CLASSES);

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
 * Under a DROP default, the classes no KEEP filter logs whole (every allowed request: what got through; every blocked
 * one: what the scanners tried) before any DROP filter loses them; "unknown" when a filter that could decide cannot be
 * read at preview and no class is proven lost.
 */
export function classesNotKept(loggingFilter: Record<string, unknown>): string[] | "unknown" {
  const filters = loggingFilter.filters;
  if (isUnknown(filters)) return "unknown";
  const decisions = LOST.map((action) => ({ action, decides: decidingFilter(list(filters), action) }));
  const lost = decisions.filter(({ decides }) => decides !== "unknown" && !(decides && is(decides.behavior, "KEEP")));
  if (lost.length > 0) return lost.map(({ action }) => action);
  return decisions.some(({ decides }) => decides === "unknown") ? "unknown" : [];
}

/** Under a KEEP default: the classes a DROP filter loses whole (for the message), else notes for what is unknown. */
export function droppedClasses(loggingFilter: Record<string, unknown>): { lost: string[]; notes: Finding[] } {
  const filters = loggingFilter.filters;
  if (isUnknown(filters)) return { lost: [], notes: [unverifiable("loggingFilter.filters")] };
  const lost: string[] = [];
  const unread: string[] = [];
  for (const action of LOST) {
    const decides = decidingFilter(list(filters), action);
    if (decides === "unknown") unread.push(action);
    else if (decides !== undefined && is(decides.behavior, "DROP")) lost.push(action);
  }
  // One note for the filter list, naming every class it may lose.
  const question = `whether every ${unread.join(" and every ")} record is kept`;
  const notes = lost.length === 0 && unread.length > 0 ? [unverifiable("loggingFilter.filters", question)] : [];
  return { lost, notes };
}
