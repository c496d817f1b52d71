// Alibaba Cloud: a host whose group reference may name several groups of the stack (a value unknown at preview read
// from more groups than the list has values, a literal several may have) carries each only possibly. Their accepts
// open (fail closed), their drops close nothing: a drop of a group the host may not carry must not hide an opening
// (was: every candidate linked for certain, its drops applied, 0 findings). Groups the host certainly carries keep
// all their rules, drops included. AWS rules only accept, so its hosts are judged as before.
import { GenericResource, UNKNOWN, buildNetworkModel } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { requireBastionOnlySshToPrivateHosts as bastionOnly } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, knownRef, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const SCALING_GROUP = "alicloud:ess/scalingGroup:ScalingGroup";
const SCALING_CONFIGURATION = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const NODE_POOL = "alicloud:cs/nodePool:NodePool";
const ECI = "alicloud:eci/containerGroup:ContainerGroup";
const LITERAL = "sg-bp1abc";
const POSSIBLE = "(one of several groups it may carry)";

interface Groups {
  /** Accepts 22/tcp from `openCidr` (the internet by default). */
  open: GenericResource;
  /** Drops 22/tcp from the internet at priority 1. */
  closed: GenericResource;
  /** Opens nothing. */
  spare: GenericResource;
}

type Holder = "instance" | "scaling" | "node-pool" | "eci";

interface Layout {
  holder?: Holder;
  /** The host's group input values (`securityGroups`, `securityGroupId`, `securityGroupIds` by holder). */
  values?: (g: Groups) => unknown[];
  /** The groups that input is recorded as depending on besides what its values reference. */
  alsoDependsOn?: (g: Groups) => GenericResource[];
  /** Inputs every group carries beside its VPC (none: ids not in the plan, so a literal may be any). */
  group?: Record<string, unknown>;
  /** Groups whose id is known (an existing group on an update preview), by name. */
  knownIds?: Partial<Record<keyof Groups, string>>;
  openCidr?: string;
  /** `closed` drops at this priority (1 by default). */
  dropPriority?: number;
  /** `open` accepts at this priority (1 by default). */
  acceptPriority?: number;
}

function groupInput(holder: Holder): string {
  if (holder === "instance") return "securityGroups";
  if (holder === "node-pool") return "securityGroupIds";
  return "securityGroupId";
}

/** A public host of `holder`'s kind behind the groups `values` name. */
function aliStack(o: Layout = {}): StackBuilder {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
  const [open, closed, spare] = (["open", "closed", "spare"] as const).map((n) =>
    b.add(A.sg, n, {
      vpcId: ref(vpc),
      ...(o.group ?? { id: UNKNOWN }),
      ...(o.knownIds?.[n] ? { id: o.knownIds[n] } : {}),
    }),
  );
  const rule22 = (name: string, g: GenericResource, policy: string, priority: number, cidrIp: string) =>
    b.add(A.rule, name, {
      type: "ingress",
      policy,
      priority,
      securityGroupId: ref(g),
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp,
    });
  rule22("ssh", open, "accept", o.acceptPriority ?? 1, o.openCidr ?? "0.0.0.0/0");
  rule22("no-ssh", closed, "drop", o.dropPriority ?? 1, "0.0.0.0/0");
  const g = { open, closed, spare };
  const holder = o.holder ?? "instance";
  const prop = groupInput(holder);
  const values = (o.values ?? ((x) => [ref(x.open)]))(g);
  const groups = { [prop]: holder === "scaling" || holder === "eci" ? values[0] : values };
  let host: GenericResource;
  if (holder === "instance") {
    host = b.add(A.instance, "web", { vswitchId: ref(vswitch), ...groups, internetMaxBandwidthOut: 10 });
  } else if (holder === "node-pool") {
    host = b.add(NODE_POOL, "pool", { vswitchIds: [ref(vswitch)], ...groups, internetMaxBandwidthOut: 10 });
  } else if (holder === "eci") {
    host = b.add(ECI, "api", { vswitchId: ref(vswitch), ...groups, autoCreateEip: true });
  } else {
    const scaling = b.add(SCALING_GROUP, "asg", { vswitchIds: [ref(vswitch)] });
    host = b.add(SCALING_CONFIGURATION, "launch", {
      scalingGroupId: ref(scaling),
      ...groups,
      internetMaxBandwidthOut: 10,
    });
  }
  // As a component's output does: the input records groups its values do not reference.
  const extra = (o.alsoDependsOn ?? ((x) => [x.closed]))(g).map((r) => r.urn);
  host.dependencies.push(...extra);
  host.propertyDependencies[prop] = [...new Set([...(host.propertyDependencies[prop] ?? []), ...extra])];
  return b;
}

const both = (g: Groups) => [g.open, g.closed];

describe("Alibaba Cloud: a drop of a group the host may not carry closes nothing (disallow-internet-admin-ports)", () => {
  probes(policy, [
    // known-bad (was: 0 findings, `closed`'s drop applied to a host that may not carry it)
    {
      name: "instance: [ref(open)] whose dependencies also name closed",
      build: () => aliStack(),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "instance: a literal both groups may have",
      build: () => aliStack({ group: {}, values: () => [LITERAL], alsoDependsOn: both }),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "scaling configuration: a securityGroupId unknown at preview read from both",
      build: () => aliStack({ holder: "scaling", values: (g) => [ref(g.open)] }),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "scaling configuration: a literal both groups may have",
      build: () => aliStack({ holder: "scaling", group: {}, values: () => [LITERAL], alsoDependsOn: both }),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "node pool: [ref(open)] whose dependencies also name closed",
      build: () => aliStack({ holder: "node-pool" }),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "container group: a literal both groups may have (was: behind no group)",
      build: () => aliStack({ holder: "eci", group: {}, values: () => [LITERAL], alsoDependsOn: both }),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "a certain group's opening, a possible group's drop: the drop closes nothing",
      build: () =>
        aliStack({
          knownIds: { open: "sg-open" },
          values: (g) => [knownRef(g.open, "sg-open"), ref(g.closed)],
          alsoDependsOn: (g) => [g.spare],
        }),
      violations: 1,
      mentions: "sg:open rule ssh",
    },
    // known-good
    {
      name: "instance: [ref(open), ref(closed)]: both carried for sure, the drop closes 22",
      build: () => aliStack({ values: (g) => [ref(g.open), ref(g.closed)], alsoDependsOn: () => [] }),
      violations: 0,
    },
    {
      name: "a certain group's drop still closes a possible group's opening",
      build: () =>
        aliStack({
          knownIds: { closed: "sg-closed" },
          values: (g) => [knownRef(g.closed, "sg-closed"), ref(g.open)],
          alsoDependsOn: (g) => [g.spare],
        }),
      violations: 0,
    },
    {
      name: "the certain drop has a lower priority than the possible accept: 22 open",
      build: () =>
        aliStack({
          knownIds: { closed: "sg-closed" },
          values: (g) => [knownRef(g.closed, "sg-closed"), ref(g.open)],
          alsoDependsOn: (g) => [g.spare],
          dropPriority: 5,
        }),
      violations: 1,
      mentions: `sg:open ${POSSIBLE} rule ssh`,
    },
    {
      name: "possible groups that accept only a private block add nothing",
      build: () => aliStack({ openCidr: "172.16.0.0/12" }),
      violations: 0,
    },
  ]);

  it("the model marks what a host only may carry, and only that", () => {
    const m = buildNetworkModel(aliStack().resources);
    const web = [...m.hosts.values()].find((h) => h.name === "web")!;
    const names = (urns: readonly string[] = []) => urns.map((u) => m.securityGroups.get(u)!.name).sort();
    expect(names(web.securityGroups)).toEqual(["closed", "open"]);
    expect(names(web.possibleGroups)).toEqual(["closed", "open"]);
    const certain = buildNetworkModel(
      aliStack({ values: (g) => [ref(g.open), ref(g.closed)], alsoDependsOn: () => [] }).resources,
    );
    expect([...certain.hosts.values()].find((h) => h.name === "web")!.possibleGroups).toBeUndefined();
  });
});

describe("Alibaba Cloud: databases and interfaces carry possible groups apart", () => {
  /** `ref(open)` whose dependencies also name `closed`, on a database and on an ENI attached to `web`. */
  function stack(webGroups: (closed: GenericResource) => unknown[]): StackBuilder {
    const b = new StackBuilder();
    const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
    const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
    const [open, closed] = ["open", "closed"].map((n) => b.add(A.sg, n, { vpcId: ref(vpc) }));
    const alsoClosed = (r: GenericResource, prop: string) => {
      r.propertyDependencies[prop].push(closed.urn);
      r.dependencies.push(closed.urn);
    };
    alsoClosed(b.add(A.rds, "db", { vswitchId: ref(vswitch), securityGroupIds: [ref(open)] }), "securityGroupIds");
    const eni = b.add("alicloud:ecs/ecsNetworkInterface:EcsNetworkInterface", "data", {
      vswitchId: ref(vswitch),
      securityGroupIds: [ref(open)],
    });
    alsoClosed(eni, "securityGroupIds");
    const web = b.add(A.instance, "web", { vswitchId: ref(vswitch), securityGroups: webGroups(closed) });
    b.add("alicloud:ecs/ecsNetworkInterfaceAttachment:EcsNetworkInterfaceAttachment", "data", {
      networkInterfaceId: ref(eni),
      instanceId: ref(web),
    });
    return b;
  }
  const possibleOf = (b: StackBuilder, name: string) => {
    const m = buildNetworkModel(b.resources);
    const host = [...m.hosts.values()].find((h) => h.name === name)!;
    return (host.possibleGroups ?? []).map((u) => m.securityGroups.get(u)!.name).sort();
  };

  it("a database's list", () =>
    expect(
      possibleOf(
        stack(() => []),
        "db",
      ),
    ).toEqual(["closed", "open"]));
  it("an instance with an ENI: the interface's possible groups", () =>
    expect(
      possibleOf(
        stack(() => []),
        "web",
      ),
    ).toEqual(["closed", "open"]));
  it("an instance with an ENI: a group the instance carries for sure is certain", () =>
    expect(
      possibleOf(
        stack((closed) => [ref(closed)]),
        "web",
      ),
    ).toEqual(["open"]));
});

/**
 * A private instance `app` (no public address) whose groups may be `peer-open` (22 from `peers`) or `peer-closed`
 * (drops 22 from `peers` at priority 1); `peers` is carried by a host that is no bastion.
 */
function internalStack(values: (open: GenericResource, closed: GenericResource) => unknown[]): StackBuilder {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
  const [peers, open, closed] = ["peers", "peer-open", "peer-closed"].map((n) => b.add(A.sg, n, { vpcId: ref(vpc) }));
  const fromPeers = (name: string, g: GenericResource, policy: string) =>
    b.add(A.rule, name, {
      type: "ingress",
      policy,
      priority: 1,
      securityGroupId: ref(g),
      ipProtocol: "tcp",
      portRange: "22/22",
      sourceSecurityGroupId: ref(peers),
    });
  fromPeers("from-peers", open, "accept");
  fromPeers("no-peers", closed, "drop");
  b.add(A.instance, "worker", { vswitchId: ref(vswitch), securityGroups: [ref(peers)] });
  const app = b.add(A.instance, "app", { vswitchId: ref(vswitch), securityGroups: values(open, closed) });
  app.propertyDependencies.securityGroups = [open.urn, closed.urn];
  app.dependencies.push(closed.urn);
  return b;
}

describe("Alibaba Cloud: internal reach ignores drops of possible groups (require-bastion-only-ssh)", () => {
  probes(bastionOnly, [
    {
      name: "[ref(peer-open)] whose dependencies also name peer-closed: peers reach 22",
      build: () => internalStack((open) => [ref(open)]),
      violations: 1,
      mentions: `sg:peer-open ${POSSIBLE} rule from-peers`,
    },
    // known-good
    {
      name: "both carried for sure: the drop closes 22",
      build: () => internalStack((open, closed) => [ref(open), ref(closed)]),
      violations: 0,
    },
  ]);
});

/** AWS: a public instance `[ref(open)]` whose dependencies also name `closed` (AWS groups only accept). */
function awsStack(): StackBuilder {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const open = b.add(T.sg, "open", { vpcId: ref(v.vpc), ingress: [tcp(22, { cidrBlocks: ["0.0.0.0/0"] })] });
  const closed = b.add(T.sg, "closed", { vpcId: ref(v.vpc) });
  const host = b.add(T.instance, "web", {
    subnetId: ref(v.publicSubnet),
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: [ref(open)],
  });
  host.propertyDependencies.vpcSecurityGroupIds.push(closed.urn);
  host.dependencies.push(closed.urn);
  return b;
}

describe("AWS: hosts are judged as before", () => {
  probes(policy, [
    {
      name: "[ref(open)] whose dependencies also name closed: reported through open, labelled as before",
      build: () => awsStack(),
      violations: 1,
      mentions: "sg:open rule",
    },
  ]);

  it("AWS hosts carry no possible groups", () => {
    const m = buildNetworkModel(awsStack().resources);
    expect([...m.hosts.values()].every((h) => h.possibleGroups === undefined)).toBe(true);
  });
});
