import { requireDnsFailoverHealthCheck } from "../../policies/rules/require-dns-failover-health-check";
import { requireDnsFailoverHealthCheckEffective } from "../../policies/rules/require-dns-failover-health-check-effective";
import { Case, StackInput, table, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

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

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const healthCheck = (props: Record<string, unknown> = {}): StackInput => ({
  type: HEALTH_CHECK,
  name: "primary-hc",
  props: { fqdn: "app.example.com", port: 443, type: "HTTPS", resourcePath: "/health", ...props },
});
/** The record links to the health check at preview through a property dependency on its unknown id. */
const record = (props: Record<string, unknown> = {}): StackInput => ({
  type: RECORD,
  name: "app-primary",
  props: { ...primary, healthCheckId: UNKNOWN, ...props },
  propertyDependencies: { healthCheckId: [urnOf(HEALTH_CHECK, "primary-hc")] },
});
const secondary = { failoverRoutingPolicies: [{ type: "SECONDARY" }] };
/** A health check that follows a CloudWatch alarm, reading the given status while the alarm has no data. */
const alarmCheck = (insufficientDataHealthStatus: unknown) => ({
  type: "CLOUDWATCH_METRIC",
  fqdn: undefined,
  port: undefined,
  resourcePath: undefined,
  cloudwatchAlarmName: "primary-5xx",
  cloudwatchAlarmRegion: "cn-north-1",
  insufficientDataHealthStatus,
});

describe("require-dns-failover-health-check-effective", () => {
  const onCheck = { urn: urnOf(HEALTH_CHECK, "primary-hc") };
  stackTable(requireDnsFailoverHealthCheckEffective, [
    { name: "PRIMARY with a working health check", resources: [record(), healthCheck()], violations: 0 },
    {
      name: "PRIMARY with a disabled health check",
      resources: [record(), healthCheck({ disabled: true })],
      violations: 1,
      mentions: "disabled",
      ...onCheck,
    },
    {
      name: "PRIMARY with an inverted health check",
      resources: [record(), healthCheck({ invertHealthcheck: true })],
      violations: 1,
      mentions: "inverted",
      ...onCheck,
    },
    {
      name: "PRIMARY with a disabled and inverted health check",
      resources: [record(), healthCheck({ disabled: "true", invertHealthcheck: true })],
      violations: 2,
      ...onCheck,
    },
    {
      name: "PRIMARY linked after deployment by equal ids",
      resources: [
        { ...record({ healthCheckId: "hc-1" }), propertyDependencies: {} },
        healthCheck({ id: "hc-1", disabled: true }),
      ],
      violations: 1,
      ...onCheck,
    },
    {
      name: "disabled health check of another record",
      resources: [
        { ...record({ healthCheckId: "hc-2" }), propertyDependencies: {} },
        healthCheck({ id: "hc-1", disabled: true }),
      ],
      violations: 0,
    },
    {
      name: "SECONDARY with a disabled health check (as without one)",
      resources: [record(secondary), healthCheck({ disabled: true })],
      violations: 0,
    },
    {
      name: "SECONDARY with an inverted health check",
      resources: [record(secondary), healthCheck({ invertHealthcheck: true })],
      violations: 1,
      mentions: "inverted",
    },
    {
      name: "simple record with a disabled health check is not failover",
      resources: [
        record({ failoverRoutingPolicies: undefined, setIdentifier: undefined }),
        healthCheck({ disabled: true }),
      ],
      violations: 0,
    },
    {
      name: "unknown disabled is a note",
      resources: [record(), healthCheck({ disabled: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "PRIMARY with a CloudWatch alarm check that reads healthy on insufficient data",
      resources: [record(), healthCheck(alarmCheck("Healthy"))],
      violations: 1,
      mentions: 'insufficientDataHealthStatus "Healthy"',
      ...onCheck,
    },
    {
      name: "PRIMARY with a CloudWatch alarm check that reads unhealthy on insufficient data",
      resources: [record(), healthCheck(alarmCheck("Unhealthy"))],
      violations: 0,
    },
    {
      name: "PRIMARY with a CloudWatch alarm check keeping its last status",
      resources: [record(), healthCheck(alarmCheck("LastKnownStatus"))],
      violations: 1,
      mentions: 'insufficientDataHealthStatus "LastKnownStatus"',
      ...onCheck,
    },
    {
      name: "PRIMARY with a CloudWatch alarm check keeping its last status, written in lower case",
      resources: [record(), healthCheck(alarmCheck("lastknownstatus"))],
      violations: 1,
      mentions: 'set it to "Unhealthy"',
      ...onCheck,
    },
    {
      name: "SECONDARY with a CloudWatch alarm check keeping its last status",
      resources: [record(secondary), healthCheck(alarmCheck("LastKnownStatus"))],
      violations: 0,
    },
    {
      name: "unknown check type keeping its last status is a note",
      resources: [record(), healthCheck({ ...alarmCheck("LastKnownStatus"), type: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "failing closed, insufficientDataHealthStatus unknown at preview is a violation",
      resources: [record(), healthCheck(alarmCheck(UNKNOWN))],
      violations: 1,
      mentions: "primary-hc.insufficientDataHealthStatus is unknown",
      config: { failClosed: true },
      ...onCheck,
    },
    {
      name: "SECONDARY with a CloudWatch alarm check that reads healthy on insufficient data",
      resources: [record(secondary), healthCheck(alarmCheck("Healthy"))],
      violations: 0,
    },
    {
      name: "an HTTPS check ignores insufficientDataHealthStatus",
      resources: [record(), healthCheck({ insufficientDataHealthStatus: "Healthy" })],
      violations: 0,
    },
    {
      name: "insufficientDataHealthStatus unknown at preview is a note",
      resources: [record(), healthCheck(alarmCheck(UNKNOWN))],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown failover type with a disabled health check is a note",
      resources: [record({ failoverRoutingPolicies: [{ type: UNKNOWN }] }), healthCheck({ disabled: true })],
      violations: 0,
      notes: 1,
    },
  ] as StackCase[]);
});

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
/** The alarm the CloudWatch check follows: named like alarmCheck's, in its region unless told otherwise. */
const alarm = (props: Record<string, unknown> = {}, name = "primary-5xx"): StackInput => ({
  type: ALARM,
  name,
  props: {
    name: "primary-5xx",
    region: "cn-north-1",
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: 1,
    metricName: "5XXError",
    namespace: "AWS/ApplicationELB",
    period: 60,
    statistic: "Sum",
    threshold: 10,
    ...props,
  },
});
/** A check reading unhealthy on insufficient data, so only the alarm can be at fault. */
const strictCheck = (props: Record<string, unknown> = {}) => healthCheck({ ...alarmCheck("Unhealthy"), ...props });

describe("require-dns-failover-health-check-effective: the CloudWatch alarm a check follows", () => {
  const onAlarm = { urn: urnOf(ALARM, "primary-5xx") };
  stackTable(requireDnsFailoverHealthCheckEffective, [
    {
      name: "PRIMARY check following an alarm that treats missing data as not breaching",
      resources: [record(), strictCheck(), alarm({ treatMissingData: "notBreaching" })],
      violations: 1,
      mentions: 'treatMissingData "notBreaching"): set treatMissingData "breaching"',
      ...onAlarm,
    },
    {
      name: "PRIMARY check following an alarm that ignores missing data",
      resources: [record(), strictCheck(), alarm({ treatMissingData: "ignore" })],
      violations: 1,
      mentions: 'treatMissingData "ignore"',
      ...onAlarm,
    },
    {
      name: "an alarm written in another case is judged the same",
      resources: [record(), strictCheck(), alarm({ treatMissingData: "NOTBREACHING" })],
      violations: 1,
      ...onAlarm,
    },
    {
      name: "both the check and its alarm stay healthy on silence: one violation on each",
      resources: [record(), healthCheck(alarmCheck("Healthy")), alarm({ treatMissingData: "notBreaching" })],
      violations: 2,
      mentions: "health check primary-hc (of primary failover record app-primary)",
    },
    {
      name: "PRIMARY check following an alarm that treats missing data as breaching",
      resources: [record(), strictCheck(), alarm({ treatMissingData: "breaching" })],
      violations: 0,
    },
    {
      name: "alarm with treatMissingData unset (missing) and a check reading unhealthy",
      resources: [record(), strictCheck(), alarm()],
      violations: 0,
    },
    {
      name: "alarm with treatMissingData missing written out",
      resources: [record(), strictCheck(), alarm({ treatMissingData: "missing" })],
      violations: 0,
    },
    {
      name: "SECONDARY check following an alarm that treats missing data as not breaching",
      resources: [record(secondary), strictCheck(), alarm({ treatMissingData: "notBreaching" })],
      violations: 0,
    },
    {
      name: "an HTTPS check is not following the alarm of the same name",
      resources: [record(), healthCheck({ cloudwatchAlarmName: "primary-5xx" }), alarm({ treatMissingData: "ignore" })],
      violations: 0,
    },
    {
      name: "an alarm of another name is not the check's",
      resources: [record(), strictCheck(), alarm({ name: "other", treatMissingData: "notBreaching" })],
      violations: 0,
    },
    {
      name: "an alarm of the same name in another region is not the check's",
      resources: [record(), strictCheck(), alarm({ region: "cn-northwest-1", treatMissingData: "notBreaching" })],
      violations: 0,
    },
    {
      name: "an alarm naming no region (the provider's) matches by name",
      resources: [record(), strictCheck(), alarm({ region: undefined, treatMissingData: "notBreaching" })],
      violations: 1,
      ...onAlarm,
    },
    {
      name: "a check naming no region matches the alarm by name",
      resources: [
        record(),
        strictCheck({ cloudwatchAlarmRegion: undefined }),
        alarm({ treatMissingData: "notBreaching" }),
      ],
      violations: 1,
      ...onAlarm,
    },
    {
      name: "an alarm outside the stack adds nothing",
      resources: [record(), strictCheck({ cloudwatchAlarmName: "elsewhere" })],
      violations: 0,
    },
    {
      name: "an alarm created alongside, its name flowing into the check unknown",
      resources: [
        record(),
        {
          ...strictCheck({ cloudwatchAlarmName: UNKNOWN }),
          propertyDependencies: { cloudwatchAlarmName: [urnOf(ALARM, "primary-5xx")] },
        },
        alarm({ name: UNKNOWN, treatMissingData: "notBreaching" }),
      ],
      violations: 1,
      ...onAlarm,
    },
    {
      name: "an unknown alarm name not flowing from the stack's alarm links nothing",
      resources: [record(), strictCheck({ cloudwatchAlarmName: UNKNOWN }), alarm({ treatMissingData: "ignore" })],
      violations: 0,
    },
    {
      name: "treatMissingData unknown at preview is a note",
      resources: [record(), strictCheck(), alarm({ treatMissingData: UNKNOWN })],
      violations: 0,
      notes: 1,
    },
    {
      name: "check type unknown with an alarm ignoring missing data is a note",
      resources: [record(), strictCheck({ type: UNKNOWN }), alarm({ treatMissingData: "ignore" })],
      violations: 0,
      notes: 1,
    },
    {
      name: "unknown failover type with an alarm ignoring missing data is a note",
      resources: [
        record({ failoverRoutingPolicies: [{ type: UNKNOWN }] }),
        strictCheck(),
        alarm({ treatMissingData: "ignore" }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "failing closed, treatMissingData unknown at preview is a violation on the alarm",
      resources: [record(), strictCheck(), alarm({ treatMissingData: UNKNOWN })],
      violations: 1,
      mentions: "primary-5xx.treatMissingData is unknown",
      config: { failClosed: true },
      ...onAlarm,
    },
  ] as StackCase[]);
});
