// A bastion's vpcCidr is usually vpc.cidrBlock, unknown at preview when the VPC is new and takes its block from an
// IPAM pool. The check of that Output holds the children back through their dependsOn, never through their values:
// the host keeps its instance type and the role and allow-list tags the pack recognises a bastion by, so the preview
// judges it exactly as when the block is given plainly.
import * as pulumi from "@pulumi/pulumi";
import { allPolicies } from "../../../policies/catalog";
import { run, runStack, StackInput, UNKNOWN, urnOf } from "../../policies/harness";
import { registrationFailures } from "../registration-failures";
import { installMocks, one, Recorded, recorded, reset, settle } from "./mocks";
import { unknownAtPreview } from "./unknown-at-preview";

installMocks();
// Imported after the mocks are in place.
import { Bastion, BastionArgs } from "../../../components/aws/bastion";
import { HardenedVpc } from "../../../components/aws/hardenedVpc";

const INSTANCE = "aws:ec2/instance:Instance";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const base: BastionArgs = {
  vpcId: "vpc-1",
  subnetId: "subnet-1",
  vpcCidr: "10.0.0.0/16",
  allowedCidrs: ["203.0.113.0/28"],
  tags: { team: "ops" },
};

/**
 * Recorded inputs as a preview sends them: an id of a resource of the plan ("<name>-id" under the mocks), at any
 * depth, is unknown with a dependency on that resource, and so is an input the mocks hand over as undefined (an
 * unknown Output), which the pack reads as "not known yet".
 */
function asPreview(resources: readonly Recorded[]): StackInput[] {
  const urns = new Map(resources.map((r) => [`${r.name}-id`, urnOf(r.type, r.name)]));
  const strip = (value: unknown, deps: Set<string>): unknown => {
    if (value === undefined) return UNKNOWN;
    if (typeof value === "string" && urns.has(value)) {
      deps.add(urns.get(value)!);
      return UNKNOWN;
    }
    if (Array.isArray(value)) return value.map((v) => strip(v, deps));
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strip(v, deps)]));
    }
    return value;
  };
  return resources
    .filter((r) => !r.type.startsWith("hardening:") && !r.type.startsWith("pulumi:"))
    .map((r) => {
      const props: Record<string, unknown> = {};
      const propertyDependencies: Record<string, string[]> = {};
      const dependencies = new Set<string>();
      for (const [key, value] of Object.entries(r.inputs)) {
        const deps = new Set<string>();
        props[key] = strip(value, deps);
        propertyDependencies[key] = [...deps];
        deps.forEach((d) => dependencies.add(d));
      }
      return { type: r.type, name: r.name, props, propertyDependencies, dependencies: [...dependencies] };
    });
}

/** Builds the bastion and returns what a preview would plan, after checking nothing failed to register. */
async function planOf(args: BastionArgs, inVpc = false): Promise<StackInput[]> {
  reset();
  const failures = await registrationFailures(async () => {
    if (inVpc) {
      const vpc = new HardenedVpc("core", {
        cidrBlock: "10.0.0.0/16",
        azCount: 2,
        adminIngressCidrs: ["203.0.113.0/28"],
      });
      new Bastion("jump", { ...args, vpcId: vpc.vpcId, subnetId: vpc.publicSubnets[0].id });
    } else new Bastion("jump", args);
    await settle();
  });
  expect(failures).toEqual([]);
  return asPreview(recorded);
}

/** The whole pack over a plan: each resource rule on each resource, then each stack rule on the plan. */
async function packOver(stack: StackInput[]): Promise<string[]> {
  const found: string[] = [];
  for (const policy of allPolicies) {
    if ("validateStack" in policy) {
      for (const d of await runStack(policy, stack)) found.push(`${d.level} ${d.policy} ${d.urn ?? ""}`);
    } else {
      for (const r of stack) {
        for (const d of await run(policy, r.type, r.props)) found.push(`${d.level} ${d.policy} ${r.name}`);
      }
    }
  }
  return found.sort();
}

describe("Bastion with vpcCidr unknown at preview", () => {
  let warn: jest.SpyInstance;
  beforeAll(() => {
    warn = jest.spyOn(pulumi.log, "warn").mockImplementation(() => Promise.resolve());
  });
  afterAll(() => warn.mockRestore());

  it.each<[string, Partial<BastionArgs>]>([
    ["the default instance type", {}],
    ["an instance type given plainly", { instanceType: "m5.large" }],
    ["SSM-only mode", { ssmOnly: true, allowedCidrs: undefined }],
  ])("registers every child with the plain case's known tags and type (%s)", async (_label, extra) => {
    const plain = await planOf({ ...base, ...extra });
    const deferred = await planOf({ ...base, ...extra, vpcCidr: unknownAtPreview<string>() });
    const names = (stack: StackInput[]) => stack.map((r) => r.name).sort();
    expect(names(deferred)).toEqual(names(plain));
    const host = (stack: StackInput[]) => stack.find((r) => r.type === INSTANCE)!.props;
    expect(host(deferred).tags).toEqual(host(plain).tags);
    expect(host(deferred).tags).toEqual(expect.objectContaining({ "hardening:role": "bastion", team: "ops" }));
    expect(host(deferred).instanceType).toBe(extra.instanceType ?? "t3.micro");
    for (const r of deferred.filter((r) => r.props.tags !== undefined)) {
      expect([r.name, r.props.tags]).toEqual([r.name, plain.find((p) => p.name === r.name)!.props.tags]);
    }
  });

  it("keeps the SSH egress block unknown: that value is the Output itself", async () => {
    await planOf({ ...base, vpcCidr: unknownAtPreview<string>() });
    const ssh = one(SG).inputs.egress.filter((r: { fromPort: number }) => r.fromPort === 22);
    expect(ssh).toHaveLength(1);
    expect(ssh[0].cidrBlocks).toEqual([undefined]);
  });

  it("gets from the whole pack exactly the plain case's diagnostics", async () => {
    const plain = await packOver(await planOf(base, true));
    const deferred = await packOver(await planOf({ ...base, vpcCidr: unknownAtPreview<string>() }, true));
    expect(deferred.filter((d) => d.startsWith("mandatory"))).toEqual(plain.filter((d) => d.startsWith("mandatory")));
    expect(deferred.filter((d) => /bastion/.test(d))).toEqual(plain.filter((d) => /bastion/.test(d)));
  });
});
