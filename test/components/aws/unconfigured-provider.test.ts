// A provider configured from a value the preview does not know answers every invoke with `{}`: the components read
// that as "not known yet" (unknown values, checks at deployment), never as a region with no zones, and never build
// ARNs from undefined. A configured provider's empty answer is still the region's own, and refused as before.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import {
  answers,
  childrenOfType,
  installUnconfiguredProviderMocks,
  recorded,
  reset,
  settle,
  Sink,
  UNCONFIGURED,
} from "../unconfigured-provider-mocks";

installUnconfiguredProviderMocks();
// Imported after the mocks are in place.
import { HardenedVpc } from "../../../components/aws/hardenedVpc";
import { awsContext } from "../../../components/aws/context";
import { Bastion } from "../../../components/aws/bastion";

const ZONES = "aws:index/getAvailabilityZones:getAvailabilityZones";
const CONFIGURED = "configured";

/** What a real region answers, zones aside. */
function answerContext(zones: string[]): void {
  answers.set(ZONES, { names: zones, zoneIds: zones.map((_, i) => `aps1-az${i + 1}`) });
  answers.set("aws:index/getCallerIdentity:getCallerIdentity", { accountId: "123456789012", arn: "a", userId: "u" });
  answers.set("aws:index/getPartition:getPartition", { partition: "aws", dnsSuffix: "amazonaws.com" });
  answers.set("aws:index/getRegion:getRegion", { region: "ap-south-1", name: "ap-south-1" });
}

const provider = (name: string) => new aws.Provider(name, { region: "ap-south-1" });

beforeEach(() => reset());

describe("HardenedVpc through a provider the preview cannot configure", () => {
  it("registers every child, the zones and the account context unknown, and fails nothing", async () => {
    const failures = await registrationFailures(async () => {
      new HardenedVpc("late", { azCount: 3 }, { provider: provider(UNCONFIGURED) });
      await settle();
    });
    expect(failures).toEqual([]);
    const subnets = childrenOfType("late", "aws:ec2/subnet:Subnet");
    expect(subnets).toHaveLength(9);
    for (const s of subnets) expect(pulumi.isUnknown(s.inputs.availabilityZone)).toBe(true);
    for (const type of [
      "aws:ec2/vpc:Vpc",
      "aws:kms/key:Key",
      "aws:cloudwatch/logGroup:LogGroup",
      "aws:ec2/flowLog:FlowLog",
    ])
      expect(childrenOfType("late", type)).toHaveLength(1);
    // The key policy names the account and region: unknown, not "arn:aws:iam::undefined:root".
    const [key] = childrenOfType("late", "aws:kms/key:Key");
    expect(pulumi.isUnknown(key.inputs.policy)).toBe(true);
  });

  it("keeps every child's tags known, so the pack still reads the tier and evidence tags", async () => {
    const failures = await registrationFailures(async () => {
      new HardenedVpc("tagged", { azCount: 2, tags: { team: "net" } }, { provider: provider(UNCONFIGURED) });
      await settle();
    });
    expect(failures).toEqual([]);
    const tagged = recorded.filter((r) => r.name.startsWith("tagged-") && "tags" in r.inputs);
    // The VPC, default SG and NACL, subnets, route tables, NAT, NACLs, flow-log key, group, role and log, endpoints.
    expect(tagged.length).toBeGreaterThan(20);
    for (const r of tagged) {
      expect([r.name, pulumi.isUnknown(r.inputs.tags)]).toEqual([r.name, false]);
      expect([r.name, r.inputs.tags.team]).toEqual([r.name, "net"]);
    }
    const subnets = childrenOfType("tagged", "aws:ec2/subnet:Subnet");
    expect(subnets.map((s) => s.inputs.tags["hardening:tier"]).sort()).toEqual([
      "isolated",
      "isolated",
      "private",
      "private",
      "public",
      "public",
    ]);
  });

  it("still refuses a region that really offers no zones", async () => {
    answerContext([]);
    const failures = await registrationFailures(async () => {
      new HardenedVpc("bare", { azCount: 2 }, { provider: provider(CONFIGURED) });
      await settle();
    });
    expect(failures.length).toBeGreaterThan(0);
    for (const m of failures)
      expect(m).toContain('HardenedVpc bare: argument "azCount" is 2 but the region offers 0 available zone(s)');
    expect(childrenOfType("bare", "aws:ec2/subnet:Subnet")).toEqual([]);
  });

  it("uses the zones a configured provider answers", async () => {
    answerContext(["ap-south-1a", "ap-south-1b"]);
    const failures = await registrationFailures(async () => {
      new HardenedVpc("fits", { azCount: 2 }, { provider: provider(CONFIGURED) });
      await settle();
    });
    expect(failures).toEqual([]);
    const zones = childrenOfType("fits", "aws:ec2/subnet:Subnet").map((s) => s.inputs.availabilityZone);
    expect(zones).toEqual(["ap-south-1a", "ap-south-1b", "ap-south-1a", "ap-south-1b", "ap-south-1a", "ap-south-1b"]);
  });
});

describe("awsContext through a provider the preview cannot configure", () => {
  /** Registers the context's values as inputs of a resource, and returns what the engine received. */
  async function contextSeenThrough(providerName: string): Promise<Record<string, unknown>> {
    const p = provider(providerName);
    const parent = new pulumi.ComponentResource("test:index:Holder", `holder-${providerName}`, {}, { provider: p });
    const context = awsContext("Holder h", parent, p);
    new Sink(`sink-${providerName}`, { ...context }, { parent });
    await settle();
    const sink = recorded.find((r) => r.name === `sink-${providerName}`);
    if (!sink) throw new Error("the sink was not registered");
    return sink.inputs;
  }

  it("gives unknown account, partition and region, not undefined", async () => {
    const seen = await contextSeenThrough(UNCONFIGURED);
    expect(pulumi.isUnknown(seen.accountId)).toBe(true);
    expect(pulumi.isUnknown(seen.partition)).toBe(true);
    expect(pulumi.isUnknown(seen.region)).toBe(true);
  });

  it("gives a configured provider's answers as they are", async () => {
    answerContext(["ap-south-1a"]);
    const seen = await contextSeenThrough(CONFIGURED);
    expect(seen).toEqual({ accountId: "123456789012", partition: "aws", region: "ap-south-1" });
  });
});

describe("Bastion through a provider the preview cannot configure", () => {
  const args = { vpcId: "vpc-1", subnetId: "subnet-pub", vpcCidr: "10.0.0.0/16", allowedCidrs: ["203.0.113.0/28"] };

  it("registers its host with the image unknown, not missing", async () => {
    const failures = await registrationFailures(async () => {
      new Bastion("jump", args, { provider: provider(UNCONFIGURED) });
      await settle();
    });
    expect(failures).toEqual([]);
    const [host] = childrenOfType("jump", "aws:ec2/instance:Instance");
    expect(pulumi.isUnknown(host.inputs.ami)).toBe(true);
  });

  it("uses the image a configured provider finds", async () => {
    answerContext(["ap-south-1a"]);
    answers.set("aws:ec2/getAmi:getAmi", { id: "ami-0abc", name: "al2023-ami-2023.6-x86_64" });
    const failures = await registrationFailures(async () => {
      new Bastion("found", args, { provider: provider(CONFIGURED) });
      await settle();
    });
    expect(failures).toEqual([]);
    const [host] = childrenOfType("found", "aws:ec2/instance:Instance");
    expect(host.inputs.ami).toBe("ami-0abc");
  });
});
