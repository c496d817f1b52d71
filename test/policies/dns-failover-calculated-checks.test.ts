// require-dns-failover-health-check-effective: a CALCULATED check is as good as the children that can fail, and a
// CloudWatch alarm check left without insufficientDataHealthStatus keeps its last status (Route 53's default).
import { requireDnsFailoverHealthCheckEffective as rule } from "../../policies/rules/require-dns-failover-health-check-effective";
import { GenericResource } from "../../lib/reachability";
import { knownRef, ref, StackBuilder } from "../reachability/stack-builder";
import { Probe, probesWith } from "../reachability/stack-probes";
import { UNKNOWN } from "./harness";

const RECORD = "aws:route53/record:Record";
const HC = "aws:route53/healthCheck:HealthCheck";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const failover = (type: unknown) => ({
  zoneId: "z",
  name: "app",
  type: "A",
  setIdentifier: "p",
  records: ["203.0.113.1"],
  failoverRoutingPolicies: [{ type }],
});
const https = { type: "HTTPS", fqdn: "app.example.com", port: 443, resourcePath: "/health" };

/** Notes must say what is unknown; with failClosed every note is a violation. */
const probes = probesWith({ onlyUnverifiedNotes: true });

type Fill = (b: StackBuilder) => void;
const built = (fill: Fill) => () => {
  const b = new StackBuilder();
  fill(b);
  return b;
};
type Row = Omit<Probe, "build"> & { build: Fill };
const rows = (list: Row[]): Probe[] => list.map((r) => ({ ...r, build: built(r.build) }));

/** A record of the given role on a calculated check over the given children, linked as a preview links them. */
function calculated(
  b: StackBuilder,
  children: Record<string, unknown>[],
  threshold: unknown,
  role: unknown = "PRIMARY",
): GenericResource {
  const made = children.map((c, i) => b.add(HC, `child-${i + 1}`, { ...https, ...c }));
  const parent = b.add(HC, "parent", {
    type: "CALCULATED",
    childHealthThreshold: threshold,
    childHealthchecks: made.map((c) => ref(c)),
  });
  b.add(RECORD, "app", { ...failover(role), healthCheckId: ref(parent) });
  return parent;
}

describe("require-dns-failover-health-check-effective: calculated checks judged by their children", () => {
  probes(
    rule,
    rows([
      {
        name: "bad: the only child is disabled",
        build: (b) => calculated(b, [{ disabled: true }], 1),
        violations: 1,
        mentions: "child-1 is disabled",
      },
      {
        name: "bad: the only child is disabled, threshold written as a string",
        build: (b) => calculated(b, [{ disabled: "true" }], "1"),
        violations: 1,
      },
      {
        name: "bad: one of two children disabled and one healthy child is enough (threshold 1)",
        build: (b) => calculated(b, [{}, { disabled: true }], 1),
        violations: 1,
        mentions: "at least 2 must be able to fail, but only 1 can",
      },
      {
        name: "good: one of two children disabled but both must be healthy (threshold 2)",
        build: (b) => calculated(b, [{}, { disabled: true }], 2),
        violations: 0,
      },
      {
        name: "good: every child can fail (as the DnsFailover component builds it)",
        build: (b) => calculated(b, [{}, {}, {}], 3),
        violations: 0,
      },
      {
        name: "good: one working child",
        build: (b) => calculated(b, [{}], 1),
        violations: 0,
      },
      {
        name: "good: a threshold above the number of children is always unhealthy",
        build: (b) => calculated(b, [{ disabled: true }], 2),
        violations: 0,
      },
      {
        name: "bad: the only child is inverted",
        build: (b) => calculated(b, [{ invertHealthcheck: "1" }], 1),
        violations: 1,
        mentions: "inverted",
      },
      {
        name: "bad: the only child reads healthy on insufficient data",
        build: (b) =>
          calculated(
            b,
            [{ type: "CLOUDWATCH_METRIC", cloudwatchAlarmName: "x", insufficientDataHealthStatus: "Healthy" }],
            1,
          ),
        violations: 1,
        mentions: "reads healthy",
      },
      {
        name: "bad: the only child is itself calculated with childHealthThreshold 0",
        build: (b) => calculated(b, [{ type: "CALCULATED", childHealthThreshold: 0, childHealthchecks: [] }], 1),
        violations: 1,
        mentions: "childHealthThreshold 0",
      },
      {
        name: "bad: nested calculated checks whose leaf is disabled",
        build: (b) => {
          const leaf = b.add(HC, "leaf", { ...https, disabled: true });
          const middle = b.add(HC, "middle", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: [ref(leaf)],
          });
          const top = b.add(HC, "top", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: [ref(middle)],
          });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(top) });
        },
        violations: 1,
        mentions: "middle is a calculated check",
      },
      {
        name: "bad: children linked after deployment by known ids",
        build: (b) => {
          b.add(HC, "child-1", { ...https, id: "hc-1", disabled: true });
          b.add(HC, "child-2", { ...https, id: "hc-2", disabled: "TRUE" });
          b.add(HC, "parent", {
            id: "hc-p",
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: ["hc-1", "hc-2"],
          });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: "hc-p" });
        },
        violations: 1,
      },
      {
        name: "bad: a known id that is also a dependency",
        build: (b) => {
          const child = b.add(HC, "child-1", { ...https, id: "hc-1", disabled: true });
          const parent = b.add(HC, "parent", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: [knownRef(child, "hc-1")],
          });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(parent) });
        },
        violations: 1,
      },
      {
        name: "good: working children linked by known ids",
        build: (b) => {
          b.add(HC, "child-1", { ...https, id: "hc-1" });
          b.add(HC, "parent", { id: "hc-p", type: "CALCULATED", childHealthThreshold: 1, childHealthchecks: ["hc-1"] });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: "hc-p" });
        },
        violations: 0,
      },
      {
        name: "note: children outside the stack",
        build: (b) => {
          const parent = b.add(HC, "parent", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: ["hc-elsewhere-1", "hc-elsewhere-2"],
          });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(parent) });
        },
        violations: 0,
        notes: 1,
        label: "parent.childHealthchecks",
      },
      {
        name: "bad: a disabled child and one outside the stack cannot reach the two needed",
        build: (b) => {
          const child = b.add(HC, "child-1", { ...https, disabled: true });
          const parent = b.add(HC, "parent", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: [ref(child), "hc-elsewhere"],
          });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(parent) });
        },
        violations: 1,
      },
      {
        name: "note: the only child's disabled is unknown at preview",
        build: (b) => calculated(b, [{ disabled: UNKNOWN }], 1),
        violations: 0,
        notes: 1,
        label: "parent.childHealthchecks",
      },
      {
        name: "note: the list of children is unknown at preview",
        build: (b) => {
          const parent = b.add(HC, "parent", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: UNKNOWN,
          });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(parent) });
        },
        violations: 0,
        notes: 1,
      },
      {
        name: "note: calculated checks naming each other",
        build: (b) => {
          const a = b.add(HC, "a", {
            id: "hc-a",
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: ["hc-b"],
          });
          b.add(HC, "b", { id: "hc-b", type: "CALCULATED", childHealthThreshold: 1, childHealthchecks: ["hc-a"] });
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: knownRef(a, "hc-a") });
        },
        violations: 0,
        notes: 1,
      },
      {
        name: "note: more checks flow into the list than it has entries (ids combined before the list)",
        build: (b) => {
          const off = b.add(HC, "off", { ...https, disabled: true });
          const on = b.add(HC, "on", https);
          const parent = b.add(HC, "parent", {
            type: "CALCULATED",
            childHealthThreshold: 1,
            childHealthchecks: [ref(off)],
          });
          parent.propertyDependencies.childHealthchecks.push(on.urn);
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(parent) });
        },
        violations: 0,
        notes: 1,
      },
      {
        name: "good: forty nested calculated checks, each over all before it, are judged in time",
        build: (b) => {
          const checks = [b.add(HC, "leaf", https)];
          for (let i = 1; i < 40; i++)
            checks.push(
              b.add(HC, `level-${i}`, {
                type: "CALCULATED",
                childHealthThreshold: checks.length,
                childHealthchecks: checks.map((c) => ref(c)),
              }),
            );
          b.add(RECORD, "app", { ...failover("PRIMARY"), healthCheckId: ref(checks[checks.length - 1]) });
        },
        violations: 0,
      },
      {
        name: "good: SECONDARY on a calculated check whose only child is disabled",
        build: (b) => calculated(b, [{ disabled: true }], 1, "SECONDARY"),
        violations: 0,
      },
      {
        name: "note: unknown failover role on a calculated check whose only child is disabled",
        build: (b) => calculated(b, [{ disabled: true }], 1, UNKNOWN),
        violations: 0,
        notes: 1,
      },
    ]),
  );
});

/** A PRIMARY on a CloudWatch alarm check, with the alarm it follows when given. */
function alarmCheck(
  b: StackBuilder,
  check: Record<string, unknown>,
  alarm?: Record<string, unknown>,
  role = "PRIMARY",
) {
  const followed = alarm && b.add(ALARM, "primary-5xx", { name: "primary-5xx", region: "us-east-1", ...alarm });
  const hc = b.add(HC, "hc", {
    type: "CLOUDWATCH_METRIC",
    cloudwatchAlarmName: followed ? ref(followed) : "primary-5xx",
    cloudwatchAlarmRegion: "us-east-1",
    ...check,
  });
  b.add(RECORD, "app", { ...failover(role), healthCheckId: ref(hc) });
}

describe("require-dns-failover-health-check-effective: insufficientDataHealthStatus left unset", () => {
  probes(
    rule,
    rows([
      {
        name: "bad: unset, alarm outside the stack",
        build: (b) => alarmCheck(b, {}),
        violations: 1,
        mentions: 'Route 53 reads as "LastKnownStatus"',
      },
      {
        name: "bad: unset, alarm with treatMissingData unset (missing)",
        build: (b) => alarmCheck(b, {}, {}),
        violations: 1,
        mentions: 'insufficientDataHealthStatus "Unhealthy"',
      },
      {
        name: "bad: unset, alarm with treatMissingData missing written out",
        build: (b) => alarmCheck(b, {}, { treatMissingData: "missing" }),
        violations: 1,
      },
      {
        name: "bad: empty string is unset",
        build: (b) => alarmCheck(b, { insufficientDataHealthStatus: "" }, {}),
        violations: 1,
      },
      {
        name: "bad: null is unset",
        build: (b) => alarmCheck(b, { insufficientDataHealthStatus: null }, {}),
        violations: 1,
      },
      {
        name: "good: unset, alarm treats missing data as breaching",
        build: (b) => alarmCheck(b, {}, { treatMissingData: "breaching" }),
        violations: 0,
      },
      {
        name: "good: unset, alarm treats missing data as breaching, in another case",
        build: (b) => alarmCheck(b, {}, { treatMissingData: "BREACHING" }),
        violations: 0,
      },
      {
        name: "bad: unset, alarm not breaching: the check and the alarm",
        build: (b) => alarmCheck(b, {}, { treatMissingData: "notBreaching" }),
        violations: 2,
      },
      {
        name: "note: unset, alarm's treatMissingData unknown at preview (one note, on the alarm)",
        build: (b) => alarmCheck(b, {}, { treatMissingData: UNKNOWN }),
        violations: 0,
        notes: 1,
        label: "primary-5xx.treatMissingData",
      },
      {
        name: "good: Unhealthy, alarm with treatMissingData unset",
        build: (b) => alarmCheck(b, { insufficientDataHealthStatus: "Unhealthy" }, {}),
        violations: 0,
      },
      {
        name: "bad: LastKnownStatus written out stays refused even with a breaching alarm",
        build: (b) =>
          alarmCheck(b, { insufficientDataHealthStatus: "LastKnownStatus" }, { treatMissingData: "breaching" }),
        violations: 1,
      },
      {
        name: "good: SECONDARY with the status unset",
        build: (b) => alarmCheck(b, {}, {}, "SECONDARY"),
        violations: 0,
      },
      {
        name: "bad: a calculated check whose only child is an alarm check with the status unset",
        build: (b) => calculated(b, [{ type: "CLOUDWATCH_METRIC", cloudwatchAlarmName: "elsewhere" }], 1),
        violations: 1,
        mentions: "child-1 leaves insufficientDataHealthStatus unset",
      },
    ]),
  );
});
