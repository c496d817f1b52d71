// Whether an EventBridge rule's pattern sends on GuardDuty's findings of SSH brute force, the attack of case step 1,
// at every severity: GuardDuty rates a brute force against an instance Low (and one from it High), so a rule for high
// severities alone would let the case's attack reach no one. Severities run 1.0 to 8.9 in tenths, so the question is
// asked of the eighty events of type UnauthorizedAccess:EC2/SSHBruteForce at severities 1.0, 1.1, … 8.9, with every
// other field present and unknown but one: GuardDuty publishes a new finding with detail.service.archived the JSON
// boolean false (it sends no auto-archived finding at all). A pattern that filters on a field the sample leaves
// unknown (an account, a region) is not proven to route the account's findings, and the message says so.
import { isUnknown, unwrap } from "../../lib/reachability/resource";
import { unjudgedParts } from "./event-pattern-unjudged";
import { ANY_VALUE, EventPattern, parseEventPattern, patternMatches, SampleEvent } from "./event-patterns";
import { Proof } from "./proof";

export const BRUTE_FORCE_FINDING = "UnauthorizedAccess:EC2/SSHBruteForce";

/** 1.0 … 8.9 in tenths, as integers of tenths to keep the arithmetic exact. */
const SEVERITY_TENTHS = Array.from({ length: 80 }, (_, i) => 10 + i);

function findingEvent(severity: number): SampleEvent {
  const any = ANY_VALUE;
  return {
    version: any,
    id: any,
    "detail-type": "GuardDuty Finding",
    source: "aws.guardduty",
    account: any,
    time: any,
    region: any,
    resources: any,
    detail: {
      schemaVersion: any,
      accountId: any,
      region: any,
      partition: any,
      id: any,
      arn: any,
      type: BRUTE_FORCE_FINDING,
      resource: any,
      service: {
        serviceName: "guardduty",
        detectorId: any,
        action: any,
        resourceRole: any,
        eventFirstSeen: any,
        eventLastSeen: any,
        count: any,
        // A finding someone archived by hand keeps being published, marked true; a new attack's finding is not.
        archived: false,
      },
      severity,
      createdAt: any,
      updatedAt: any,
      title: any,
      description: any,
    },
  };
}

const missedBy = (pattern: EventPattern) =>
  SEVERITY_TENTHS.filter((t) => !patternMatches(pattern, findingEvent(t / 10)));

export interface PatternVerdict {
  routes: Proof;
  /** Why not, for messages ("misses severity 7.0–7.9"). */
  reason?: string;
  /** The pattern is meant for GuardDuty findings (it names them), so a fix belongs on this rule. */
  aimsAtGuardDuty: boolean;
}

export function routesBruteForceFindings(eventPattern: unknown): PatternVerdict {
  const text = unwrap(eventPattern);
  if (isUnknown(text)) return { routes: "unknown", aimsAtGuardDuty: true };
  if (typeof text !== "string" || text.trim() === "")
    return { routes: "no", reason: "has no eventPattern", aimsAtGuardDuty: false };
  const aimsAtGuardDuty = /guardduty/i.test(text);
  const parsed = parseEventPattern(text);
  if ("invalid" in parsed)
    return { routes: "no", reason: `has an eventPattern that ${parsed.invalid}`, aimsAtGuardDuty };
  if (missedBy(parsed.pattern).length === 0) return { routes: "yes", aimsAtGuardDuty: true };
  // What the pattern misses on the fields the sample knows, apart from those it cannot judge.
  const { judged, fields, typeMismatches } = unjudgedParts(parsed.pattern, findingEvent(SEVERITY_TENTHS[0] / 10));
  const missed = missedBy(judged);
  const parts = [
    ...(missed.length === SEVERITY_TENTHS.length
      ? [`matches no GuardDuty finding of type ${BRUTE_FORCE_FINDING} at any severity (1.0–8.9)`]
      : missed.length > 0
        ? [`misses GuardDuty findings of type ${BRUTE_FORCE_FINDING} at severity ${ranges(missed)}`]
        : []),
    ...(fields.length > 0
      ? [
          `filters on ${fields.join(", ")}, whose values in GuardDuty's findings the policy cannot know, so it is not proven to take every GuardDuty finding of type ${BRUTE_FORCE_FINDING}`,
        ]
      : []),
  ];
  const why = typeMismatches.length > 0 ? ` (${typeMismatches.join("; ")})` : "";
  return { routes: "no", reason: `has an eventPattern that ${parts.join(", and ")}${why}`, aimsAtGuardDuty };
}

/** [70, 71, 72, 80] → "7.0–7.2, 8.0". */
function ranges(tenths: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < tenths.length;) {
    let j = i;
    while (j + 1 < tenths.length && tenths[j + 1] === tenths[j] + 1) j++;
    const [a, b] = [(tenths[i] / 10).toFixed(1), (tenths[j] / 10).toFixed(1)];
    out.push(a === b ? a : `${a}–${b}`);
    i = j + 1;
  }
  return out.join(", ");
}
