// A Glacier vault lock policy keeps archives only through a Deny of glacier:DeleteArchive (usually while an archive is
// younger than some days). Read only that far: a Deny statement whose Action covers DeleteArchive. Its principal and
// condition are not read, as a lock policy exists to hold such a Deny.
import { isUnknown, list, obj } from "../../lib/values";
import { anyOf, Proof } from "./proof";
import { wildcardMatches } from "./wildcard";

const DELETE_ARCHIVE = "glacier:deletearchive";

function parse(policy: unknown): Record<string, unknown> | undefined | "unknown" {
  if (isUnknown(policy)) return "unknown";
  if (typeof policy !== "string") return obj(policy);
  try {
    return obj(JSON.parse(policy));
  } catch {
    // Glacier refuses a policy that is not JSON: nothing would be locked.
    return undefined;
  }
}

/** Whether one statement denies deleting archives; NotAction is not read, so it proves nothing. */
function statementDenies(statement: unknown): Proof {
  if (isUnknown(statement)) return "unknown";
  const st = obj(statement) ?? {};
  if (isUnknown(st.Effect) || isUnknown(st.Action)) return "unknown";
  if (typeof st.Effect !== "string" || st.Effect.toLowerCase() !== "deny") return "no";
  const actions = list(st.Action);
  if (actions.some((a) => typeof a === "string" && !isUnknown(a) && wildcardMatches(a.toLowerCase(), DELETE_ARCHIVE)))
    return "yes";
  return actions.some(isUnknown) ? "unknown" : "no";
}

/** "yes" when a Deny statement covers glacier:DeleteArchive; "unknown" when an unknown part may be one. */
export function lockPolicyDeniesDeletes(policy: unknown): Proof {
  const doc = parse(policy);
  if (doc === "unknown" || isUnknown(doc?.Statement)) return "unknown";
  return anyOf(list(doc?.Statement).map(statementDenies));
}
