// Audit trails judged as each account needs them: one trail that records everything (every region, every management
// event) in an account lets its other trails be narrower, e.g. one bucket's data events, or only writes sent to a
// SIEM. A trail in another account excuses nothing; an organization trail records every account (trail-accounts.ts).
// Without such a trail, each trail is told what it lacks; while a trail whose coverage, or account, is unknown at
// preview may yet be that trail, what the others lack is a note.
import { GenericResource } from "../../lib/reachability";
import { Finding, unverifiable } from "./findings";
import { Proof } from "./proof";
import { StackFinding } from "./stack-rule";
import { providerName, trailAccount, trailAccountDoubt } from "./trail-accounts";

export interface TrailCoverage {
  trail: GenericResource;
  /** What the trail lacks to record the whole account (notes for what is unknown at preview). */
  gaps: Finding[];
  /** Whether it records at all (logging on, status enabled). */
  recording: Proof;
}

const full = (t: TrailCoverage) => t.gaps.length === 0 && t.recording === "yes";
/** May record the whole account once deployed: nothing it lacks is known. */
const mayBeFull = (t: TrailCoverage) => t.recording !== "no" && t.gaps.every((f) => f.unverifiable);

export function accountTrailFindings(trails: TrailCoverage[]): StackFinding[] {
  return trails.flatMap((t) => trailFindings(t, trails));
}

function trailFindings(judged: TrailCoverage, trails: TrailCoverage[]): StackFinding[] {
  const { trail } = judged;
  const own = judged.gaps.map((f) => ({ urn: trail.urn, ...f }));
  if (own.length === 0) return [];
  const others = trails.filter((t) => t !== judged);
  if (others.some((t) => full(t) && trailAccount(t.trail, trail) === "same")) return [];
  if (own.every((f) => f.unverifiable)) return own;
  // A trail of this account whose coverage is unknown, else a full one whose account is.
  const ownAccount = others.find((t) => mayBeFull(t) && trailAccount(t.trail, trail) === "same");
  const maybeAccount = others.find((t) => mayBeFull(t) && trailAccount(t.trail, trail) === "maybe");
  const lacking = `whether it records the whole account, which ${trail.name} does not`;
  if (ownAccount)
    return [{ urn: trail.urn, ...unverifiable(`the coverage of trail ${ownAccount.trail.name}`, lacking) }];
  if (maybeAccount) {
    const field = `the account of trail ${maybeAccount.trail.name} (${providerName(maybeAccount.trail)})`;
    const why = `${lacking}: ${trailAccountDoubt(maybeAccount.trail, trail)}`;
    return [{ urn: trail.urn, ...unverifiable(field, why) }];
  }
  return own;
}
