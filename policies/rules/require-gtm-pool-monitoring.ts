import { CLOUD_GTM_ADDRESS, CLOUD_GTM_MONITOR_TEMPLATE, healthTaskFindings } from "../lib/cloud-gtm-addresses";
import { defineStackRule, refersTo, StackFinding } from "../lib/stack-rule";

const POOL = "alicloud:dns/addressPool:AddressPool";
const MONITOR = "alicloud:dns/monitorConfig:MonitorConfig";

/** Case step 6: failover needs a health probe per pool, or GTM never notices the primary is down. */
export const requireGtmPoolMonitoring = defineStackRule({
  metadata: {
    name: "require-gtm-pool-monitoring",
    description:
      "Every Alibaba Cloud GTM address pool must have a health check, and every GTM 3.0 address must have health tasks that can report it down.",
    details:
      "Every Alibaba Cloud GTM address pool in the stack must have a dns.MonitorConfig (health check) attached; every GTM 3.0 address (alidnscloudgtmaddress.AlidnsCloudGtmAddress) that GTM answers (not disabled, nor set unavailable by hand), which carries its own probes, must have health tasks that can report it down: at least one, and not so many naming no monitor template or a monitor template of the stack with failureRate 100 (a share of failing probe nodes it can never exceed) that its healthJudgement (any_ok, p30_ok, p50_ok, p70_ok, all_ok; unset read as any_ok) is met with every other task failing. Templates outside the stack, GTM's preset ones included, are taken to be able to fail.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: [
      "Add an alicloud.dns.MonitorConfig with addrPoolId set to the pool's id (HTTP(S), TCP or ping probe).",
      "GTM 3.0: give each alicloud.alidnscloudgtmaddress.AlidnsCloudGtmAddress healthTasks naming an alicloud.alidnscloudgtm.MonitorTemplate (templateId) with failureRate below 100, and a healthJudgement that the tasks able to fail can break (all_ok when in doubt).",
    ],
    controls: [{ framework: "MLPS 2.0 L3", id: "8.1.4 (redundancy and recovery)" }],
    caseStep: 6,
    resourceTypes: [POOL, MONITOR, CLOUD_GTM_ADDRESS, CLOUD_GTM_MONITOR_TEMPLATE],
  },
  // Like the resource rules: an expired exemption is a violation of its own before the finding.
  expiredExemption: "notice",
  check: ({ resources }) => {
    const monitors = resources.filter((r) => r.type === MONITOR);
    const templates = resources.filter((r) => r.type === CLOUD_GTM_MONITOR_TEMPLATE);
    const pools = resources
      .filter((r) => r.type === POOL && !monitors.some((m) => refersTo(m, "addrPoolId", r, ["id"])))
      .map((p): StackFinding => ({
        urn: p.urn,
        message: `address pool ${p.name} has no health check (MonitorConfig)`,
      }));
    const addresses = resources
      .filter((r) => r.type === CLOUD_GTM_ADDRESS)
      .flatMap((a) => healthTaskFindings(a, templates).map((f): StackFinding => ({ ...f, urn: a.urn })));
    return [...pools, ...addresses];
  },
});
