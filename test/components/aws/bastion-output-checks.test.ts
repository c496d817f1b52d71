// Bastion's vpcCidr normally arrives as vpc.cidrBlock, an Output: it is checked once known with the plain value's
// message, and nothing of the bastion (group, role, host) is registered before it passed, so a typo such as 0.0.0.0/0
// never becomes SSH egress to the internet. instanceType gets the same treatment, plain and as an Output.
import * as pulumi from "@pulumi/pulumi";
import { registrationFailures } from "../registration-failures";
import { installMocks, one, recorded, reset, settle, validationErrorOf } from "./mocks";

installMocks();
// Imported after the mocks are in place.
import { Bastion, BastionArgs } from "../../../components/aws/bastion";

const base: BastionArgs = {
  vpcId: "vpc-1",
  subnetId: "subnet-1",
  vpcCidr: "10.0.0.0/16",
  allowedCidrs: ["203.0.113.0/28"],
};
const SG = "aws:ec2/securityGroup:SecurityGroup";
const children = () => recorded.filter((r) => !r.type.startsWith("hardening:"));
const CIDR_RULE = "allowed: the VPC's IPv4 CIDR: network address and prefix /16 to /28; fix: pass the VPC's cidrBlock";
const TYPE_RULE = 'allowed: an EC2 instance type, family and size in lower case, e.g. "t3.micro"';

/** Builds the bastion and returns the registration failures once everything settled. */
async function failuresOf(args: BastionArgs): Promise<string[]> {
  return registrationFailures(async () => {
    new Bastion("jump", args);
    await settle();
  });
}

beforeEach(() => reset());

describe("Bastion vpcCidr given as an Output", () => {
  it.each([
    ["the internet (the red team's probe)", "0.0.0.0/0"],
    ["an address without a prefix", "10.0.0.0"],
    ["host bits set", "10.0.0.1/16"],
    ["broader than /16", "10.0.0.0/8"],
    ["narrower than /28", "10.0.0.0/29"],
    ["an IPv6 block", "fd00::/56"],
    ["empty", ""],
  ])("refuses %s once known, registering nothing", async (_label, cidr) => {
    const failures = await failuresOf({ ...base, vpcCidr: pulumi.output(cidr) });
    // One message, in the component's own words, not wrapped by Pulumi's serializer at each waiting input.
    expect(failures).toEqual([expect.stringMatching(/^Bastion jump: 1 invalid argument:/)]);
    expect(failures[0]).toContain(`argument "vpcCidr" is ${JSON.stringify(cidr)}; ${CIDR_RULE}`);
    expect(failures[0]).not.toContain("error serializing");
    expect(children()).toEqual([]);
  });

  it.each([
    ["a /16", "10.20.0.0/16"],
    ["the narrowest, a /28", "10.20.0.16/28"],
  ])("accepts %s, giving the group that SSH egress block", async (_label, cidr) => {
    const failures = await failuresOf({ ...base, vpcCidr: pulumi.output(cidr) });
    expect(failures).toEqual([]);
    const ssh = one(SG).inputs.egress.filter((r: { fromPort: number }) => r.fromPort === 22);
    expect(ssh.map((r: { cidrBlocks: string[] }) => r.cidrBlocks)).toEqual([[cidr]]);
    expect(one("aws:ec2/instance:Instance").inputs.instanceType).toBe("t3.micro");
  });

  it("checks an Output in SSM-only mode too, where no SSH egress uses it", async () => {
    const failures = await failuresOf({ ...base, allowedCidrs: undefined, ssmOnly: true, vpcCidr: pulumi.output("") });
    expect(failures).toEqual([expect.stringContaining(`argument "vpcCidr" is ""; ${CIDR_RULE}`)]);
    expect(children()).toEqual([]);
  });
});

describe("Bastion instanceType", () => {
  it.each([
    ["empty (the red team's probe)", ""],
    ["padded", " t3.micro"],
    ["without a size", "t3"],
    ["in capitals", "T3.MICRO"],
  ])("refuses %s given plainly, before anything is registered", async (_label, instanceType) => {
    const error = validationErrorOf(() => new Bastion("jump", { ...base, instanceType }));
    expect(error.problems.map((p) => [p.argument, p.value])).toEqual([["instanceType", instanceType]]);
    expect(error.message).toContain(`argument "instanceType" is ${JSON.stringify(instanceType)}; ${TYPE_RULE}`);
    expect(error.message).toContain('fix: omit instanceType for "t3.micro"');
    await settle();
    expect(recorded).toEqual([]);
  });

  it("refuses an Output that resolves empty once known, registering nothing", async () => {
    const failures = await failuresOf({ ...base, instanceType: pulumi.output("") });
    expect(failures).toEqual([expect.stringMatching(/^Bastion jump: 1 invalid argument:/)]);
    expect(failures[0]).toContain(`argument "instanceType" is ""; ${TYPE_RULE}`);
    expect(children()).toEqual([]);
  });

  it("reports a bad vpcCidr and instanceType arriving together in one message", async () => {
    const failures = await failuresOf({
      ...base,
      vpcCidr: pulumi.output("0.0.0.0/0"),
      instanceType: pulumi.output(""),
    });
    expect(failures).toEqual([expect.stringMatching(/^Bastion jump: 2 invalid arguments:/)]);
    expect(children()).toEqual([]);
  });

  it.each([
    ["m5.large given plainly", "m5.large"],
    ["a size with a dash given plainly", "i4i.metal-24xl"],
    ["c6i.large given as an Output", pulumi.output("c6i.large")],
  ])("launches %s as given", async (_label, instanceType) => {
    expect(await failuresOf({ ...base, instanceType })).toEqual([]);
    const expected = typeof instanceType === "string" ? instanceType : "c6i.large";
    expect(one("aws:ec2/instance:Instance").inputs.instanceType).toBe(expected);
  });
});
