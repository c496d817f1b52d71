import { isUnknown, list, obj } from "../../lib/values";
import { Finding, unverifiable, violation } from "../lib/findings";
import { Check, defineResourceRule } from "../lib/rule";

/** A PRIMARY failover record fails over only if Route 53 can see it fail: a health check or alias target health. */
const route53Record: Check<unknown> = (p) => {
  const policies = p.failoverRoutingPolicies;
  if (isUnknown(policies)) return [unverifiable("failoverRoutingPolicies")];
  const types = list(policies).map((x) => (isUnknown(x) ? x : obj(x)?.type));
  if (types.some(isUnknown)) return [unverifiable("failoverRoutingPolicies[].type")];
  if (!types.some((t) => typeof t === "string" && t.toUpperCase() === "PRIMARY")) return [];
  // A health check created in the same program has an unknown id at preview: it is set, so it passes. Whether the
  // check can fail (not disabled or inverted) needs the HealthCheck: require-dns-failover-health-check-effective.
  if (isUnknown(p.healthCheckId) || (typeof p.healthCheckId === "string" && p.healthCheckId !== "")) return [];
  if (isUnknown(p.aliases)) return [unverifiable("aliases")];
  if (list(p.aliases).some((a) => obj(a)?.evaluateTargetHealth === true)) return [];
  return [
    violation(
      "PRIMARY failover record has no healthCheckId (and no alias with evaluateTargetHealth): it never fails over",
    ),
  ];
};

/** A GTM instance with no health-check tasks cannot detect a dead address pool. */
const gtmInstance: Check<unknown> = (p) => {
  const n = p.healthCheckTaskCount;
  if (isUnknown(n)) return [unverifiable("healthCheckTaskCount")];
  return typeof n === "number" && n >= 1
    ? []
    : [violation(`healthCheckTaskCount is ${n ?? "not set"}: no health checks can run`)];
};

/** Addresses forced ONLINE ignore health checks, so the pool never fails over. */
const addressPool: Check<unknown> = (p) => {
  if (isUnknown(p.addresses)) return [unverifiable("addresses")];
  const findings: Finding[] = [];
  list(p.addresses).forEach((a, i) => {
    const mode = obj(a)?.mode;
    if (isUnknown(mode)) findings.push(unverifiable(`addresses[${i}].mode`));
    else if (typeof mode === "string" && mode.toUpperCase() === "ONLINE")
      findings.push(
        violation(`addresses[${i}].mode is "ONLINE": forced online, health checks are ignored; use "SMART"`),
      );
  });
  return findings;
};

/** Case step 6: cross-region DNS failover was a lesson of the case. */
export const requireDnsFailoverHealthCheck = defineResourceRule<unknown>({
  metadata: {
    name: "require-dns-failover-health-check",
    description:
      "DNS failover must be driven by health checks: a Route 53 PRIMARY failover record needs a healthCheckId (or an alias evaluating target health); an Alibaba Cloud GTM instance needs health-check tasks and its pool addresses must not be forced ONLINE.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Route 53: create an aws.route53.HealthCheck for the primary endpoint and set healthCheckId on the PRIMARY record.",
      "Alibaba Cloud: set healthCheckTaskCount >= 1 on the GTM instance, add a dns.MonitorConfig per address pool, and use address mode SMART.",
    ],
    controls: [
      { framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" },
      { framework: "AWS FSBP", id: "Route53.1" },
    ],
    caseStep: 6,
  },
  checks: {
    "aws:route53/record:Record": route53Record,
    "alicloud:dns/gtmInstance:GtmInstance": gtmInstance,
    "alicloud:dns/addressPool:AddressPool": addressPool,
  },
});
