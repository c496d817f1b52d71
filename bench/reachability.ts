// Reachability on synthetic AWS + Alibaba Cloud topologies: 1,000 instances / 10,000 security-group rules, then ×10.
// Prints the figures (model build, internet exposures, internal reach, engine exposure table); asserts nothing.
// Run: npx tsc -p tsconfig.build.json && node dist/bench/reachability.js
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { computeExposures } from "../engine/exposures";
import type { PlannedResource } from "../engine/model";
import { PolicyResource, StackValidationArgs, unknownCheckingProxy } from "@pulumi/policy";
import { buildNetworkModel, internalReach, internetExposures, UNKNOWN } from "../lib/reachability";
import { hardeningStackPolicies } from "../policies/stack";

interface Sizes {
  instances: number;
  rulesPerGroup: number;
}

function synthetic({ instances, rulesPerGroup }: Sizes): PlannedResource[] {
  const out: PlannedResource[] = [];
  const add = (type: string, name: string, inputs: Record<string, unknown>, refs: Record<string, string[]> = {}) => {
    const urn = `urn:pulumi:bench::kit::${type}::${name}`;
    const full = { ...inputs };
    for (const [k, urns] of Object.entries(refs))
      if (!(k in full)) full[k] = urns.length === 1 ? UNKNOWN : urns.map(() => UNKNOWN);
    out.push({
      urn,
      type,
      name,
      parent: "",
      inputs: full,
      dependencies: Object.values(refs).flat(),
      propertyDependencies: refs,
    });
    return urn;
  };
  // AWS half.
  const vpc = add("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/8" });
  const igw = add("aws:ec2/internetGateway:InternetGateway", "igw", {}, { vpcId: [vpc] });
  const rtb = add("aws:ec2/routeTable:RouteTable", "public", {}, { vpcId: [vpc] });
  add(
    "aws:ec2/route:Route",
    "default",
    { destinationCidrBlock: "0.0.0.0/0" },
    { routeTableId: [rtb], gatewayId: [igw] },
  );
  const subnets = Array.from({ length: 10 }, (_, i) => {
    const s = add(
      "aws:ec2/subnet:Subnet",
      `s${i}`,
      { cidrBlock: `10.${i}.0.0/16`, mapPublicIpOnLaunch: i % 2 === 0 },
      { vpcId: [vpc] },
    );
    if (i % 2 === 0)
      add("aws:ec2/routeTableAssociation:RouteTableAssociation", `s${i}`, {}, { subnetId: [s], routeTableId: [rtb] });
    return s;
  });
  const half = Math.floor(instances / 2);
  const groupsPer = 1;
  const groups: string[] = [];
  for (let i = 0; i < half * groupsPer; i++) {
    const sg = add("aws:ec2/securityGroup:SecurityGroup", `sg${i}`, {}, { vpcId: [vpc] });
    groups.push(sg);
    for (let r = 0; r < rulesPerGroup; r++) {
      const port = 1000 + ((i * rulesPerGroup + r) % 60000);
      if (r % 3 === 0 && i > 0)
        add(
          "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
          `sg${i}-r${r}`,
          { ipProtocol: "tcp", fromPort: port, toPort: port },
          {
            securityGroupId: [sg],
            referencedSecurityGroupId: [groups[i - 1]],
          },
        );
      else
        add(
          "aws:ec2/securityGroupRule:SecurityGroupRule",
          `sg${i}-r${r}`,
          {
            type: "ingress",
            protocol: "tcp",
            fromPort: r === 1 ? 22 : port,
            toPort: r === 1 ? 22 : port,
            cidrBlocks: [r % 3 === 1 ? "0.0.0.0/0" : "10.0.0.0/8"],
          },
          { securityGroupId: [sg] },
        );
    }
  }
  for (let i = 0; i < half; i++)
    add(
      "aws:ec2/instance:Instance",
      `vm${i}`,
      {},
      { subnetId: [subnets[i % subnets.length]], vpcSecurityGroupIds: [groups[i]] },
    );
  // Alibaba Cloud half.
  const avpc = add("alicloud:vpc/network:Network", "avpc", { cidrBlock: "172.16.0.0/12" });
  const vsw = add("alicloud:vpc/switch:Switch", "vsw", { cidrBlock: "172.16.0.0/16" }, { vpcId: [avpc] });
  for (let i = 0; i < instances - half; i++) {
    const sg = add("alicloud:ecs/securityGroup:SecurityGroup", `asg${i}`, {}, { vpcId: [avpc] });
    for (let r = 0; r < rulesPerGroup; r++) {
      const port = 1000 + ((i * rulesPerGroup + r) % 60000);
      const drop = r % 4 === 3;
      add(
        "alicloud:ecs/securityGroupRule:SecurityGroupRule",
        `asg${i}-r${r}`,
        {
          type: "ingress",
          ipProtocol: "tcp",
          portRange: r === 1 ? "22/22" : `${port}/${port + 10}`,
          cidrIp: r % 2 === 1 ? "0.0.0.0/0" : "172.16.0.0/12",
          policy: drop ? "drop" : "accept",
          priority: drop ? 1 : 10,
        },
        { securityGroupId: [sg] },
      );
    }
    add(
      "alicloud:ecs/instance:Instance",
      `ecs${i}`,
      { internetMaxBandwidthOut: i % 3 === 0 ? 10 : 0 },
      { vswitchId: [vsw], securityGroups: [sg] },
    );
  }
  return out;
}

// Collect between phases so one phase's garbage is not billed to the next.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;

function time<T>(fn: () => T): [T, number] {
  gc();
  const t0 = performance.now();
  const r = fn();
  return [r, performance.now() - t0];
}

/** The resources as @pulumi/policy hands them to a stack policy: proxied props, dependencies as objects. */
function asPolicyResources(resources: PlannedResource[]): PolicyResource[] {
  const out = resources.map(
    (r) =>
      ({
        type: r.type,
        name: r.name,
        urn: r.urn,
        props: unknownCheckingProxy(r.inputs),
        opts: {},
        dependencies: [],
        propertyDependencies: {},
      }) as unknown as PolicyResource,
  );
  const byUrn = new Map(out.map((p) => [p.urn, p]));
  resources.forEach((r, i) => {
    out[i].dependencies = r.dependencies.map((d) => byUrn.get(d)!);
    for (const [k, deps] of Object.entries(r.propertyDependencies))
      out[i].propertyDependencies[k] = deps.map((d) => byUrn.get(d)!);
  });
  return out;
}

function runPolicies(resources: PlannedResource[]): number {
  let violations = 0;
  for (const policy of hardeningStackPolicies) {
    const args = {
      resources: asPolicyResources(resources),
      getConfig: () => ({}),
      stackTags: new Map(),
      notApplicable: () => {
        throw new Error("not applicable");
      },
    } as unknown as StackValidationArgs;
    policy.validateStack(args, () => violations++);
  }
  return violations;
}

function run(label: string, sizes: Sizes) {
  const resources = synthetic(sizes);
  const rules = resources.filter((r) => /SecurityGroupRule|SecurityGroupIngressRule/.test(r.type)).length;
  const generic = resources.map((r) => ({ ...r }));
  const [model, build] = time(() => buildNetworkModel(generic));
  const [exposed, internet] = time(() => internetExposures(model));
  const [reach, internal] = time(() => internalReach(model));
  const [rows, table] = time(() => computeExposures(resources));
  const [violations, policies] = time(() => runPolicies(resources));
  const total = build + internet + internal;
  console.log(
    `${label}: ${sizes.instances} instances, ${rules} rules, ${resources.length} resources | ` +
      `build ${build.toFixed(0)} ms, internet ${internet.toFixed(0)} ms (${exposed.length} rows), ` +
      `internal ${internal.toFixed(0)} ms (${reach.length} rows), model+queries ${total.toFixed(0)} ms | ` +
      `engine table ${table.toFixed(0)} ms (${rows.length} rows) | ` +
      `6 stack policies ${policies.toFixed(0)} ms (${violations} violations)`,
  );
  return total;
}

// Warm-up so the first figure is not JIT start-up.
run("warm-up", { instances: 100, rulesPerGroup: 10 });
run("1x (first)", { instances: 1000, rulesPerGroup: 10 });
const base = run("1x", { instances: 1000, rulesPerGroup: 10 });
const big = run("10x", { instances: 10000, rulesPerGroup: 10 });
console.log(`goal: 1x < 2000 ms → ${base.toFixed(0)} ms; 10x/1x ratio ${(big / base).toFixed(1)} (goal ≤ 12)`);
