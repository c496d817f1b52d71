// Route 53 traffic policies in the dns-failover rules: every failover rule's Primary must be able to fail (a
// HealthCheck, target health of an endpoint that reports it, or a nested rule every branch of which can fail), and
// the health checks a primary follows must themselves be able to fail.
import { requireDnsFailoverHealthCheck } from "../../policies/rules/require-dns-failover-health-check";
import { requireDnsFailoverHealthCheckEffective } from "../../policies/rules/require-dns-failover-health-check-effective";
import { Case, StackInput, table, UNKNOWN, urnOf } from "./harness";
import { StackCase, stackTable } from "./stack-table";

const TRAFFIC_POLICY = "aws:route53/trafficPolicy:TrafficPolicy";

const ENDPOINTS = {
  primary_ip: { Type: "value", Value: "203.0.113.1" },
  backup_ip: { Type: "value", Value: "198.51.100.1" },
  primary_alb: { Type: "application-load-balancer", Value: "primary-123.cn-north-1.elb.amazonaws.com.cn" },
  primary_nlb: { Type: "NETWORK-LOAD-BALANCER", Value: "primary-nlb.elb.cn-north-1.amazonaws.com.cn" },
  primary_cdn: { Type: "cloudfront", Value: "d111111abcdef8.cloudfront.net" },
  eu_ip: { Type: "value", Value: "192.0.2.10" },
  ap_ip: { Type: "value", Value: "192.0.2.20" },
};

/** A document as Route 53 (or getTrafficPolicyDocument's `json`) writes it. */
const documentOf = (rules: Record<string, unknown>, endpoints: Record<string, unknown> = ENDPOINTS): string =>
  JSON.stringify({
    AWSPolicyFormatVersion: "2015-10-01",
    RecordType: "A",
    StartRule: Object.keys(rules)[0],
    Endpoints: endpoints,
    Rules: rules,
  });

const backup = { EndpointReference: "backup_ip" };
/** A failover rule routing to `primary`, else to the backup address (a Secondary needs no health check). */
const failover = (primary: Record<string, unknown>, secondary: Record<string, unknown> = backup) => ({
  RuleType: "failover",
  Primary: primary,
  Secondary: secondary,
});
const checked = (endpoint: string, id = "hc-1") => ({ EndpointReference: endpoint, HealthCheck: id });
/** A latency rule over the two regional addresses, each branch as given. */
const byRegion = (eu: Record<string, unknown>, ap: Record<string, unknown>) => ({
  RuleType: "latency",
  Regions: [
    { Region: "eu-west-1", ...eu },
    { Region: "ap-east-1", ...ap },
  ],
});

const policy = (document: unknown, name = "app-policy"): Case => ({
  name,
  type: TRAFFIC_POLICY,
  props: { name: "app", document },
  violations: 0,
});
const row = (name: string, document: unknown, violations: number, extra: Partial<Case> = {}): Case => ({
  ...policy(document),
  name,
  violations,
  ...extra,
});

describe("require-dns-failover-health-check: traffic policy failover rules", () => {
  table(requireDnsFailoverHealthCheck, [
    // Known-bad: a Primary Route 53 cannot see fail.
    row(
      "Primary address without a health check",
      documentOf({ site: failover({ EndpointReference: "primary_ip" }) }),
      1,
      {
        mentions: "failover rule site never fails over: Rules.site.Primary has no HealthCheck",
      },
    ),
    row(
      "Primary address evaluating target health (the console's default): an address reports no health",
      documentOf({ site: failover({ EndpointReference: "primary_ip", EvaluateTargetHealth: true }) }),
      1,
      { mentions: 'endpoint primary_ip is of type "value"' },
    ),
    row(
      "Primary CloudFront distribution evaluating target health",
      documentOf({ site: failover({ EndpointReference: "primary_cdn", EvaluateTargetHealth: true }) }),
      1,
      { mentions: '"cloudfront"' },
    ),
    row(
      "Primary load balancer not evaluating target health",
      documentOf({ site: failover({ EndpointReference: "primary_alb", EvaluateTargetHealth: false }) }),
      1,
      { mentions: "does not set EvaluateTargetHealth true" },
    ),
    row(
      "Primary load balancer leaving EvaluateTargetHealth out",
      documentOf({ site: failover({ EndpointReference: "primary_alb" }) }),
      1,
    ),
    row(
      "Primary latency rule with one region unchecked: clients routed there never fail over",
      documentOf({
        site: failover({ RuleReference: "by_region", EvaluateTargetHealth: true }),
        by_region: byRegion(checked("eu_ip"), { EndpointReference: "ap_ip" }),
      }),
      1,
      { mentions: "Rules.site.Primary routes to rule by_region, and Rules.by_region.Regions[1] has no HealthCheck" },
    ),
    row(
      "Primary rule reference ignoring the rule's health (EvaluateTargetHealth false)",
      documentOf({
        site: failover({ RuleReference: "by_region", EvaluateTargetHealth: "false" }),
        by_region: byRegion(checked("eu_ip"), checked("ap_ip", "hc-2")),
      }),
      1,
      { mentions: "sets EvaluateTargetHealth false on rule by_region" },
    ),
    row(
      "Primary weighted rule over a geo rule with an unchecked location, two levels down",
      documentOf({
        site: failover({ RuleReference: "split" }),
        split: {
          RuleType: "weighted",
          Items: [
            { Weight: "50", ...checked("eu_ip") },
            { Weight: "50", RuleReference: "by_country" },
          ],
        },
        by_country: {
          RuleType: "geo",
          Locations: [
            { Country: "CN", ...checked("ap_ip", "hc-3") },
            { IsDefault: true, EndpointReference: "eu_ip" },
          ],
        },
      }),
      1,
      { mentions: "Rules.by_country.Locations[1] has no HealthCheck" },
    ),
    row(
      "Primary nested failover rule whose own Secondary is unchecked: the nested rule never fails as a whole",
      documentOf({
        site: failover({ RuleReference: "inner" }, { EndpointReference: "ap_ip" }),
        inner: failover(checked("primary_ip"), { EndpointReference: "eu_ip" }),
      }),
      1,
      { mentions: "failover rule site never fails over: Rules.site.Primary routes to rule inner" },
    ),
    row(
      "getTrafficPolicyDocument's spelling of geoproximity locations is read",
      documentOf({
        site: failover({ RuleReference: "near" }),
        near: {
          RuleType: "geoproximity",
          GeoProximityLocations: [
            { Region: "aws:route53:cn-north-1", Bias: "0", ...checked("eu_ip") },
            { Region: "aws:route53:cn-northwest-1", Bias: "0", EndpointReference: "ap_ip", EvaluateTargetHealth: true },
          ],
        },
      }),
      1,
      { mentions: "GeoProximityLocations[1]" },
    ),
    row(
      "two failover rules without health checks: one violation each",
      documentOf({
        site: failover({ EndpointReference: "primary_ip" }),
        api: failover({ EndpointReference: "primary_cdn", EvaluateTargetHealth: true }),
      }),
      2,
      { mentions: "never fails over" },
    ),
    row(
      "rule type written in capitals is still a failover rule",
      documentOf({ site: { ...failover({ EndpointReference: "primary_ip" }), RuleType: "FAILOVER" } }),
      1,
    ),

    // Known-good.
    row("Primary address with a health check id", documentOf({ site: failover(checked("primary_ip")) }), 0),
    row(
      "Primary load balancer evaluating target health",
      documentOf({ site: failover({ EndpointReference: "primary_alb", EvaluateTargetHealth: true }) }),
      0,
    ),
    row(
      "Primary load balancer evaluating target health, written as a string, endpoint type in capitals",
      documentOf({ site: failover({ EndpointReference: "primary_nlb", EvaluateTargetHealth: "true" }) }),
      0,
    ),
    row(
      "Primary latency rule with every region checked (EvaluateTargetHealth left out on the reference)",
      documentOf({
        site: failover({ RuleReference: "by_region" }),
        by_region: byRegion(checked("eu_ip"), checked("ap_ip", "hc-2")),
      }),
      0,
    ),
    row(
      "Primary latency rule with a load balancer evaluating target health in one region",
      documentOf({
        site: failover({ RuleReference: "by_region", EvaluateTargetHealth: true }),
        by_region: byRegion(checked("eu_ip"), { EndpointReference: "primary_alb", EvaluateTargetHealth: true }),
      }),
      0,
    ),
    row(
      "Primary rule reference with its own health check covers unchecked branches",
      documentOf({
        site: failover({ RuleReference: "by_region", HealthCheck: "hc-9" }),
        by_region: byRegion({ EndpointReference: "eu_ip" }, { EndpointReference: "ap_ip" }),
      }),
      0,
    ),
    row(
      "Secondary without a health check is fine, as for records",
      documentOf({ site: failover(checked("primary_ip"), { EndpointReference: "primary_cdn" }) }),
      0,
    ),
    row(
      "a policy without failover rules is not this rule's concern",
      documentOf({ by_region: byRegion({ EndpointReference: "eu_ip" }, { EndpointReference: "ap_ip" }) }),
      0,
    ),
    row(
      "sub-rules shared by many branches are read once (a deep chain stays fast)",
      documentOf({
        site: failover({ RuleReference: "level0" }),
        ...Object.fromEntries(
          Array.from({ length: 40 }, (_, i) => [
            `level${i}`,
            {
              RuleType: "weighted",
              Items: [0, 1].map(() => (i < 39 ? { RuleReference: `level${i + 1}` } : checked("eu_ip"))),
            },
          ]),
        ),
      }),
      0,
    ),
    row("no document", undefined, 0),

    // Unknown at preview, or a document Route 53 rejects: notes.
    row("document unknown at preview (built from a health check created alongside)", UNKNOWN, 0, { notes: 1 }),
    row("document that is not JSON", '{"Rules": {', 0, { notes: 1 }),
    row("document that is a JSON list", "[]", 0, { notes: 1 }),
    row("document whose Rules are not objects", JSON.stringify({ Rules: { site: "failover" } }), 0, { notes: 1 }),
    row(
      "Primary naming an endpoint the document lacks",
      documentOf({ site: failover({ EndpointReference: "gone", EvaluateTargetHealth: true }) }),
      0,
      { notes: 1 },
    ),
    row(
      "Primary naming both an endpoint and a rule",
      documentOf({ site: failover({ EndpointReference: "primary_ip", RuleReference: "site" }) }),
      0,
      { notes: 1 },
    ),
    row(
      "failover rule without a Secondary",
      documentOf({ site: { RuleType: "failover", Primary: checked("primary_ip") } }),
      0,
      {
        notes: 1,
      },
    ),
    row(
      "failover rule without a Secondary whose Primary is unchecked: the violation and the note",
      documentOf({ site: { RuleType: "failover", Primary: { EndpointReference: "primary_ip" } } }),
      1,
      { notes: 1, mentions: "failover rule site never fails over" },
    ),
    row(
      "rules routing to each other in a loop",
      documentOf({
        site: failover({ RuleReference: "a" }),
        a: { RuleType: "weighted", Items: [{ RuleReference: "b" }] },
        b: { RuleType: "weighted", Items: [{ RuleReference: "a" }] },
      }),
      0,
      { notes: 1 },
    ),
    row(
      "nested rule of a type Route 53 does not know",
      documentOf({ site: failover({ RuleReference: "odd" }), odd: { RuleType: "random", Items: [checked("eu_ip")] } }),
      0,
      { notes: 1 },
    ),
    row(
      "references named like Object.prototype members find nothing",
      documentOf({ site: failover({ RuleReference: "constructor" }), api: failover({ RuleReference: "__proto__" }) }),
      0,
      { notes: 2 },
    ),
  ]);
});

const HEALTH_CHECK = "aws:route53/healthCheck:HealthCheck";
const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const onCheck = { urn: urnOf(HEALTH_CHECK, "primary-hc") };
const healthCheck = (props: Record<string, unknown> = {}): StackInput => ({
  type: HEALTH_CHECK,
  name: "primary-hc",
  props: { id: "hc-1", fqdn: "app.example.com", port: 443, type: "HTTPS", resourcePath: "/health", ...props },
});
/** A traffic policy whose document is given; at preview a health check's id flows into it as a dependency. */
const trafficPolicy = (document: unknown, flowsFrom: string[] = []): StackInput => ({
  type: TRAFFIC_POLICY,
  name: "app-policy",
  props: { name: "app", document },
  propertyDependencies: flowsFrom.length > 0 ? { document: flowsFrom } : {},
});
const siteDocument = (primary: Record<string, unknown>, secondary: Record<string, unknown> = backup) =>
  documentOf({ site: failover(primary, secondary) });

describe("require-dns-failover-health-check-effective: health checks named in traffic policies", () => {
  stackTable(requireDnsFailoverHealthCheckEffective, [
    {
      name: "Primary's health check disabled",
      resources: [trafficPolicy(siteDocument(checked("primary_ip"))), healthCheck({ disabled: true })],
      violations: 1,
      mentions:
        "health check primary-hc (of the primary of failover rule site in traffic policy app-policy) is disabled",
      ...onCheck,
    },
    {
      name: "Primary's health check working",
      resources: [trafficPolicy(siteDocument(checked("primary_ip"))), healthCheck()],
      violations: 0,
    },
    {
      name: "Primary's health check inverted",
      resources: [trafficPolicy(siteDocument(checked("primary_ip"))), healthCheck({ invertHealthcheck: "true" })],
      violations: 1,
      mentions: "inverted",
      ...onCheck,
    },
    {
      name: "Secondary's health check disabled (as without one)",
      resources: [
        trafficPolicy(siteDocument(checked("primary_ip", "hc-7"), checked("backup_ip"))),
        healthCheck({ disabled: true }),
      ],
      violations: 0,
    },
    {
      name: "Secondary's health check inverted",
      resources: [
        trafficPolicy(siteDocument(checked("primary_ip", "hc-7"), checked("backup_ip"))),
        healthCheck({ invertHealthcheck: true }),
      ],
      violations: 1,
      mentions: "of the secondary of failover rule site",
    },
    {
      name: "disabled health check the document does not name",
      resources: [trafficPolicy(siteDocument(checked("primary_ip", "hc-2"))), healthCheck({ disabled: true })],
      violations: 0,
    },
    {
      name: "disabled health check of a latency region the Primary routes to",
      resources: [
        trafficPolicy(
          documentOf({
            site: failover({ RuleReference: "by_region" }),
            by_region: byRegion(checked("eu_ip", "hc-2"), checked("ap_ip")),
          }),
        ),
        healthCheck({ disabled: true }),
      ],
      violations: 1,
      mentions: "of the primary of failover rule site",
      ...onCheck,
    },
    {
      name: "a latency region's check does not drive a Primary with its own health check",
      resources: [
        trafficPolicy(
          documentOf({
            site: failover({ RuleReference: "by_region", HealthCheck: "hc-2" }),
            by_region: byRegion(checked("eu_ip", "hc-3"), checked("ap_ip")),
          }),
        ),
        healthCheck({ disabled: true }),
      ],
      violations: 0,
    },
    {
      name: "a latency region's check does not drive a Primary that ignores the rule's health",
      resources: [
        trafficPolicy(
          documentOf({
            site: failover({ RuleReference: "by_region", EvaluateTargetHealth: false }),
            by_region: byRegion(checked("eu_ip", "hc-3"), checked("ap_ip")),
          }),
        ),
        healthCheck({ disabled: true }),
      ],
      violations: 0,
    },
    {
      name: "a check driving one rule's Primary and another's Secondary is judged as the primary's",
      resources: [
        trafficPolicy(
          documentOf({
            site: failover(checked("primary_ip")),
            api: failover(checked("eu_ip", "hc-5"), checked("backup_ip")),
          }),
        ),
        healthCheck({ disabled: true }),
      ],
      violations: 1,
      mentions: "of the primary of failover rule site in",
    },
    {
      name: "document unknown at preview, the health check flowing into it: a note",
      resources: [trafficPolicy(UNKNOWN, [onCheck.urn]), healthCheck({ id: UNKNOWN, disabled: true })],
      violations: 0,
      notes: 1,
    },
    {
      name: "document unknown at preview, the health check not flowing into it",
      resources: [trafficPolicy(UNKNOWN), healthCheck({ id: UNKNOWN, disabled: true })],
      violations: 0,
    },
    {
      name: "document unknown at preview with a working health check flowing into it",
      resources: [trafficPolicy(UNKNOWN, [onCheck.urn]), healthCheck({ id: UNKNOWN })],
      violations: 0,
    },
    {
      name: "document known, the check flowing in with its id not known: every named check is a Primary's",
      resources: [
        trafficPolicy(siteDocument(checked("primary_ip", "hc-abc")), [onCheck.urn]),
        healthCheck({ id: UNKNOWN, disabled: true }),
      ],
      violations: 1,
      ...onCheck,
    },
    {
      name: "document known, the check flowing in with its id not known, Primary and Secondary both checked: a note",
      resources: [
        trafficPolicy(siteDocument(checked("primary_ip", "hc-abc"), checked("backup_ip", "hc-def")), [onCheck.urn]),
        healthCheck({ id: UNKNOWN, disabled: true }),
      ],
      violations: 0,
      notes: 1,
    },
    {
      name: "a document Route 53 rejects links nothing (the resource rule notes it)",
      resources: [trafficPolicy("{not json", [onCheck.urn]), healthCheck({ disabled: true })],
      violations: 0,
    },
    {
      name: "the alarm a Primary's CloudWatch check follows stays OK on silence",
      resources: [
        trafficPolicy(siteDocument(checked("primary_ip"))),
        healthCheck({
          type: "CLOUDWATCH_METRIC",
          fqdn: undefined,
          port: undefined,
          resourcePath: undefined,
          cloudwatchAlarmName: "primary-5xx",
          cloudwatchAlarmRegion: "cn-north-1",
          insufficientDataHealthStatus: "Unhealthy",
        }),
        {
          type: ALARM,
          name: "primary-5xx",
          props: { name: "primary-5xx", region: "cn-north-1", treatMissingData: "notBreaching" },
        },
      ],
      violations: 1,
      mentions: "alarm primary-5xx of health check primary-hc (of the primary of failover rule site",
      urn: urnOf(ALARM, "primary-5xx"),
    },
    {
      name: "failing closed, an unknown document with a disabled check flowing in is a violation",
      resources: [trafficPolicy(UNKNOWN, [onCheck.urn]), healthCheck({ id: UNKNOWN, disabled: true })],
      violations: 1,
      mentions: "app-policy.document is unknown (health check primary-hc is disabled",
      config: { failClosed: true },
      ...onCheck,
    },
  ] as StackCase[]);
});
