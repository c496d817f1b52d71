// What the plan's own passwords say about the account password policy they are set under. The cloud refuses a
// password its policy rejects (RAM CreateLoginProfile, CloudSSO CreateUser, IAM CreateLoginProfile), so a password
// shorter than a rule's minimum proves the policy accepts passwords that short (or the password predates the policy,
// and stays valid until changed). When the policy itself is not in the stack, it cannot be judged at all.
import type { GenericResource } from "../../lib/reachability";
import { Finding, violation } from "./findings";
import { namedList } from "./named-list";
import { sameAccount } from "./provider-accounts";
import type { StackFinding } from "./stack-rule";

/** A violation when `length` (never the password itself) is known and below `minimum`. */
export function shorterThanRequired(
  what: string,
  length: number | undefined,
  minimum: number,
  policy: string,
): Finding[] {
  if (length === undefined || length >= minimum) return [];
  return [
    violation(
      `${what} is ${length} character${length === 1 ? "" : "s"}, fewer than the ${minimum} this rule requires: ${policy} accepts passwords that short (the cloud refuses one its policy rejects), or this one was set before it; require ${minimum} or more characters there and set a longer password`,
    ),
  ];
}

/** Resources that sign in with passwords under a policy the stack does not declare. */
export interface UnseenPolicy {
  /** The policy, as messages name it ("the RAM account password policy"). */
  policy: string;
  /** What the resources are ("login profile"). */
  what: string;
  holders: readonly GenericResource[];
  /** How to bring the policy into the stack. */
  declare: string;
}

/**
 * The holders no password policy of the stack surely governs: an account password policy governs only its own
 * account (provider-accounts.ts), and one that may be in another account leaves the policy unseen, a note either way.
 */
export const ungovernedHolders = (
  holders: readonly GenericResource[],
  policies: readonly GenericResource[],
): GenericResource[] => holders.filter((h) => !policies.some((p) => sameAccount(p, h) === "same"));

/**
 * One note for the rule, on the first holder: each policy the plan's passwords depend on but does not declare,
 * whose length, lockout and reuse settings cannot be judged. Advisory like any value the plan does not show;
 * failing closed makes it a violation.
 */
export function unseenPasswordPolicies(parts: readonly UnseenPolicy[]): StackFinding[] {
  const missing = parts.filter((p) => p.holders.length > 0);
  if (missing.length === 0) return [];
  const first = missing[0].holders[0];
  const why = missing
    .map(
      (p) =>
        `${p.policy} is not in this stack, and ${namedList(p.what, p.holders)} ${p.holders.length > 1 ? "sign in with passwords" : "signs in with a password"} it governs: ${p.declare}`,
    )
    .join("; ");
  const message = `cannot be verified at preview: ${why}; or exempt ${first.name} once the policy is confirmed`;
  return [{ urn: first.urn, message, unverifiable: true }];
}
