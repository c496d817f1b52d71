import { requireDnsFailoverHealthCheck } from "../../policies/rules/require-dns-failover-health-check";
import { Case, table, UNKNOWN } from "./harness";

const RECORD = "aws:route53/record:Record";
const primary = {
  zoneId: "z",
  name: "app",
  type: "A",
  setIdentifier: "p",
  failoverRoutingPolicies: [{ type: "PRIMARY" }],
  records: ["203.0.113.1"],
};

describe("require-dns-failover-health-check", () => {
  table(requireDnsFailoverHealthCheck, [
    { name: "PRIMARY without health check", type: RECORD, props: primary, violations: 1 },
    { name: "PRIMARY with health check id", type: RECORD, props: { ...primary, healthCheckId: "hc-1" }, violations: 0 },
    {
      name: "PRIMARY with health check created alongside (unknown id)",
      type: RECORD,
      props: { ...primary, healthCheckId: UNKNOWN },
      violations: 0,
    },
    {
      name: "PRIMARY alias evaluating target health",
      type: RECORD,
      props: { ...primary, records: undefined, aliases: [{ name: "lb", zoneId: "z", evaluateTargetHealth: true }] },
      violations: 0,
    },
    {
      name: "PRIMARY alias not evaluating target health",
      type: RECORD,
      props: { ...primary, aliases: [{ name: "lb", zoneId: "z", evaluateTargetHealth: false }] },
      violations: 1,
    },
    {
      name: "SECONDARY without health check",
      type: RECORD,
      props: { ...primary, failoverRoutingPolicies: [{ type: "SECONDARY" }] },
      violations: 0,
    },
    {
      name: "simple record",
      type: RECORD,
      props: { zoneId: "z", name: "www", type: "A", records: ["203.0.113.1"] },
      violations: 0,
    },
    {
      name: "unknown failover type is a note",
      type: RECORD,
      props: { ...primary, failoverRoutingPolicies: [{ type: UNKNOWN }] },
      violations: 0,
      notes: 1,
    },
    {
      name: "GTM instance without health-check tasks",
      type: "alicloud:dns/gtmInstance:GtmInstance",
      props: { instanceName: "g", healthCheckTaskCount: 0 },
      violations: 1,
    },
    {
      name: "GTM instance with health-check tasks",
      type: "alicloud:dns/gtmInstance:GtmInstance",
      props: { instanceName: "g", healthCheckTaskCount: 100 },
      violations: 0,
    },
    {
      name: "GTM pool address forced online",
      type: "alicloud:dns/addressPool:AddressPool",
      props: { addresses: [{ address: "1.1.1.1", mode: "ONLINE", attributeInfo: "{}" }] },
      violations: 1,
    },
    {
      name: "GTM pool smart addresses",
      type: "alicloud:dns/addressPool:AddressPool",
      props: { addresses: [{ address: "1.1.1.1", mode: "SMART", attributeInfo: "{}" }] },
      violations: 0,
    },
  ] as Case[]);
});
