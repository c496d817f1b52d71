// A Glacier vault lock policy keeps archives only through a Deny of glacier:DeleteArchive for everyone, usually while
// an archive is younger than some days (glacier:ArchiveAgeInDays). A Deny for one principal leaves the others free to
// delete, and one for archives younger than 0 days denies nothing. A Deny while younger than N days keeps an archive
// N days: the caller names the minimum the evidence needs (EVIDENCE_RETENTION_DAYS unless configured otherwise).
import { unwrap } from "../../lib/reachability/resource";
import { bool, isUnknown, list, obj } from "../../lib/values";
import { show } from "./expect";
import { Finding, unverifiable, violation } from "./findings";
import { allOf, anyOf, Proof } from "./proof";
import { wildcardMatches } from "./wildcard";

const DELETE_ARCHIVE = "glacier:deletearchive";

function parse(secretOrPolicy: unknown): Record<string, unknown> | undefined | "unknown" {
  // @pulumi/policy unwraps secrets before a check reads them; an engine's resource may still carry the wrapper.
  const policy = unwrap(secretOrPolicy);
  if (isUnknown(policy)) return "unknown";
  if (typeof policy !== "string") return obj(policy);
  try {
    return obj(JSON.parse(policy));
  } catch {
    // Glacier refuses a policy that is not JSON: nothing would be locked.
    return undefined;
  }
}

const ARCHIVE_AGE = "glacier:archiveageindays";
/** Operators under which a Deny holds while an archive is younger than the value. */
const YOUNGER_THAN = /^numericlessthan(equals)?(ifexists)?$/i;

/** Everyone: "*", {"AWS": "*"}, or a list of them. */
function principalIsEveryone(principal: unknown): Proof {
  if (isUnknown(principal)) return "unknown";
  if (principal === "*") return "yes";
  const entries = Array.isArray(principal) ? principal : [obj(principal)?.AWS];
  if (entries.some(isUnknown)) return "unknown";
  return entries.some((p) => p === "*" || (Array.isArray(p) && p.includes("*"))) ? "yes" : "no";
}

/** The days of an ArchiveAgeInDays value: the largest of a list (its values are alternatives). */
function days(value: unknown): number | "unknown" | undefined {
  const values = Array.isArray(value) ? value : [value];
  if (values.some(isUnknown)) return "unknown";
  const numbers = values.map((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v));
  if (numbers.length === 0 || !numbers.every((n) => typeof n === "number" && Number.isFinite(n))) return undefined;
  return (numbers as number[]).reduce((a, b) => Math.max(a, b));
}

/**
 * Whether the statement's Condition keeps the Deny for at least `minDays` of an archive's life: none at all, or only
 * glacier:ArchiveAgeInDays under NumericLessThan(Equals) with at least `minDays` (NumericLessThanEquals N counts as N
 * days, though it keeps an archive a day longer). Any other condition may narrow the Deny in ways not read here:
 * "unknown".
 */
function conditionHolds(condition: unknown, minDays: number): Proof {
  if (condition === undefined || condition === null) return "yes";
  if (isUnknown(condition)) return "unknown";
  const operators = Object.entries(obj(condition) ?? {});
  if (operators.length === 0) return "yes";
  const parts = operators.flatMap(([operator, block]): Proof[] => {
    const keys = Object.entries(obj(block) ?? {});
    if (isUnknown(block) || keys.length === 0) return ["unknown"];
    return keys.map(([key, value]): Proof => {
      if (!YOUNGER_THAN.test(operator) || key.toLowerCase() !== ARCHIVE_AGE) return "unknown";
      const d = days(value);
      return d === "unknown" ? "unknown" : d !== undefined && d >= minDays ? "yes" : "no";
    });
  });
  return allOf(parts);
}

/** Whether one statement denies everyone deleting archives; NotAction and NotPrincipal are not read, so prove nothing. */
function statementDenies(statement: unknown, minDays: number): Proof {
  if (isUnknown(statement)) return "unknown";
  const st = obj(statement) ?? {};
  if (isUnknown(st.Effect) || isUnknown(st.Action)) return "unknown";
  if (typeof st.Effect !== "string" || st.Effect.toLowerCase() !== "deny") return "no";
  const actions = list(st.Action);
  const action: Proof = actions.some(
    (a) => typeof a === "string" && !isUnknown(a) && wildcardMatches(a.toLowerCase(), DELETE_ARCHIVE),
  )
    ? "yes"
    : actions.some(isUnknown)
      ? "unknown"
      : "no";
  return allOf([action, principalIsEveryone(st.Principal), conditionHolds(st.Condition, minDays)]);
}

/**
 * "yes" when a Deny statement covers glacier:DeleteArchive for everyone for at least `minDays` of an archive's life;
 * "unknown" when an unknown part may be one.
 */
export function lockPolicyDeniesDeletes(policy: unknown, minDays = 1): Proof {
  const doc = parse(policy);
  if (doc === "unknown" || isUnknown(doc?.Statement)) return "unknown";
  return anyOf(list(doc?.Statement).map((st) => statementDenies(st, minDays)));
}

const dayCount = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

/** Why the policy keeps no archive for `minDays`: no Deny for everyone at all, or one that ends sooner. */
function denyProblem(policy: unknown, minDays: number): string {
  if (minDays > 1 && lockPolicyDeniesDeletes(policy) === "yes")
    return `policy denies glacier:DeleteArchive for fewer than ${dayCount(minDays)} of an archive's life (glacier:ArchiveAgeInDays): archives can be deleted before they are ${dayCount(minDays)} old`;
  return `policy has no Deny of glacier:DeleteArchive for every principal (Principal "*") for at least ${dayCount(minDays)} of an archive's life: the lock keeps no archive from deletion`;
}

/**
 * What keeps a Glacier vault lock from holding: not completed (an in-progress lock expires after 24 hours and can be
 * aborted before), or no Deny of glacier:DeleteArchive for at least `minDays`. A part unknown at preview is a note.
 */
export function glacierLockGaps(p: Record<string, unknown>, minDays: number): Finding[] {
  const findings: Finding[] = [];
  if (isUnknown(p.completeLock)) findings.push(unverifiable("completeLock"));
  else if (bool(p.completeLock) !== true)
    findings.push(
      violation(
        `completeLock is ${show(p.completeLock)}: the lock stays in its 24-hour test, can be aborted, and then Glacier removes it`,
      ),
    );
  const denies = lockPolicyDeniesDeletes(p.policy, minDays);
  if (denies === "unknown")
    findings.push(unverifiable("policy", `whether it denies glacier:DeleteArchive for at least ${dayCount(minDays)}`));
  if (denies === "no") findings.push(violation(denyProblem(p.policy, minDays)));
  return findings;
}
