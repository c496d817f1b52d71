// An Alibaba Cloud single group reference that may name several groups of the stack and nothing tells which (a known
// literal each may have, or a value unknown at preview read from several): an ECI container group's or a scaling
// configuration's `securityGroupId`, an NLB group attachment's. Each candidate is carried, only possibly (was: none,
// the host behind no group): accepts of a group it may not carry only open more, and its drops close nothing, since
// a candidate's drop could close another's opening (was: none linked when a candidate had a drop).
import { GenericResource, UNKNOWN, buildNetworkModel } from "../../lib/reachability";
import { disallowInternetAdminPortsExceptBastions as policy } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { A } from "./alicloud-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { probesWith } from "./stack-probes";

const probes = probesWith({ onlyUnverifiedNotes: true });

const ECI = "alicloud:eci/containerGroup:ContainerGroup";
const SCALING_GROUP = "alicloud:ess/scalingGroup:ScalingGroup";
const SCALING_CONFIGURATION = "alicloud:ess/scalingConfiguration:ScalingConfiguration";
const NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
  sgAttachment: "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
};
const LITERAL = "sg-bp1abcdefghij";
const WEB_OPENS = "sg:web (one of several groups it may carry) rule open";

type Holder = "eci" | "scaling";

interface Layout {
  holder?: Holder;
  /** Inputs both groups carry besides their VPC (none: ids not in the plan). */
  group?: Record<string, unknown>;
  /** The reference's value (a literal either group may have by default). */
  groupId?: unknown;
  /** The block `web` opens 22 to. */
  cidr?: string;
  /** `db` drops 22 from everyone at priority 1. */
  dbDrops?: boolean;
  /** The NLB also lists a group of its own that opens 443 only. */
  listed?: boolean;
}

interface Net {
  b: StackBuilder;
  vpc: GenericResource;
  vswitch: GenericResource;
  web: GenericResource;
  db: GenericResource;
}

/** A VPC and two groups: `web` opens 22 to `cidr`, `db` opens nothing (or drops 22). */
function network(o: Layout): Net {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
  const [web, db] = ["web", "db"].map((n) => b.add(A.sg, n, { vpcId: ref(vpc), ...o.group }));
  const rule22 = (name: string, g: GenericResource, policy: string, cidrIp: string) =>
    b.add(A.rule, name, {
      type: "ingress",
      policy,
      priority: 1,
      securityGroupId: ref(g),
      ipProtocol: "tcp",
      portRange: "22/22",
      cidrIp,
    });
  rule22("open", web, "accept", o.cidr ?? "0.0.0.0/0");
  if (o.dbDrops) rule22("close", db, "drop", "0.0.0.0/0");
  return { b, vpc, vswitch, web, db };
}

/** `r`'s `securityGroupId` is recorded as depending on both groups. */
/** The URN of group `name`. */
const n = (name: string) => `urn:pulumi:test::kit::${A.sg}::${name}`;

function dependOnBoth(r: GenericResource, n: Net): void {
  const urns = [n.web.urn, n.db.urn];
  r.dependencies.push(...urns);
  r.propertyDependencies.securityGroupId = urns;
}

/** A public container group or scaling configuration whose `securityGroupId` may name either group. */
function hostStack(o: Layout = {}): StackBuilder {
  const n = network(o);
  const securityGroupId = o.groupId ?? LITERAL;
  let holder: GenericResource;
  if ((o.holder ?? "eci") === "eci") {
    holder = n.b.add(ECI, "api", { vswitchId: ref(n.vswitch), securityGroupId, autoCreateEip: true });
  } else {
    const group = n.b.add(SCALING_GROUP, "asg", { vswitchIds: [ref(n.vswitch)] });
    holder = n.b.add(SCALING_CONFIGURATION, "launch", {
      scalingGroupId: ref(group),
      securityGroupId,
      internetMaxBandwidthOut: 10,
    });
  }
  dependOnBoth(holder, n);
  return n.b;
}

describe("Alibaba Cloud: a host's one group that may be either of two (disallow-internet-admin-ports)", () => {
  probes(policy, [
    // known-bad (was: the host behind no group, no finding)
    {
      name: "ECI: a literal either group may have",
      build: () => hostStack(),
      violations: 1,
      mentions: WEB_OPENS,
    },
    {
      name: "ECI: an id unknown at preview read from both groups",
      build: () => hostStack({ groupId: UNKNOWN }),
      violations: 1,
      mentions: WEB_OPENS,
    },
    {
      name: "scaling configuration: a literal either group may have",
      build: () => hostStack({ holder: "scaling" }),
      violations: 1,
      mentions: WEB_OPENS,
    },
    // known-bad (was: none linked, the host behind no group, no finding): db's drop closes nothing
    {
      name: "ECI: a literal either group may have, db drops 22",
      build: () => hostStack({ dbDrops: true }),
      violations: 1,
      mentions: WEB_OPENS,
    },
    {
      name: "ECI: an id unknown at preview read from both groups, db drops 22",
      build: () => hostStack({ groupId: UNKNOWN, dbDrops: true }),
      violations: 1,
      mentions: WEB_OPENS,
    },
    {
      name: "scaling configuration: a literal either group may have, db drops 22",
      build: () => hostStack({ holder: "scaling", dbDrops: true }),
      violations: 1,
      mentions: WEB_OPENS,
    },
    // known-good
    {
      name: "ECI: the group opens a private block only",
      build: () => hostStack({ cidr: "172.16.0.0/12" }),
      violations: 0,
    },
    {
      name: "ECI: both groups being created: the literal names neither",
      build: () => hostStack({ group: { id: UNKNOWN } }),
      violations: 0,
    },
    {
      name: "scaling configuration: the group opens a private block only",
      build: () => hostStack({ holder: "scaling", cidr: "172.16.0.0/12" }),
      violations: 0,
    },
  ]);

  it("a candidate with a drop: each is linked, only possibly (its drop closes nothing)", () => {
    const m = buildNetworkModel(hostStack({ dbDrops: true }).resources);
    const api = [...m.hosts.values()].filter((h) => h.name === "api");
    const both = [[n("web"), n("db")]];
    expect(api.map((h) => h.securityGroups)).toEqual(both);
    expect(api.map((h) => h.possibleGroups)).toEqual(both);
  });
});

/**
 * An internet NLB listening on 22 → an ECS admitting 22 from the VPC; an attachment puts the balancer in a group that
 * may be either `web` or `db` (recorded as depending on both). A balancer in no group answers every source.
 */
function nlbStack(o: Layout = {}): StackBuilder {
  const n = network(o);
  const { b } = n;
  const hostGroup = b.add(A.sg, "host", { vpcId: ref(n.vpc) });
  b.add(A.rule, "from-vpc", {
    type: "ingress",
    securityGroupId: ref(hostGroup),
    ipProtocol: "tcp",
    portRange: "22/22",
    cidrIp: "172.16.0.0/16",
  });
  const ecs = b.add(A.instance, "db", { vswitchId: ref(n.vswitch), securityGroups: [ref(hostGroup)] });
  const own = o.listed ? b.add(A.sg, "own", { vpcId: ref(n.vpc) }) : undefined;
  if (own)
    b.add(A.rule, "https", {
      type: "ingress",
      securityGroupId: ref(own),
      ipProtocol: "tcp",
      portRange: "443/443",
      cidrIp: "0.0.0.0/0",
    });
  const nlb = b.add(NLB.lb, "front", {
    ...(own ? { securityGroupIds: [ref(own)] } : {}),
    addressType: "Internet",
    addressIpVersion: "Ipv4",
    vpcId: ref(n.vpc),
    zoneMappings: [{ vswitchId: ref(n.vswitch), zoneId: "cn-hangzhou-h" }],
  });
  const group = b.add(NLB.group, "backends", { serverGroupName: "g", vpcId: ref(n.vpc), protocol: "TCP" });
  b.add(NLB.attachment, "db", { serverGroupId: ref(group), serverId: ref(ecs), serverType: "Ecs", port: 22 });
  b.add(NLB.listener, "l", {
    loadBalancerId: ref(nlb),
    serverGroupId: ref(group),
    listenerProtocol: "TCP",
    listenerPort: 22,
  });
  const attachment = b.add(NLB.sgAttachment, "front-sg", {
    loadBalancerId: ref(nlb),
    securityGroupId: o.groupId ?? LITERAL,
  });
  dependOnBoth(attachment, n);
  return b;
}

describe("Alibaba Cloud: an NLB group attachment that may name either of two groups", () => {
  probes(policy, [
    {
      // The balancer's listener and the host behind it, each through web's rule (was: through no group).
      name: "either group may be the balancer's: web's opening reaches the host",
      build: () => nlbStack(),
      violations: 2,
      mentions: `lb:front (internet-facing) → ${WEB_OPENS}`,
    },
    {
      // was: none linked when a candidate had a drop (the balancer still answered everyone: 2 findings then too)
      name: "db drops 22: web's opening still reaches the host",
      build: () => nlbStack({ dbDrops: true }),
      violations: 2,
      mentions: `lb:front (internet-facing) → ${WEB_OPENS}`,
    },
    {
      // was: 0 findings, the balancer behind its own group only (443), the attachment linking nothing
      name: "db drops 22, the balancer lists a group of its own: web's opening still reaches the host",
      build: () => nlbStack({ dbDrops: true, listed: true }),
      violations: 2,
      mentions: `lb:front (internet-facing) → ${WEB_OPENS}`,
    },
    {
      name: "the balancer's own group alone: 443 only, 22 reaches no one",
      build: () => nlbStack({ dbDrops: true, listed: true, cidr: "172.16.0.0/12" }),
      violations: 0,
    },
    // known-good (was: the balancer in no group, answering every source)
    {
      name: "neither candidate admits the internet: the balancer answers no one",
      build: () => nlbStack({ cidr: "172.16.0.0/12" }),
      violations: 0,
    },
  ]);
});
