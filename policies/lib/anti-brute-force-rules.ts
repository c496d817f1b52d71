// Whether an Alibaba Cloud Security Center anti-brute-force rule stops SSH password guessing like the case's
// (137 s with xhydra). The rule blocks a source for forbiddenTime minutes once it fails failCount times within span
// minutes (all three in the provider's units: counts and minutes), so a longer span catches slower guessing; a
// source guessing at the limit rate (maxFailures per windowMinutes) must reach failCount within span.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { bool, isUnknown, list, num, prop, unwrap } from "../../lib/reachability/resource";
import { unverifiable } from "./findings";
import { allOf, Proof } from "./proof";
import { StackFinding } from "./stack-rule";

export const ANTI_BRUTE_FORCE_RULE = "alicloud:threatdetection/antiBruteForceRule:AntiBruteForceRule";

export interface BruteForceLimits {
  /** A source failing this many times within windowMinutes must be blocked. */
  maxFailures: number;
  windowMinutes: number;
  /** Shortest block worth having: a five-minute block only slows a scripted attack down. */
  minBlockMinutes: number;
}

export interface RuleCheck {
  holds: Proof;
  /** The field, its value and the limit, when it does not hold. */
  problem?: string;
  /** The field to name in a note when it is unknown. */
  field: string;
}

/** Every requirement of one rule, so a violation lists all of them at once. */
export function bruteForceRuleChecks(inputs: Record<string, unknown>, limits: BruteForceLimits): RuleCheck[] {
  return [coversServers(inputs), blocksSsh(inputs), ...thresholds(inputs, limits)];
}

/** Nothing when one rule is strict enough; a note when one may be; otherwise a violation where the fix belongs. */
export function bruteForceFindings(
  res: Resolver,
  compute: readonly GenericResource[],
  names: string,
  limits: BruteForceLimits,
): StackFinding[] {
  const verdicts = res.ofType(ANTI_BRUTE_FORCE_RULE).map((rule) => {
    const checks = bruteForceRuleChecks(rule.inputs, limits);
    return { rule, checks, holds: allOf(checks.map((c) => c.holds)) };
  });
  if (verdicts.length === 0)
    return [
      {
        urn: compute[0].urn,
        message:
          `the stack creates compute (${names}) but no Security Center anti-brute-force rule blocks SSH password ` +
          "guessing: add an alicloud.threatdetection.AntiBruteForceRule with defaultRule: true",
      },
    ];
  if (verdicts.some((v) => v.holds === "yes")) return [];
  const maybe = verdicts.find((v) => v.holds === "unknown");
  if (maybe) {
    const fields = [...new Set(maybe.checks.filter((c) => c.holds === "unknown").map((c) => c.field))];
    return [
      { ...unverifiable(`anti-brute-force rule ${maybe.rule.name}'s ${fields.join(" or ")}`), urn: maybe.rule.urn },
    ];
  }
  const [first] = verdicts;
  const problems = first.checks.filter((c) => c.holds === "no").map((c) => c.problem);
  return [{ urn: first.rule.urn, message: `anti-brute-force rule ${first.rule.name} ${problems.join("; ")}` }];
}

function coversServers(inputs: Record<string, unknown>): RuleCheck {
  const field = "defaultRule or uuidLists";
  const byDefault = bool(inputs.defaultRule);
  if (byDefault === true) return { holds: "yes", field };
  const uuids = unwrap(inputs.uuidLists);
  if (byDefault === "unknown" || isUnknown(uuids)) return { holds: "unknown", field };
  if (list(uuids).length > 0) return { holds: "yes", field };
  return {
    holds: "no",
    field,
    problem: "applies to no server: defaultRule is not true and uuidLists is empty (set defaultRule: true)",
  };
}

function blocksSsh(inputs: Record<string, unknown>): RuleCheck {
  const field = "protocolType.ssh";
  const protocols = unwrap(inputs.protocolType);
  const ssh = isUnknown(protocols) ? protocols : prop(protocols, "ssh");
  if (isUnknown(ssh)) return { holds: "unknown", field };
  // SSH interception is on unless switched off (the provider's default is "on").
  if (typeof ssh === "string" && ssh.trim().toLowerCase() === "off")
    return { holds: "no", field, problem: 'has protocolType.ssh "off": SSH guessing is never blocked' };
  return { holds: "yes", field };
}

function thresholds(inputs: Record<string, unknown>, limits: BruteForceLimits): RuleCheck[] {
  const { maxFailures, minBlockMinutes } = limits;
  return [
    atMost(
      "failCount",
      inputs.failCount,
      maxFailures,
      `at most ${maxFailures} (maxFailures) failed logins before a block`,
    ),
    spanCatchesLimitRate(inputs.failCount, inputs.span, limits),
    atLeast("forbiddenTime", inputs.forbiddenTime, minBlockMinutes),
  ];
}

/** failCount within span must be no looser than maxFailures within windowMinutes: fails / span ≤ max / window. */
function spanCatchesLimitRate(failCount: unknown, span: unknown, limits: BruteForceLimits): RuleCheck {
  if (isUnknown(unwrap(span))) return { holds: "unknown", field: "span" };
  if (isUnknown(unwrap(failCount))) return { holds: "unknown", field: "failCount" };
  const { maxFailures, windowMinutes } = limits;
  const [fails, minutes] = [num(failCount), num(span)];
  // An unreadable failCount is failCount's own finding; a missing span counts no failures at all.
  if (fails === undefined) return { holds: "yes", field: "span" };
  if (minutes !== undefined && minutes > 0 && fails * windowMinutes <= maxFailures * minutes)
    return { holds: "yes", field: "span" };
  const fixes: string[] = [];
  const allowed = Math.floor((maxFailures * (minutes ?? 0)) / windowMinutes);
  const needed = Math.ceil((fails * windowMinutes) / maxFailures);
  if (needed <= LONGEST_SPAN) fixes.push(`raise span to at least ${needed} minutes`);
  if (allowed >= 2) fixes.push(`lower failCount to ${allowed} or less`);
  if (fixes.length === 0) fixes.push(`raise span to ${LONGEST_SPAN} minutes and lower failCount`);
  return {
    holds: "no",
    field: "span",
    problem:
      `has span ${minutes === undefined ? "unset" : `${minutes} min`} for failCount ${fails}: a source failing ` +
      `${maxFailures} times in ${windowMinutes} minutes (maxFailures, windowMinutes) is never blocked; ${fixes.join(" or ")}`,
  };
}

/** Security Center accepts spans of 1, 2, 5, 10 and 15 minutes. */
const LONGEST_SPAN = 15;

function atMost(field: string, value: unknown, limit: number, meaning: string): RuleCheck {
  const v = num(value);
  if (isUnknown(unwrap(value))) return { holds: "unknown", field };
  if (v !== undefined && v <= limit) return { holds: "yes", field };
  return { holds: "no", field, problem: `has ${field} ${describe(value)}: the limit is ${meaning}` };
}

function atLeast(field: string, value: unknown, limit: number): RuleCheck {
  const v = num(value);
  if (isUnknown(unwrap(value))) return { holds: "unknown", field };
  if (v !== undefined && v >= limit) return { holds: "yes", field };
  return {
    holds: "no",
    field,
    problem: `has ${field} ${describe(value)} minutes: the limit is a block of at least ${limit} minutes (minBlockMinutes)`,
  };
}

const describe = (v: unknown) => (unwrap(v) === undefined ? "unset" : JSON.stringify(unwrap(v)));
