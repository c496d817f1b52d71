// AWS threat detection for a stack's compute: an enabled GuardDuty detector, and an enabled EventBridge rule on the
// default bus (where GuardDuty publishes findings) whose pattern takes the SSH brute-force findings at every severity and
// which has a target, so someone hears about the attack while it runs rather than after it.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { bool, isUnknown, unwrap } from "../../lib/reachability/resource";
import { computeNames } from "./compute-types";
import { unverifiable } from "./findings";
import { routesBruteForceFindings } from "./guardduty-finding-routes";
import { regionOf, sameProviderRegion } from "./provider-region";
import { allOf, Proof } from "./proof";
import { refersTo, StackFinding } from "./stack-rule";

export const GUARDDUTY_DETECTOR = "aws:guardduty/detector:Detector";
export const EVENT_RULE = "aws:cloudwatch/eventRule:EventRule";
export const EVENT_TARGET = "aws:cloudwatch/eventTarget:EventTarget";
const EVENT_BUS = "aws:cloudwatch/eventBus:EventBus";

export const GUARDDUTY_TYPES = [GUARDDUTY_DETECTOR, EVENT_RULE, EVENT_TARGET];

const SUGGESTED_PATTERN =
  '{"source":["aws.guardduty"],"detail":{"$or":[{"severity":[{"numeric":[">=",7]}]},{"type":["UnauthorizedAccess:EC2/SSHBruteForce"]}]}}';

interface Part {
  holds: Proof;
  problem?: string;
  /** Field to name when the part is unknown at preview. */
  field: string;
}

/** Detectors, rules and targets that can watch one group of compute. */
interface Watchers {
  detectors: readonly GenericResource[];
  rules: readonly GenericResource[];
  targets: readonly GenericResource[];
}

/**
 * GuardDuty and EventBridge are regional: compute is watched only by a detector and rules under its own provider
 * (account and region) and, where both name one, in its region.
 */
export function guardDutyFindings(res: Resolver, compute: readonly GenericResource[]): StackFinding[] {
  const groups = new Map<string, GenericResource[]>();
  for (const c of compute) {
    const key = `${c.provider ?? ""} ${regionOf(c) ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const findings = [...groups.values()].flatMap((hosts) => {
    const near = (r: GenericResource) => sameProviderRegion(r, hosts[0]);
    const watchers = {
      detectors: res.ofType(GUARDDUTY_DETECTOR).filter(near),
      rules: res.ofType(EVENT_RULE).filter(near),
      targets: res.ofType(EVENT_TARGET).filter(near),
    };
    return regionFindings(res, hosts, watchers);
  });
  // A rule without a region under the default provider answers for every group: report it once.
  return [...new Map(findings.map((f) => [`${f.urn} ${f.message}`, f])).values()];
}

/** " (provider standby, region us-west-2)" for compute outside the default provider or with its own region. */
function placeOf(host: GenericResource): string {
  const parts = [
    ...(host.provider ? [`provider ${host.provider.split("::").pop()}`] : []),
    ...(regionOf(host) ? [`region ${regionOf(host)}`] : []),
  ];
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

function regionFindings(res: Resolver, hosts: GenericResource[], watchers: Watchers): StackFinding[] {
  if (watchers.detectors.length === 0)
    return [
      {
        urn: hosts[0].urn,
        message:
          `the stack creates compute (${computeNames(hosts)}) but no GuardDuty detector watches it${placeOf(hosts[0])}: ` +
          "add an aws.guardduty.Detector and an EventBridge rule with a target for its high-severity findings and its SSH brute-force findings at every severity",
      },
    ];
  const states = watchers.detectors.map((d) => ({ d, on: detectorOn(d) }));
  const findings: StackFinding[] = [];
  const running = states.find((s) => s.on === "yes") ?? states.find((s) => s.on === "unknown") ?? states[0];
  if (running.on === "unknown")
    findings.push({ ...unverifiable(`GuardDuty detector ${running.d.name}'s enable`), urn: running.d.urn });
  if (running.on === "no")
    findings.push({
      urn: running.d.urn,
      message: `GuardDuty detector ${running.d.name} has enable false: GuardDuty is suspended and reports no findings`,
    });
  const routing = routingFinding(res, running.d, watchers);
  return routing ? [...findings, routing] : findings;
}

/** Flags read as the provider reads them: "False", "FALSE" and "0" switch a detector off as `false` does. */
function detectorOn(d: GenericResource): Proof {
  const enable = bool(d.inputs.enable);
  if (enable === "unknown") return "unknown";
  return enable === false ? "no" : "yes";
}

/** Nothing when some rule routes the findings; a note when one may; otherwise a violation where the fix belongs. */
function routingFinding(res: Resolver, detector: GenericResource, watchers: Watchers): StackFinding | undefined {
  const { targets } = watchers;
  // The detector publishes to its own region's default bus only.
  const verdicts = watchers.rules
    .filter((rule) => sameProviderRegion(rule, detector))
    .map((rule) => {
      const pattern = routesBruteForceFindings(rule.inputs.eventPattern);
      const parts: Part[] = [
        { holds: pattern.routes, problem: pattern.reason, field: "eventPattern" },
        ruleEnabled(rule),
        onDefaultBus(res, rule),
        hasTarget(rule, targets),
      ];
      return { rule, parts, holds: allOf(parts.map((p) => p.holds)), pattern };
    });
  if (verdicts.some((v) => v.holds === "yes")) return undefined;
  const maybe = verdicts.find((v) => v.holds === "unknown");
  if (maybe) {
    const fields = maybe.parts.filter((p) => p.holds === "unknown").map((p) => p.field);
    return {
      ...unverifiable(
        `EventBridge rule ${maybe.rule.name}'s ${fields.join(" or ")}`,
        "it may be the rule that routes GuardDuty's SSH brute-force findings",
      ),
      urn: maybe.rule.urn,
    };
  }
  // The rule meant for GuardDuty findings is where the fix goes: first one whose pattern is right, then any.
  const aimed = verdicts.filter((v) => v.pattern.aimsAtGuardDuty);
  const closest = aimed.find((v) => v.pattern.routes === "yes") ?? aimed[0];
  if (closest) {
    const problems = closest.parts.filter((p) => p.holds === "no").map((p) => p.problem);
    return {
      urn: closest.rule.urn,
      message: `EventBridge rule ${closest.rule.name} ${problems.join("; ")}, so GuardDuty's SSH brute-force findings reach no one`,
    };
  }
  return {
    urn: detector.urn,
    message:
      `no EventBridge rule with a target routes GuardDuty detector ${detector.name}'s SSH brute-force findings at every severity: ` +
      `add an aws.cloudwatch.EventRule with eventPattern ${SUGGESTED_PATTERN} and an aws.cloudwatch.EventTarget for it`,
  };
}

/**
 * `state` (DISABLED, ENABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS) replaced the deprecated `isEnabled`;
 * either can switch the rule off, and both default to enabled. `isEnabled` is read as the provider reads a bool, so
 * "False" and "0" switch the rule off too.
 */
function ruleEnabled(rule: GenericResource): Part {
  const [state, isEnabled] = [unwrap(rule.inputs.state), bool(rule.inputs.isEnabled)];
  if (typeof state === "string" && state.trim().toUpperCase() === "DISABLED")
    return { holds: "no", problem: `has state ${JSON.stringify(state)}`, field: "state" };
  if (isEnabled === false) return { holds: "no", problem: "has isEnabled false", field: "isEnabled" };
  if (isUnknown(state)) return { holds: "unknown", field: "state" };
  if (isEnabled === "unknown") return { holds: "unknown", field: "isEnabled" };
  return { holds: "yes", field: "state" };
}

/** GuardDuty publishes to the account's default bus only; a rule on a custom bus never sees a finding. */
function onDefaultBus(res: Resolver, rule: GenericResource): Part {
  const field = "eventBusName";
  const bus = unwrap(rule.inputs.eventBusName);
  if (bus === undefined || bus === null || bus === "" || bus === "default") return { holds: "yes", field };
  if (typeof bus === "string" && /:event-bus\/default$/.test(bus)) return { holds: "yes", field };
  const onCustom = (rule.propertyDependencies[field] ?? []).some((u) => res.get(u)?.type === EVENT_BUS);
  if (isUnknown(bus) && !onCustom) return { holds: "unknown", field };
  const which = isUnknown(bus) ? "a custom event bus" : `event bus ${JSON.stringify(bus)}`;
  return {
    holds: "no",
    field,
    problem: `is on ${which}, where GuardDuty publishes no findings (it uses the default bus)`,
  };
}

function hasTarget(rule: GenericResource, targets: readonly GenericResource[]): Part {
  const field = "an EventTarget's rule";
  // By name, or by id: a template rule's inline targets name the id it carries in its container.
  if (targets.some((t) => refersTo(t, "rule", rule, ["name", "id"]))) return { holds: "yes", field };
  // A target whose rule is unknown and linked to nothing may name this rule once deployed.
  const unlinked = targets.some((t) => isUnknown(unwrap(t.inputs.rule)) && !(t.propertyDependencies.rule ?? []).length);
  if (unlinked) return { holds: "unknown", field };
  return { holds: "no", field, problem: "has no aws.cloudwatch.EventTarget" };
}
