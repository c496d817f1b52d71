// DnsFailover endpoints given as Outputs (an EIP's address, a load balancer's name) are checked once known, as plain
// ones are: a private address Route 53 cannot health-check, or both sides answering with one target (no failover),
// registers no health check, record or alarm. An alarm that notifies no one is a weakening and warns.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, one, ofType, recorded, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { DnsFailover, DnsFailoverArgs, FailoverEndpoint } from "../../../components/aws/dnsFailover";

const TOPIC = "arn:aws:sns:us-east-1:123456789012:on-call";
const args = (primary: Omit<FailoverEndpoint, "region">, secondary: Omit<FailoverEndpoint, "region">) =>
  ({
    zoneId: "Z1",
    recordName: "app.example.com",
    primary: { region: "us-east-1", ...primary },
    secondary: { region: "eu-west-1", ...secondary },
    alarmActions: [TOPIC],
  }) as DnsFailoverArgs;
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));
const ADDRESS_RULE =
  "allowed: distinct public IPv4 addresses without a prefix (an A record; Route 53 checks only public addresses)";
const OTHER_TARGET = "allowed: a target other than the primary's; fix: point the secondary at the other region's own";
const OTHER_ADDRESS = "allowed: an address the primary does not list";

async function failuresOf(given: DnsFailoverArgs): Promise<string[]> {
  return registrationFailures(async () => {
    new DnsFailover("dns", given);
    await settle();
  });
}

beforeEach(() => reset());

describe("DnsFailover targets given as Outputs", () => {
  it.each<[string, DnsFailoverArgs, string]>([
    [
      "a private primary address (the red team's probe)",
      args({ ipAddresses: [pulumi.output("10.0.0.1")] }, { ipAddresses: ["203.0.113.9"] }),
      `argument "primary.ipAddresses[0]" is "10.0.0.1"; ${ADDRESS_RULE}`,
    ],
    [
      "an address with a prefix",
      args({ ipAddresses: ["198.51.100.1"] }, { ipAddresses: [pulumi.output("203.0.113.9/32")] }),
      `argument "secondary.ipAddresses[0]" is "203.0.113.9/32"; ${ADDRESS_RULE}`,
    ],
    [
      "an IPv6 address",
      args({ ipAddresses: [pulumi.output("2001:db8::1")] }, { ipAddresses: ["203.0.113.9"] }),
      `argument "primary.ipAddresses[0]" is "2001:db8::1"; ${ADDRESS_RULE}`,
    ],
    [
      "one address twice on one side",
      args({ ipAddresses: ["198.51.100.1", pulumi.output("198.51.100.1")] }, { ipAddresses: ["203.0.113.9"] }),
      `argument "primary.ipAddresses[1]" is "198.51.100.1"; ${ADDRESS_RULE}`,
    ],
    [
      "the same address on both sides",
      args({ ipAddresses: [pulumi.output("203.0.113.10")] }, { ipAddresses: ["203.0.113.10"] }),
      `argument "secondary.ipAddresses[0]" is "203.0.113.10"; ${OTHER_ADDRESS}`,
    ],
    [
      "the primary's CNAME on both sides (the red team's probe)",
      args({ cname: pulumi.output("a.example.net") }, { cname: "a.example.net" }),
      `argument "secondary.cname" is "a.example.net"; ${OTHER_TARGET}`,
    ],
    [
      "the primary's CNAME in capitals with a trailing dot, both Outputs",
      args({ cname: pulumi.output("a.example.net") }, { cname: pulumi.output("A.Example.NET.") }),
      `argument "secondary.cname" is "A.Example.NET."; ${OTHER_TARGET}`,
    ],
    [
      "one load balancer behind both aliases",
      args(
        { alias: { name: pulumi.output("lb-1.elb.amazonaws.com"), zoneId: "Z35" } },
        { alias: { name: pulumi.output("lb-1.elb.amazonaws.com"), zoneId: "Z35" } },
      ),
      `argument "secondary.alias.name" is "lb-1.elb.amazonaws.com"; ${OTHER_TARGET}`,
    ],
    [
      "an empty CNAME",
      args({ cname: pulumi.output("") }, { cname: "b.example.net" }),
      `argument "primary.cname" is ""; allowed: a non-empty string without surrounding spaces`,
    ],
    [
      "an empty health-check host",
      args({ cname: "a.example.net", healthCheckFqdn: pulumi.output("") }, { cname: "b.example.net" }),
      `argument "primary.healthCheckFqdn" is ""; allowed: a non-empty string without surrounding spaces`,
    ],
  ])("refuses %s once known, registering nothing", async (_label, given, message) => {
    const failures = await failuresOf(given);
    expect(failures).toEqual([expect.stringMatching(/^DnsFailover dns: 1 invalid argument:/)]);
    expect(failures[0]).toContain(message);
    expect(failures[0]).not.toContain("error serializing");
    expect(children()).toEqual([]);
  });

  it("reports a bad region and a bad address arriving together in one message", async () => {
    const given = args({ ipAddresses: [pulumi.output("192.168.1.1")] }, { ipAddresses: ["203.0.113.9"] });
    const failures = await failuresOf({
      ...given,
      secondary: { ...given.secondary, region: pulumi.output("us-east-1") },
    });
    expect(failures).toEqual([expect.stringMatching(/^DnsFailover dns: 2 invalid arguments:/)]);
    expect(failures[0]).toContain('argument "secondary.region" is "us-east-1"');
    expect(failures[0]).toContain('argument "primary.ipAddresses[0]" is "192.168.1.1"');
    expect(children()).toEqual([]);
  });

  it("registers every child for distinct public addresses given as Outputs", async () => {
    const failures = await failuresOf(
      args(
        { ipAddresses: [pulumi.output("198.51.100.1"), "198.51.100.2"] },
        { ipAddresses: [pulumi.output("203.0.113.9")] },
      ),
    );
    expect(failures).toEqual([]);
    const addresses = ofType("aws:route53/healthCheck:HealthCheck").map((c) => c.inputs.ipAddress);
    expect(addresses.filter(Boolean).sort()).toEqual(["198.51.100.1", "198.51.100.2", "203.0.113.9"]);
    const records = ofType("aws:route53/record:Record").map((r) => [r.name, r.inputs.records]);
    expect(records.sort()).toEqual([
      ["dns-primary", ["198.51.100.1", "198.51.100.2"]],
      ["dns-secondary", ["203.0.113.9"]],
    ]);
  });

  it("registers every child for distinct CNAMEs and aliases given as Outputs", async () => {
    expect(
      await failuresOf(args({ cname: pulumi.output("a.example.net") }, { cname: pulumi.output("b.example.net") })),
    ).toEqual([]);
    const records = ofType("aws:route53/record:Record").map((r) => [r.name, r.inputs.records]);
    expect(records.sort()).toEqual([
      ["dns-primary", ["a.example.net"]],
      ["dns-secondary", ["b.example.net"]],
    ]);
    reset();
    const alias = (name: string) => ({ alias: { name: pulumi.output(name), zoneId: "Z35" } });
    expect(await failuresOf(args(alias("lb-1.elb.amazonaws.com"), alias("lb-2.elb.amazonaws.com")))).toEqual([]);
    expect(ofType("aws:route53/record:Record")).toHaveLength(2);
    expect(ofType("aws:cloudwatch/metricAlarm:MetricAlarm")).toHaveLength(1);
  });
});

describe("DnsFailover alarmActions", () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterEach(() => warn.mockRestore());
  const cnames = args({ cname: "a.example.net" }, { cname: "b.example.net" });
  const warnings = () => warn.mock.calls.map((c) => String(c[0]));

  it.each<[string, DnsFailoverArgs["alarmActions"], string]>([
    ["an empty list", [], "empty"],
    ["no list at all", undefined, "not given"],
  ])("warns for %s, naming alarmActions: the alarm pages no one", async (_label, alarmActions, how) => {
    new DnsFailover("dns", { ...cnames, alarmActions });
    await settle();
    expect(warnings()).toEqual([
      `DnsFailover dns: alarmActions is ${how}, so the alarm on the primary's health check notifies no one when ` +
        "traffic fails over; fix: pass alarmActions with the on-call SNS topic's ARN",
    ]);
    expect(one("aws:cloudwatch/metricAlarm:MetricAlarm").inputs.alarmActions).toEqual([]);
  });

  it.each<[string, DnsFailoverArgs["alarmActions"]]>([
    ["a topic ARN", [TOPIC]],
    ["a topic ARN given as an Output", [pulumi.output(TOPIC)]],
  ])("does not warn for %s, and pages it", async (_label, alarmActions) => {
    new DnsFailover("dns", { ...cnames, alarmActions });
    await settle();
    expect(warnings()).toEqual([]);
    const alarm = one("aws:cloudwatch/metricAlarm:MetricAlarm").inputs;
    expect([alarm.alarmActions, alarm.okActions]).toEqual([[TOPIC], [TOPIC]]);
  });
});

describe("DnsFailover alias names unknown at preview", () => {
  const alias = (name: pulumi.Input<string>) => ({ alias: { name, zoneId: "Z35" } });
  // Load balancers still to be created: their DNS names are unknown until they exist.
  const unknownAliases = () => args(alias(unknownAtPreview<string>()), alias(unknownAtPreview<string>()));

  it("registers the records, health checks and alarm with their own values known", async () => {
    expect(await failuresOf(unknownAliases())).toEqual([]);
    const records = ofType("aws:route53/record:Record");
    expect(records.map((r) => r.inputs.name)).toEqual(["app.example.com", "app.example.com"]);
    expect(records.map((r) => r.inputs.setIdentifier).sort()).toEqual(["dns-primary", "dns-secondary"]);
    const checks = ofType("aws:route53/healthCheck:HealthCheck");
    expect(checks.map((c) => c.inputs.tags).sort((a, b) => a.Name.localeCompare(b.Name))).toEqual([
      { Name: "dns-primary" },
      { Name: "dns-secondary" },
    ]);
    // The probed name is the alias itself, so it stays unknown until the load balancer exists.
    expect(checks.map((c) => c.inputs.fqdn)).toEqual([undefined, undefined]);
    expect(one("aws:cloudwatch/metricAlarm:MetricAlarm").inputs.alarmDescription).toBe(
      "dns: primary endpoint failed its health check; traffic fails over",
    );
  });

  it("gives the plain case's record and tag values", async () => {
    expect(await failuresOf(args(alias("lb-1.elb.amazonaws.com"), alias("lb-2.elb.amazonaws.com")))).toEqual([]);
    const plain = children().map((r) => [r.name, r.inputs.name, r.inputs.tags, r.inputs.alarmDescription]);
    reset();
    expect(await failuresOf(unknownAliases())).toEqual([]);
    const deferred = children().map((r) => [r.name, r.inputs.name, r.inputs.tags, r.inputs.alarmDescription]);
    const byName = (rows: unknown[][]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(byName(deferred)).toEqual(byName(plain));
  });
});
