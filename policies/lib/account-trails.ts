// Audit trails judged as the account needs them: one trail that records everything (every region, every management
// event) lets others be narrower, e.g. one bucket's data events, or only writes sent to a SIEM. Without such a trail,
// each trail is told what it lacks; while a trail whose coverage is unknown at preview may yet be that trail, what the
// others lack is a note.
import { GenericResource } from "../../lib/reachability";
import { Finding, unverifiable } from "./findings";
import { Proof } from "./proof";
import { StackFinding } from "./stack-rule";

export interface TrailCoverage {
  trail: GenericResource;
  /** What the trail lacks to record the whole account (notes for what is unknown at preview). */
  gaps: Finding[];
  /** Whether it records at all (logging on, status enabled). */
  recording: Proof;
}

export function accountTrailFindings(trails: TrailCoverage[]): StackFinding[] {
  if (trails.some((t) => t.gaps.length === 0 && t.recording === "yes")) return [];
  const candidate = trails.find((t) => t.recording !== "no" && t.gaps.every((f) => f.unverifiable));
  return trails.flatMap(({ trail, gaps }): StackFinding[] => {
    const own = gaps.map((f) => ({ urn: trail.urn, ...f }));
    if (!candidate || candidate.trail === trail || own.every((f) => f.unverifiable)) return own;
    const field = `the coverage of trail ${candidate.trail.name}`;
    return [
      { urn: trail.urn, ...unverifiable(field, `whether it records the whole account, which ${trail.name} does not`) },
    ];
  });
}
