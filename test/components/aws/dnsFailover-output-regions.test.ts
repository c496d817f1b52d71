// DnsFailover regions that arrive as Outputs are checked once known, and every child (health checks, records, alarm)
// waits on that check: a failover between one region and itself, or to a zone, registers nothing.
import * as pulumi from "@pulumi/pulumi";
import { installMocks, ofType, recorded, reset, settle } from "./mocks";

installMocks();
import { DnsFailover, DnsFailoverArgs } from "../../../components/aws/dnsFailover";
import { registrationFailures } from "../registration-failures";

const sides = (primary: pulumi.Input<string>, secondary: pulumi.Input<string>, ips = false): DnsFailoverArgs => ({
  zoneId: "Z1",
  recordName: "app.example.com",
  primary: ips
    ? { region: primary, ipAddresses: ["198.51.100.1", "198.51.100.2"] }
    : { region: primary, cname: "a.example.net" },
  secondary: ips ? { region: secondary, ipAddresses: ["203.0.113.9"] } : { region: secondary, cname: "b.example.net" },
});

const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));

describe("DnsFailover with regions as Outputs", () => {
  it.each([
    [
      "both the same region (the red team's probe)",
      pulumi.output("us-east-1"),
      pulumi.output("us-east-1"),
      false,
      'argument "secondary.region" is "us-east-1"; allowed: a region other than primary.region (us-east-1); fix: run the secondary endpoint in another region',
    ],
    [
      "one Output, one string, the same region",
      pulumi.output("eu-west-1"),
      "eu-west-1",
      false,
      'argument "secondary.region" is "eu-west-1"; allowed: a region other than primary.region (eu-west-1)',
    ],
    [
      "a zone for a region, with one check per address",
      pulumi.output("us-east-1a"),
      pulumi.output("eu-west-1"),
      true,
      'argument "primary.region" is "us-east-1a"; allowed: an AWS region id',
    ],
  ])("registers no health check, record or alarm for %s", async (_, primary, secondary, ips, message) => {
    reset();
    const failures = await registrationFailures(async () => {
      new DnsFailover("dns", sides(primary, secondary, ips as boolean));
      await settle();
    });
    // One message, in the component's own words, not wrapped by Pulumi's serializer at each waiting input.
    expect(failures).toEqual([expect.stringMatching(/^DnsFailover dns: /)]);
    expect(failures[0]).toContain(message as string);
    expect(failures[0]).not.toContain("error serializing");
    expect(children()).toEqual([]);
  });

  it("registers every child once distinct regions are known", async () => {
    reset();
    new DnsFailover("dns", sides(pulumi.output("us-east-1"), pulumi.output("eu-west-1"), true));
    await settle();
    const checks = ofType("aws:route53/healthCheck:HealthCheck").map((c) => [c.name, c.inputs.tags]);
    expect(checks.sort(([a], [b]) => String(a).localeCompare(String(b)))).toEqual([
      ["dns-primary-check", { Name: "dns-primary" }],
      ["dns-primary-check-1", { Name: "dns-primary-1" }],
      ["dns-primary-check-2", { Name: "dns-primary-2" }],
      ["dns-secondary-check", { Name: "dns-secondary" }],
    ]);
    expect(ofType("aws:route53/record:Record").map((r) => r.inputs.name)).toEqual([
      "app.example.com",
      "app.example.com",
    ]);
    const alarm = ofType("aws:cloudwatch/metricAlarm:MetricAlarm");
    expect(alarm.map((a) => a.inputs.alarmDescription)).toEqual([
      "dns: primary endpoint failed its health check; traffic fails over",
    ]);
  });
});
