// The case's response was organised in red, yellow and blue levels. These are GuardDuty findings split the same way,
// as EventBridge patterns: red for high and critical findings and for the case's own finding types whatever their
// severity (SSH/RDP brute force, backdoors, persistence), yellow for medium, blue for low.
import { Problems } from "../validation";

export type ResponseLevel = "red" | "yellow" | "blue";
export const RESPONSE_LEVELS: readonly ResponseLevel[] = ["red", "yellow", "blue"];

/** Lowest severity of each level above blue; GuardDuty's own bands: high from 7, medium from 4. */
export interface SeverityThresholds {
  red: number;
  yellow: number;
}
export const DEFAULT_THRESHOLDS: SeverityThresholds = Object.freeze({ red: 7, yellow: 4 });
/** The severities GuardDuty gives findings of single events (critical attack sequences go above, to 10). */
export const MIN_THRESHOLD = 1;
export const MAX_THRESHOLD = 8.9;

/**
 * Finding types that go to red whatever their severity. GuardDuty rates an SSH brute force against an instance Low,
 * yet in the case it succeeded in 137 seconds; planted keys and services show as Persistence and Backdoor findings.
 */
export const RED_FINDING_TYPES: readonly string[] = Object.freeze([
  "UnauthorizedAccess:EC2/SSHBruteForce",
  "UnauthorizedAccess:EC2/RDPBruteForce",
]);
export const RED_FINDING_TYPE_PREFIXES: readonly string[] = Object.freeze(["Backdoor:", "Persistence:"]);

/** What every level's pattern starts with: GuardDuty findings, nothing else on the bus. */
export const GUARDDUTY_FINDINGS = Object.freeze({ source: ["aws.guardduty"], "detail-type": ["GuardDuty Finding"] });

/** The EventBridge pattern of one level, as a plain object (the rule gets it as JSON). */
export function levelPattern(level: ResponseLevel, thresholds: SeverityThresholds = DEFAULT_THRESHOLDS): object {
  const { red, yellow } = thresholds;
  switch (level) {
    case "red":
      return {
        ...GUARDDUTY_FINDINGS,
        detail: {
          $or: [
            { severity: [{ numeric: [">=", red] }] },
            { type: [...RED_FINDING_TYPES, ...RED_FINDING_TYPE_PREFIXES.map((prefix) => ({ prefix }))] },
          ],
        },
      };
    case "yellow":
      return { ...GUARDDUTY_FINDINGS, detail: { severity: [{ numeric: [">=", yellow, "<", red] }] } };
    case "blue":
      return { ...GUARDDUTY_FINDINGS, detail: { severity: [{ numeric: ["<", yellow] }] } };
  }
}

/** Reports thresholds outside GuardDuty's scale or out of order (a yellow above red would leave a gap unrouted). */
export function checkThresholds(problems: Problems, argument: string, given: unknown): void {
  if (given === undefined) return;
  const isObject = typeof given === "object" && given !== null && !Array.isArray(given);
  if (!problems.check(isObject, argument, given, "an object { red?, yellow? }", `omit ${argument} for 7 and 4`)) return;
  const value = given as Record<string, unknown>;
  for (const key of Object.keys(value).filter((k) => k !== "red" && k !== "yellow")) {
    problems.add(`${argument}.${key}`, value[key], "red or yellow", `remove ${key}; blue is whatever is below yellow`);
  }
  const merged = { ...DEFAULT_THRESHOLDS, ...value };
  let inRange = true;
  for (const key of ["yellow", "red"] as const) {
    inRange =
      problems.check(
        typeof merged[key] === "number" && merged[key] >= MIN_THRESHOLD && merged[key] <= MAX_THRESHOLD,
        `${argument}.${key}`,
        merged[key],
        `a number from ${MIN_THRESHOLD} to ${MAX_THRESHOLD} (GuardDuty's severity scale)`,
        `omit ${argument}.${key} for ${DEFAULT_THRESHOLDS[key]}`,
      ) && inRange;
  }
  if (!inRange) return;
  problems.check(
    merged.yellow < merged.red,
    `${argument}.yellow`,
    merged.yellow,
    `below ${argument}.red (${merged.red}): yellow covers [yellow, red), blue everything below yellow`,
    "give yellow a lower severity than red",
  );
}
