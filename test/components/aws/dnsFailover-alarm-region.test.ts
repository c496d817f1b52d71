// Route 53 publishes health-check metrics in one region per partition: us-east-1, cn-northwest-1 in China and
// us-gov-west-1 in GovCloud. DnsFailover's alarm, and the check of its actions, follow the partition of the provider it
// runs with; a partition without Route 53 health checks is refused, naming the region, before any child exists.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, ofType, recorded, reset, settle } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { DnsFailover, DnsFailoverArgs } from "../../../components/aws/dnsFailover";

const ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"));
const argsIn = (regions: [string, string], alarmActions: DnsFailoverArgs["alarmActions"]): DnsFailoverArgs => ({
  zoneId: "Z1",
  recordName: "app.example.com",
  primary: { region: regions[0], cname: "a.example.net" },
  secondary: { region: regions[1], cname: "b.example.net" },
  alarmActions,
});

beforeEach(() => {
  reset();
  jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
});
afterEach(() => jest.restoreAllMocks());

/** Builds a DnsFailover with a provider of `stackRegion`, returning the failures collected. */
async function failoverIn(stackRegion: string, regions: [string, string], actions: string[]): Promise<string[]> {
  return registrationFailures(async () => {
    const provider = new aws.Provider(`p-${stackRegion}`, { region: stackRegion as aws.Region });
    new DnsFailover("dns", argsIn(regions, actions), { provider });
    await settle();
  });
}

describe("DnsFailover alarm region per partition", () => {
  it.each([
    ["a commercial stack", "eu-west-1", ["eu-west-1", "eu-central-1"], "us-east-1", "aws"],
    ["a China stack", "cn-north-1", ["cn-north-1", "cn-northwest-1"], "cn-northwest-1", "aws-cn"],
    ["a GovCloud stack", "us-gov-east-1", ["us-gov-east-1", "us-gov-west-1"], "us-gov-west-1", "aws-us-gov"],
  ] as const)("places the alarm of %s in its partition's metrics region and pages a topic there", async (...row) => {
    const [, stackRegion, regions, alarmRegion, partition] = row;
    const topic = `arn:${partition}:sns:${alarmRegion}:123456789012:on-call`;
    expect(await failoverIn(stackRegion, [...regions], [topic])).toEqual([]);
    const alarms = ofType(ALARM);
    expect(alarms.map((a) => [a.inputs.region, a.inputs.alarmActions])).toEqual([[alarmRegion, [topic]]]);
  });

  it.each([
    [
      "a China stack given a us-east-1 topic",
      "cn-north-1",
      "arn:aws:sns:us-east-1:123456789012:on-call",
      "aws-cn",
      "cn-northwest-1",
    ],
    [
      "a China stack given a Beijing topic",
      "cn-north-1",
      "arn:aws-cn:sns:cn-north-1:123456789012:on-call",
      "aws-cn",
      "cn-northwest-1",
    ],
    [
      "a GovCloud stack given a us-east-1 topic",
      "us-gov-west-1",
      "arn:aws:sns:us-east-1:123456789012:on-call",
      "aws-us-gov",
      "us-gov-west-1",
    ],
    [
      "a commercial stack given a GovCloud topic",
      "us-west-2",
      "arn:aws-us-gov:sns:us-gov-west-1:123456789012:on-call",
      "aws",
      "us-east-1",
    ],
  ])("refuses %s, registering nothing", async (_what, stackRegion, topic, partition, alarmRegion) => {
    const regions: [string, string] = stackRegion.startsWith("cn-")
      ? ["cn-north-1", "cn-northwest-1"]
      : ["us-west-2", "us-east-2"];
    const failures = await failoverIn(stackRegion, regions, [topic]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain(
      `argument "alarmActions[0]" is "${topic}"; allowed: an ARN of partition ${partition} and region ${alarmRegion}`,
    );
    expect(failures[0]).toContain(`fix: create the topic (or function) in ${alarmRegion}`);
    expect(children()).toEqual([]);
  });

  it.each([
    ["an isolated (ISO) partition", "us-iso-east-1", "aws-iso"],
    ["the European Sovereign Cloud", "eusc-de-east-1", "aws-eusc"],
  ])("refuses a stack in %s, naming the region and the fix, registering nothing", async (_what, region, partition) => {
    const failures = await failoverIn(region, ["us-east-1", "us-west-2"], []);
    expect(failures).toEqual([
      `DnsFailover dns: 1 invalid argument:\n  1. argument "provider region" is "${region}"; allowed: a region of a ` +
        `partition with Route 53 health checks (aws, aws-cn, aws-us-gov); ${region} is in ${partition}; fix: create ` +
        "the DnsFailover with a provider of a region in one of those partitions (opts.provider), or fail over by " +
        "other means in this one",
    ]);
    expect(children()).toEqual([]);
  });
});
