import { isUnknown, list, obj } from "../../lib/values";
import { atLeast, expectAll, isTrue } from "../lib/expect";
import { Finding, unverifiable, violation } from "../lib/findings";
import { is, shown } from "../lib/text-values";
import { failoverSets, FailoverSet, RECORD, RECORDS_EXCLUSIVE } from "../lib/route53-failover-sets";
import { parseTrafficPolicyDocument, TRAFFIC_POLICY } from "../lib/route53-traffic-policy-documents";
import { failoverPrimaries } from "../lib/route53-traffic-policy-failover";
import { Check, defineResourceRule } from "../lib/rule";
import { CLOUD_GTM_ADDRESS } from "../lib/cloud-gtm-addresses";

/** A PRIMARY failover record set fails over only if Route 53 can see it fail: a health check or alias target health. */
function primarySet(s: FailoverSet): Finding[] {
  if (s.role !== "PRIMARY" && s.role !== "unknown") return [];
  // A health check created in the same program has an unknown id at preview: it is set, so it passes. Whether the
  // check can fail (not disabled or inverted) needs the HealthCheck: require-dns-failover-health-check-effective.
  if (isUnknown(s.healthCheckId) || (typeof s.healthCheckId === "string" && s.healthCheckId !== "")) return [];
  if (s.targetHealth.some(isTrue)) return [];
  if (s.role === "unknown") return [unverifiable(s.roleField)];
  if (s.aliasesUnknown || s.targetHealth.some(isUnknown))
    return [unverifiable(`${s.where}${s.where ? "aliasTarget" : "aliases"}`)];
  const what = s.where ? `${s.where.slice(0, -1)}: PRIMARY failover record set` : "PRIMARY failover record";
  return [violation(`${what} has no healthCheckId (and no alias with evaluateTargetHealth): it never fails over`)];
}

const route53Records: Check<unknown> = (p, { type }) => {
  const sets = failoverSets(type, p);
  return sets === "unknown" ? [unverifiable("resourceRecordSets")] : sets.flatMap(primarySet);
};

/** A document Route 53 rejects routes nothing: a note, not a violation (it fails at deployment instead). */
const undeployable = (what: string): Finding => ({
  message: `cannot be verified: ${what}; Route 53 rejects such a traffic policy document, so it routes nothing`,
  unverifiable: true,
});

/**
 * Every failover rule of a traffic policy document, whether or not an instance applies the policy (one may later):
 * its Primary must be able to fail (route53-traffic-policy-failover.ts says when). A document built from a health
 * check or load balancer created alongside is unknown at preview: a note.
 */
const trafficPolicy: Check<unknown> = (p) => {
  const parsed = parseTrafficPolicyDocument(p.document);
  if (parsed === undefined) return [];
  if (parsed === "unknown") return [unverifiable("document")];
  if ("invalid" in parsed) return [undeployable(`document ${parsed.invalid}`)];
  return failoverPrimaries(parsed.document).flatMap(({ rule, verdict }): Finding[] => {
    if ("invalid" in verdict) return [undeployable(verdict.invalid)];
    return "never" in verdict ? [violation(`failover rule ${rule} never fails over: ${verdict.never}`)] : [];
  });
};

/** A GTM instance with no health-check tasks cannot detect a dead address pool. */
const gtmInstance: Check<unknown> = (p) =>
  expectAll(p, [{ path: "healthCheckTaskCount", ok: atLeast(1), problem: () => "no health checks can run" }]);

/** Addresses forced ONLINE ignore health checks, so the pool never fails over. */
const addressPool: Check<unknown> = (p) => {
  if (isUnknown(p.addresses)) return [unverifiable("addresses")];
  const findings: Finding[] = [];
  list(p.addresses).forEach((a, i) => {
    const mode = isUnknown(a) ? a : obj(a)?.mode;
    if (isUnknown(mode)) findings.push(unverifiable(`addresses[${i}].mode`));
    else if (typeof mode === "string" && mode.toUpperCase() === "ONLINE")
      findings.push(
        violation(`addresses[${i}].mode is "ONLINE": forced online, health checks are ignored; use "SMART"`),
      );
  });
  return findings;
};

/**
 * GTM 3.0: an address in manual mode set available is answered whatever its health tasks find (they only alarm),
 * like a GTM 2.0 address forced ONLINE. Manual and unavailable takes it out of answers: no failover weakness.
 */
const cloudGtmAddress: Check<unknown> = (p) => {
  const { availableMode, manualAvailableStatus } = p;
  if (!isUnknown(availableMode) && !is(availableMode, "manual")) return [];
  if (isUnknown(manualAvailableStatus)) return [unverifiable("manualAvailableStatus")];
  if (!is(manualAvailableStatus, "available")) return [];
  if (isUnknown(availableMode)) return [unverifiable("availableMode")];
  return [
    violation(
      `availableMode ${shown(availableMode)} with manualAvailableStatus ${shown(manualAvailableStatus)}: the address is answered whatever its health tasks find, so GTM never fails over from it; use availableMode "auto"`,
    ),
  ];
};

/** Access mode DEFAULT pins a GTM strategy to its primary pools: its failover pools are never used. */
const accessStrategy: Check<unknown> = (p) => {
  const { accessMode, failoverAddrPools } = p;
  if (!isUnknown(accessMode) && !is(accessMode, "default")) return [];
  if (isUnknown(failoverAddrPools)) return [unverifiable("failoverAddrPools")];
  if (list(failoverAddrPools).length === 0) return [];
  if (isUnknown(accessMode)) return [unverifiable("accessMode")];
  return [
    violation(
      `accessMode is ${JSON.stringify(accessMode)}: the strategy stays on its primary pools and never fails over; use "AUTO"`,
    ),
  ];
};

/** Case step 6: cross-region DNS failover was a lesson of the case. */
export const requireDnsFailoverHealthCheck = defineResourceRule<unknown>({
  metadata: {
    name: "require-dns-failover-health-check",
    description:
      "DNS failover must be driven by health checks: primary Route 53 failover records and rules need one, and Alibaba Cloud GTM needs health checks that no forced status or pinned strategy overrides.",
    details:
      "DNS failover must be driven by health checks: a Route 53 PRIMARY failover record (a Record, or a record set of RecordsExclusive) needs a healthCheckId (or an alias evaluating target health), and so does the Primary of every failover rule in a Route 53 traffic policy document (a HealthCheck id, EvaluateTargetHealth true on a load balancer, Elastic Beanstalk or S3 website endpoint, or a nested rule every branch of which can fail; judged whether or not an instance applies the policy); an Alibaba Cloud GTM instance needs health-check tasks, its pool addresses must not be forced ONLINE, and an access strategy with failover pools must not be pinned to its primary pools (accessMode DEFAULT); an Alibaba Cloud GTM 3.0 address (alidnscloudgtmaddress.AlidnsCloudGtmAddress) must not be forced available (availableMode manual with manualAvailableStatus available, which keeps it answered whatever its health tasks find).",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Route 53: create an aws.route53.HealthCheck for the primary endpoint and set healthCheckId on the PRIMARY record.",
      'Route 53 traffic policies: give each failover rule\'s Primary a "HealthCheck" id (or "EvaluateTargetHealth": true on a load balancer endpoint); when the Primary routes to a latency, geo or other rule, give every branch of that rule a health check.',
      'Alibaba Cloud: set healthCheckTaskCount >= 1 on the GTM instance, add a dns.MonitorConfig per address pool, use address mode SMART, and accessMode "AUTO" on access strategies.',
      'Alibaba Cloud GTM 3.0: set availableMode "auto" on each AlidnsCloudGtmAddress (manual mode with manualAvailableStatus "available" ignores its health tasks), with health tasks as require-gtm-pool-monitoring asks.',
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" }],
    caseStep: 6,
  },
  checks: {
    [RECORD]: route53Records,
    [RECORDS_EXCLUSIVE]: route53Records,
    [TRAFFIC_POLICY]: trafficPolicy,
    "alicloud:dns/gtmInstance:GtmInstance": gtmInstance,
    "alicloud:dns/addressPool:AddressPool": addressPool,
    "alicloud:dns/accessStrategy:AccessStrategy": accessStrategy,
    [CLOUD_GTM_ADDRESS]: cloudGtmAddress,
  },
});
