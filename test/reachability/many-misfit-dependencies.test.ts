// A list of group references (`Resolver.many`) whose input also depends on a group none of its values may be: the
// dependency arrives through a component's output (its dependencies expand to all its children), a constant `apply`
// or `dependsOn` on older SDKs. A known literal that says it is not that group (`sg-…` beside a group being created,
// literal-fit.ts) leaves the dependency out: the host is judged by the groups it carries, never by the misfit's
// rules (an Alibaba Cloud drop hiding an opening, an AWS opening reported through a group the host lacks). A value
// unknown at preview may be any dependency, so then all are kept (fails closed).
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { A } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const ALI_OUTSIDE = "sg-bp1existing";
const AWS_OUTSIDE = "sg-0existing";
/** A group being created: its id is unknown at preview, so no known literal is it. */
const CREATED = { id: UNKNOWN };

/** How the host's list records the groups: per property, or resource-wide only (an SDK sending none per property). */
type Deps = "property" | "resource";

/** Adds `extra` to the dependencies of `r`'s `propName` (or resource-wide only), as a component's output does. */
function dependOn(r: GenericResource, propName: string, extra: GenericResource[], deps: Deps = "property"): void {
  const urns = extra.map((g) => g.urn);
  r.dependencies.push(...urns);
  if (deps === "resource") r.propertyDependencies = {};
  else r.propertyDependencies[propName] = [...(r.propertyDependencies[propName] ?? []), ...urns];
}

interface AliLayout {
  /** Inputs of the program's group `g` beside its VPC (being created by default). */
  group?: Record<string, unknown>;
  /** The host's `securityGroups` (the outside id recorded as depending on `g` by default). */
  host?: (g: GenericResource) => unknown[];
  /** Groups the host's list depends on besides what its values reference. */
  alsoDependsOn?: (g: GenericResource) => GenericResource[];
  deps?: Deps;
}

/**
 * Alibaba Cloud: a program group `g` with a priority-1 drop of 22 from everyone, the outside group `sg-bp1existing`
 * opened on 22 to everyone by a rule of the stack, and an instance with bandwidth.
 */
function aliStack(o: AliLayout = {}): StackBuilder {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
  const g = b.add(A.sg, "closed", { vpcId: ref(vpc), ...(o.group ?? CREATED) });
  const rule = (name: string, securityGroupId: unknown, policy: string) =>
    b.add(A.rule, name, {
      type: "ingress",
      policy,
      priority: 1,
      securityGroupId,
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp: "0.0.0.0/0",
    });
  rule("drop", ref(g), "drop");
  rule("open", ALI_OUTSIDE, "accept");
  const host = b.add(A.instance, "erp", {
    vswitchId: ref(vswitch),
    securityGroups: (o.host ?? ((x) => [knownRef(x, ALI_OUTSIDE)]))(g),
    internetMaxBandwidthOut: 10,
  });
  const extra = o.alsoDependsOn?.(g) ?? [];
  if (extra.length > 0 || o.deps === "resource") dependOn(host, "securityGroups", extra, o.deps);
  return b;
}

interface AwsLayout {
  /** Inputs of the program group `g` beside its VPC and inline 22 to the world (being created by default). */
  group?: Record<string, unknown>;
  /** The host's `vpcSecurityGroupIds` (the outside id recorded as depending on `g` by default). */
  host?: (g: GenericResource, closed: GenericResource) => unknown[];
  deps?: Deps;
  /** A rule resource of the stack opening 22 to everyone on the outside group. */
  outsideRule?: boolean;
}

/** AWS: a program group `g` opening 22 inline to everyone, a group `closed` opening nothing, a public instance. */
function awsStack(o: AwsLayout = {}): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const g = b.add(T.sg, "open", {
    vpcId: ref(v.vpc),
    ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })],
    ...(o.group ?? CREATED),
  });
  const closed = b.add(T.sg, "closed", { vpcId: ref(v.vpc) });
  if (o.outsideRule)
    b.add(T.sgRule, "outside-ssh", {
      type: "ingress",
      securityGroupId: AWS_OUTSIDE,
      ...tcp(22, { cidrBlocks: ["0.0.0.0/0"] }),
    });
  const host = b.add(T.instance, "web", {
    subnetId: ref(v.publicSubnet),
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: (o.host ?? ((x) => [knownRef(x, AWS_OUTSIDE)]))(g, closed),
  });
  if (o.deps === "resource") dependOn(host, "vpcSecurityGroupIds", [], "resource");
  return b;
}

describe("Alibaba Cloud: a misfit dependency's drop does not close the host (disallow-internet-admin-ports)", () => {
  probes(policy, [
    // known-bad (was: 0 findings, the drop of the group being created applied to the host)
    {
      name: "the outside group's id recorded as depending on a group being created",
      build: () => aliStack(),
      violations: 1,
      mentions: `sg:${ALI_OUTSIDE} (outside the stack) rule open`,
    },
    {
      name: "the same, recorded resource-wide only (dependsOn on an older SDK)",
      build: () => aliStack({ deps: "resource" }),
      violations: 1,
      mentions: `sg:${ALI_OUTSIDE} (outside the stack) rule open`,
    },
    // known-good
    {
      name: "a reference unknown at preview to the group: its drop closes 22",
      build: () => aliStack({ host: (g) => [ref(g), ALI_OUTSIDE] }),
      violations: 0,
    },
    {
      name: "a literal the group may have (its id not in the plan) is that group: its drop closes 22",
      build: () => aliStack({ group: {} }),
      violations: 0,
    },
    {
      name: "the outside group alone: 22 open",
      build: () => aliStack({ host: () => [ALI_OUTSIDE] }),
      violations: 1,
      mentions: `sg:${ALI_OUTSIDE} (outside the stack) rule open`,
    },
  ]);
});

describe("AWS: a misfit dependency's openings are not the host's (disallow-internet-admin-ports)", () => {
  probes(policy, [
    // known-bad (was: the host reported through `open`, a group it does not carry)
    {
      name: "an outside id recorded as depending on a group being created that opens 22",
      build: () => awsStack(),
      violations: 0,
    },
    {
      name: "the same, recorded resource-wide only",
      build: () => awsStack({ deps: "resource" }),
      violations: 0,
    },
    {
      name: "the outside group's own rule still opens the host, through that group only",
      build: () => awsStack({ outsideRule: true }),
      violations: 1,
      mentions: `sg:${AWS_OUTSIDE} (outside the stack) rule outside-ssh`,
    },
    // known-good: what may be the dependency keeps it
    {
      name: "a value unknown at preview beside the literal keeps every dependency (fails closed)",
      build: () => awsStack({ host: (g, closed) => [ref(closed), knownRef(g, AWS_OUTSIDE)] }),
      violations: 1,
      mentions: "sg:open rule",
    },
    {
      name: "a literal the group may have (its id not in the plan) is that group",
      build: () => awsStack({ group: {} }),
      violations: 1,
      mentions: "sg:open rule",
    },
    {
      name: "a reference unknown at preview to a group that opens nothing",
      build: () => awsStack({ host: (_g, closed) => [ref(closed)] }),
      violations: 0,
    },
  ]);
});

interface BalancerLayout {
  /** The balancer's `securityGroups` (the outside id recorded as depending on `front`, being created). */
  groups?: (front: GenericResource) => unknown[];
}

/**
 * An internet-facing network balancer, its TCP listener on 22 forwarding to an instance in the private subnet that
 * admits 22 from the VPC; the program group `front` (being created) admits only 443.
 */
function balancerStack(o: BalancerLayout = {}): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const front = b.add(T.sg, "front", {
    vpcId: ref(v.vpc),
    ingress: [tcp(443, { cidrBlocks: ["0.0.0.0/0"] })],
    ...CREATED,
  });
  const appSg = b.add(T.sg, "app", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: ["10.0.0.0/16"] })] });
  const app = b.add(T.instance, "app", { subnetId: ref(v.privateSubnet), vpcSecurityGroupIds: [ref(appSg)] });
  const lb = b.add(T.lb, "nlb", {
    loadBalancerType: "network",
    subnets: [ref(v.publicSubnet)],
    securityGroups: (o.groups ?? ((g) => [knownRef(g, AWS_OUTSIDE)]))(front),
  });
  const tg = b.add(T.tg, "ssh", { port: 22, protocol: "TCP", vpcId: ref(v.vpc), preserveClientIp: "false" });
  b.add(T.tga, "app", { targetGroupArn: ref(tg), targetId: ref(app) });
  b.add(T.listener, "l", {
    loadBalancerArn: ref(lb),
    port: 22,
    protocol: "TCP",
    defaultActions: [{ type: "forward", targetGroupArn: ref(tg) }],
  });
  return b;
}

describe("AWS: a balancer is not judged by a misfit dependency's rules", () => {
  probes(policy, [
    // known-bad (was: judged by `front`, which admits only 443: no finding)
    {
      name: "an outside group id recorded as depending on a group being created",
      build: () => balancerStack(),
      violations: 1,
      mentions: "tcp/22 is reachable from the internet",
    },
    // known-good
    {
      name: "a reference unknown at preview to that group: 22 closed at the balancer",
      build: () => balancerStack({ groups: (g) => [ref(g)] }),
      violations: 0,
    },
  ]);
});

describe("Resolver.many: dependencies no value may be", () => {
  const SG = [T.sg];

  /** A host whose group list holds `values`, depending on `deps` through it. */
  function many(values: (g: GenericResource[]) => unknown[], groups: Record<string, unknown>[]) {
    const b = new StackBuilder();
    const gs = groups.map((inputs, i) => b.add(T.sg, `g${i}`, inputs));
    const host = b.add(T.instance, "web", { vpcSecurityGroupIds: values(gs) });
    dependOn(
      host,
      "vpcSecurityGroupIds",
      gs.filter((g) => !host.dependencies.includes(g.urn)),
    );
    const found = new Resolver(b.resources).many(host, "vpcSecurityGroupIds", list(host), SG);
    return { ...found, urns: found.urns, groups: gs.map((g) => g.urn) };
  }
  const list = (host: GenericResource) => host.inputs.vpcSecurityGroupIds as unknown[];

  it("a literal no dependency may be: outside, the dependency left out (was: kept)", () => {
    const r = many(() => [AWS_OUTSIDE], [CREATED]);
    expect([r.urns, r.external, r.ambiguous]).toEqual([[], [AWS_OUTSIDE], []]);
  });

  it("a value unknown at preview keeps every dependency, even one a literal beside it cannot be", () => {
    const r = many((gs) => [ref(gs[0]), AWS_OUTSIDE], [CREATED, CREATED]);
    expect([r.urns, r.external]).toEqual([r.groups, [AWS_OUTSIDE]]);
  });

  it("a literal a dependency may be still links it", () => {
    const r = many(() => [AWS_OUTSIDE], [{}]);
    expect([r.urns, r.external, r.ambiguous]).toEqual([r.groups, [], []]);
  });

  it("two literals only one dependency may be: both ambiguous, the misfit not counted as a slot (was: both explained)", () => {
    const r = many(() => ["sg-0aaa", "sg-0bbb"], [{}, CREATED]);
    expect(r.urns).toEqual([r.groups[0]]);
    expect([[...r.external].sort(), [...r.ambiguous].sort()]).toEqual([
      ["sg-0aaa", "sg-0bbb"],
      ["sg-0aaa", "sg-0bbb"],
    ]);
  });
});
