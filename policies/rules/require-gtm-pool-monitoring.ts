import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const POOL = "alicloud:dns/addressPool:AddressPool";
const MONITOR = "alicloud:dns/monitorConfig:MonitorConfig";

/** Case step 6: failover needs a health probe per pool, or GTM never notices the primary is down. */
export const requireGtmPoolMonitoring = defineStackRule({
  metadata: {
    name: "require-gtm-pool-monitoring",
    description:
      "Every Alibaba Cloud GTM address pool in the stack must have a dns.MonitorConfig (health check) attached.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Add an alicloud.dns.MonitorConfig with addrPoolId set to the pool's id (HTTP(S), TCP or ping probe).",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" }],
    caseStep: 6,
    resourceTypes: [POOL, MONITOR],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const monitors = resources.filter((r) => r.type === MONITOR);
    return resources
      .filter((r) => r.type === POOL && !monitors.some((m) => refersTo(m, "addrPoolId", r, ["id"])))
      .map((p): StackFinding => ({
        urn: p.urn,
        message: `address pool ${p.name} has no health check (MonitorConfig)`,
      }));
  },
});
