// Settings that govern a resource only where they apply: a security preference or password policy in its own account,
// the directory a user belongs to. Some surely apply, others may (their account, or link, is unknown at preview). As
// with audit trails (account-trails.ts), one that may apply never turns a verdict into a pass: when counting it
// changes the verdict, the answer is a note saying why it may not apply.
import { StackFinding } from "./stack-rule";

type Verdict = "pass" | "note" | "violation";

const verdictOf = (findings: readonly StackFinding[]): Verdict =>
  findings.length === 0 ? "pass" : findings.every((f) => f.unverifiable) ? "note" : "violation";

/**
 * `judge` applied to the settings that surely apply and those that may; when the verdict differs without the
 * doubtful ones, `doubt()`'s note instead.
 */
export function judgedWithDoubt<T>(
  sure: readonly T[],
  doubtful: readonly T[],
  judge: (applying: readonly T[]) => StackFinding[],
  doubt: () => StackFinding[],
): StackFinding[] {
  const counted = judge([...sure, ...doubtful]);
  if (doubtful.length === 0 || verdictOf(counted) === verdictOf(judge(sure))) return counted;
  return doubt();
}
