// A rule resource whose `securityGroupId` may name several groups of the stack and nothing tells which: a known
// literal id that each of its dependencies may have (their ids are not in the plan), or a value unknown at preview
// read from several groups. The rule opens whichever it names, so it counts on each candidate, its path saying so;
// a literal that says it names none of them (an id of a group being created, another kind's id) stays the outside
// group it names, as before. Drops (Alibaba Cloud) attached to a group that may not be theirs close nothing.
import { computeExposures } from "../../engine/exposures";
import type { PlannedResource } from "../../engine/model";
import { GenericResource, UNKNOWN } from "../../lib/reachability";
import { Resolver } from "../../lib/reachability/resolver";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { A } from "./alicloud-fixtures";
import { T, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { runStackPolicy } from "./policy-harness";
import { probesWith } from "./stack-probes";
import { tcp } from "./tcp-ingress";

const probes = probesWith({ onlyUnverifiedNotes: true });

const AWS_ID = "sg-0123456789abcdef0";
const ALI_ID = "sg-bp1abcdefghij";
const SEVERAL = "one of several groups it may name";

type Groups = [GenericResource, GenericResource];

interface Layout {
  /** Inputs both program groups carry besides their VPC (none: ids not in the plan, as the engine registers them). */
  group?: Record<string, unknown>;
  /** The rule's `securityGroupId` (the cloud's literal id by default). */
  groupId?: unknown;
  /** How the rule records the groups: per property, or resource-wide (an SDK that sends no property dependencies). */
  deps?: "property" | "resource";
  cidr?: string;
  port?: number;
  /** The groups the public host carries (the first by default). */
  host?: (g: Groups) => unknown[];
  /** The rule resource's form; none: the stack's rules come from `extra`. */
  rule?: "SecurityGroupRule" | "SecurityGroupIngressRule" | "none";
  /** Adds resources (a drop, a template) once the groups exist. */
  extra?: (b: StackBuilder, g: Groups) => void;
}

/** The rule depends on both groups through `propName`. */
function dependOnBoth(rule: GenericResource, propName: string, groups: Groups, deps: Layout["deps"]): void {
  const urns = groups.map((g) => g.urn);
  rule.dependencies.push(...urns);
  if (deps === "resource") rule.propertyDependencies = {};
  else rule.propertyDependencies[propName] = urns;
}

/** Two AWS groups, a rule opening `port` on `groupId` to `cidr`, a public host in `host`. */
function awsStack(o: Layout) {
  const b = new StackBuilder();
  const v = vpcWithSubnets(b);
  const groups = ["web", "db"].map((n) => b.add(T.sg, n, { vpcId: ref(v.vpc), ...o.group })) as Groups;
  const port = o.port ?? 22;
  const cidr = o.cidr ?? "0.0.0.0/0";
  const securityGroupId = o.groupId ?? AWS_ID;
  const form = o.rule ?? "SecurityGroupRule";
  if (form !== "none") {
    const rule =
      form === "SecurityGroupRule"
        ? b.add(T.sgRule, "open", { type: "ingress", securityGroupId, ...tcp(port, { cidrBlocks: [cidr] }) })
        : b.add(T.ingress, "open", {
            securityGroupId,
            ipProtocol: "tcp",
            fromPort: port,
            toPort: port,
            cidrIpv4: cidr,
          });
    dependOnBoth(rule, "securityGroupId", groups, o.deps);
  }
  o.extra?.(b, groups);
  b.add(T.instance, "web", {
    subnetId: ref(v.publicSubnet),
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: (o.host ?? ((g) => [ref(g[0])]))(groups),
  });
  return b;
}

/** The same on Alibaba Cloud (the rule's one form): an instance with bandwidth. */
function aliStack(o: Layout) {
  const b = new StackBuilder();
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
  const groups = ["web", "db"].map((n) => b.add(A.sg, n, { vpcId: ref(vpc), ...o.group })) as Groups;
  const port = o.port ?? 22;
  if (o.rule !== "none") {
    const rule = b.add(A.rule, "open", {
      type: "ingress",
      securityGroupId: o.groupId ?? ALI_ID,
      ipProtocol: "tcp",
      portRange: `${port}/${port}`,
      cidrIp: o.cidr ?? "0.0.0.0/0",
    });
    dependOnBoth(rule, "securityGroupId", groups, o.deps);
  }
  o.extra?.(b, groups);
  b.add(A.instance, "erp", {
    vswitchId: ref(vswitch),
    securityGroups: (o.host ?? ((g) => [ref(g[0])]))(groups),
    internetMaxBandwidthOut: 10,
  });
  return b;
}

describe("AWS: a rule whose group may be either of two (disallow-internet-admin-ports-except-bastions)", () => {
  probes(disallowInternetAdminPortsExceptBastions, [
    // known-bad (was: the rule attached to no group, no finding)
    {
      name: "a literal id either group may have; the host in the first",
      build: () => awsStack({}),
      violations: 1,
      mentions: `sg:web rule open, ${SEVERAL}`,
    },
    {
      name: "the same; the host in the second",
      build: () => awsStack({ host: (g) => [ref(g[1])] }),
      violations: 1,
      mentions: `sg:db rule open, ${SEVERAL}`,
    },
    {
      name: "the same, the groups recorded resource-wide only",
      build: () => awsStack({ deps: "resource" }),
      violations: 1,
      mentions: `sg:web rule open, ${SEVERAL}`,
    },
    {
      name: "the same in a vpc.SecurityGroupIngressRule",
      build: () => awsStack({ rule: "SecurityGroupIngressRule" }),
      violations: 1,
      mentions: `sg:web rule open, ${SEVERAL}`,
    },
    {
      name: "an id unknown at preview read from both groups",
      build: () => awsStack({ groupId: UNKNOWN }),
      violations: 1,
      mentions: `sg:web rule open, ${SEVERAL}`,
    },
    // known-good
    {
      name: "the same literal opening a private block",
      build: () => awsStack({ cidr: "10.0.0.0/8" }),
      violations: 0,
    },
    {
      name: "both groups being created (ids unknown at preview): the literal is a group outside the stack",
      build: () => awsStack({ group: { id: UNKNOWN } }),
      violations: 0,
    },
    {
      name: "the outside group's rule still opens a host naming its id",
      build: () => awsStack({ group: { id: UNKNOWN }, host: () => [AWS_ID] }),
      violations: 1,
      mentions: `sg:${AWS_ID} (outside the stack) rule open`,
    },
    {
      name: "a VPC id beside two named groups names no group",
      build: () => awsStack({ group: { name: "grp" }, groupId: "vpc-0abc" }),
      violations: 0,
    },
    {
      name: "a host in neither group",
      build: () => awsStack({ host: () => [] }),
      violations: 0,
    },
  ]);

  it("a literal only one group may have is that group's, with no note", () => {
    const b = awsStack({ host: (g) => [ref(g[1])] });
    b.resources.find((r) => r.name === "web" && r.type === T.sg)!.inputs.id = UNKNOWN;
    return expectOneViolation(b, "sg:db rule open");
  });
});

describe("AWS: database ports (disallow-internet-database-and-high-risk-ports)", () => {
  probes(disallowInternetDatabaseAndHighRiskPorts, [
    {
      name: "3306 on a literal id either group may have",
      build: () => awsStack({ port: 3306 }),
      violations: 1,
      mentions: SEVERAL,
    },
    { name: "3306 to a private block", build: () => awsStack({ port: 3306, cidr: "10.0.0.0/8" }), violations: 0 },
  ]);
});

describe("Alibaba Cloud: a rule whose group may be either of two", () => {
  /** A drop of 22 from everyone on `groupId`, recorded as depending on both groups. */
  const drop =
    (groupId: unknown) =>
    (b: StackBuilder, g: Groups): void => {
      const r = b.add(A.rule, "close", {
        type: "ingress",
        policy: "drop",
        priority: 1,
        securityGroupId: groupId,
        ipProtocol: "tcp",
        portRange: "22/22",
        cidrIp: "0.0.0.0/0",
      });
      dependOnBoth(r, "securityGroupId", g, "property");
    };

  probes(disallowInternetAdminPortsExceptBastions, [
    // known-bad (was: no finding)
    {
      name: "a literal id either group may have; the host in the first",
      build: () => aliStack({}),
      violations: 1,
      mentions: `sg:web rule open, ${SEVERAL} (priority 1 accept)`,
    },
    {
      name: "the same; the host in the second",
      build: () => aliStack({ host: (g) => [ref(g[1])] }),
      violations: 1,
      mentions: `sg:db rule open, ${SEVERAL}`,
    },
    {
      name: "an id unknown at preview read from both groups",
      build: () => aliStack({ groupId: UNKNOWN }),
      violations: 1,
      mentions: SEVERAL,
    },
    // A drop that may be on another group closes nothing (attached to each candidate it would hide the opening).
    {
      name: "a drop on a literal either group may have does not close the ambiguous accept",
      build: () => aliStack({ extra: drop(ALI_ID) }),
      violations: 1,
      mentions: SEVERAL,
    },
    // known-good
    {
      name: "the same literal opening a private block",
      build: () => aliStack({ cidr: "172.16.0.0/12" }),
      violations: 0,
    },
    {
      name: "both groups being created: the literal is a group outside the stack",
      build: () => aliStack({ group: { id: UNKNOWN } }),
      violations: 0,
    },
    {
      name: "a VPC id in the group field names no group",
      build: () => aliStack({ groupId: "vpc-bp1abc" }),
      violations: 0,
    },
  ]);

  probes(disallowInternetDatabaseAndHighRiskPorts, [
    { name: "3306 on a literal id either group may have", build: () => aliStack({ port: 3306 }), violations: 1 },
    { name: "3306 to a private block", build: () => aliStack({ port: 3306, cidr: "172.16.0.0/12" }), violations: 0 },
  ]);
});

describe("Resolver.candidates", () => {
  const SG = [T.sg];
  function twoGroups(a: Record<string, unknown>, c: Record<string, unknown>, value: unknown) {
    const b = new StackBuilder();
    const groups = [b.add(T.sg, "a", a), b.add(T.sg, "c", c)] as Groups;
    const rule = b.add(T.sgRule, "ssh", { securityGroupId: value });
    dependOnBoth(rule, "securityGroupId", groups, "property");
    const res = new Resolver(b.resources);
    return { found: res.candidates(rule, "securityGroupId", value, SG), urns: groups.map((g) => g.urn), res, rule };
  }

  it("a literal both may have: both, ambiguous (one: neither)", () => {
    const r = twoGroups({}, {}, AWS_ID);
    expect(r.found).toEqual({ urns: r.urns, ambiguous: true });
    expect(r.res.one(r.rule, "securityGroupId", AWS_ID, SG)).toBeUndefined();
  });

  it("a literal one may have: that one, not ambiguous", () => {
    const r = twoGroups({ id: UNKNOWN }, {}, AWS_ID);
    expect(r.found).toEqual({ urns: [r.urns[1]], ambiguous: false });
  });

  it("a literal neither may have: nothing (the outside group it names, when modelled)", () => {
    const r = twoGroups({ id: UNKNOWN }, { id: UNKNOWN }, AWS_ID);
    expect(r.found).toEqual({ urns: [], ambiguous: false });
    r.res.declareLiteral(T.sg, AWS_ID, "literal-group:aws:x");
    expect(r.res.candidates(r.rule, "securityGroupId", AWS_ID, SG)).toEqual({
      urns: ["literal-group:aws:x"],
      ambiguous: false,
    });
  });

  it("a known id of one group: that group, whatever the dependencies", () => {
    const r = twoGroups({ id: AWS_ID }, {}, AWS_ID);
    expect(r.found).toEqual({ urns: [r.urns[0]], ambiguous: false });
  });

  it("a value unknown at preview from both: both, ambiguous", () => {
    const r = twoGroups({ id: UNKNOWN }, { id: UNKNOWN }, UNKNOWN);
    expect(r.found).toEqual({ urns: r.urns, ambiguous: true });
  });

  it.each([undefined, null, ""])("no value (%p): nothing", (value) => {
    const r = twoGroups({}, {}, value);
    expect(r.found).toEqual({ urns: [], ambiguous: false });
  });
});

describe("a template rule on a group parameter, the program passing two groups' ids", () => {
  // Every parameter the program feeds carries all the container's `parameters` dependencies, so a rule on either
  // parameter may name either group (was: attached to none).
  const GROUP_ID = { Type: "AWS::EC2::SecurityGroup::Id" };
  const cfnBody = (cidr: string) =>
    JSON.stringify({
      AWSTemplateFormatVersion: "2010-09-09",
      Parameters: { WebSg: GROUP_ID, DbSg: GROUP_ID },
      Resources: {
        Ssh: {
          Type: "AWS::EC2::SecurityGroupIngress",
          Properties: { GroupId: { Ref: "DbSg" }, IpProtocol: "tcp", FromPort: 22, ToPort: 22, CidrIp: cidr },
        },
      },
    });
  const rosBody = (cidr: string) =>
    JSON.stringify({
      ROSTemplateFormatVersion: "2015-09-01",
      Parameters: { WebSg: { Type: "String" }, DbSg: { Type: "String" } },
      Resources: {
        Ssh: {
          Type: "ALIYUN::ECS::SecurityGroupIngress",
          Properties: { SecurityGroupId: { Ref: "DbSg" }, IpProtocol: "tcp", PortRange: "22/22", SourceCidrIp: cidr },
        },
      },
    });

  /** The program's stack with no rule of its own, and the template opening 22 to `cidr` on a group parameter. */
  const withTemplate = (cloud: "aws" | "alicloud", cidr: string) =>
    (cloud === "aws" ? awsStack : aliStack)({
      rule: "none",
      extra: (b, [web, db]) =>
        cloud === "aws"
          ? b.add("aws:cloudformation/stack:Stack", "tpl", {
              templateBody: cfnBody(cidr),
              parameters: { WebSg: ref(web), DbSg: ref(db) },
            })
          : b.add("alicloud:ros/stack:Stack", "tpl", {
              templateBody: rosBody(cidr),
              parameters: [
                { parameterKey: "WebSg", parameterValue: ref(web) },
                { parameterKey: "DbSg", parameterValue: ref(db) },
              ],
            }),
    });

  probes(disallowInternetAdminPortsExceptBastions, [
    {
      name: "CloudFormation: 22 to the world; the host in the other group",
      build: () => withTemplate("aws", "0.0.0.0/0"),
      violations: 1,
      mentions: `sg:web rule tpl/Ssh, ${SEVERAL}`,
    },
    { name: "CloudFormation: 22 to a private block", build: () => withTemplate("aws", "10.0.0.0/8"), violations: 0 },
    {
      name: "ROS: 22 to the world; the host in the other group",
      build: () => withTemplate("alicloud", "0.0.0.0/0"),
      violations: 1,
      mentions: `sg:web rule tpl/Ssh, ${SEVERAL}`,
    },
    { name: "ROS: 22 to a private block", build: () => withTemplate("alicloud", "172.16.0.0/12"), violations: 0 },
  ]);
});

describe("the offline engine's exposures (a plan's groups carry no id)", () => {
  const planned = (b: StackBuilder): PlannedResource[] =>
    b.resources.map((r) => ({ ...r, parent: "urn:pulumi:test::kit::pulumi:pulumi:Stack::kit-test" }));

  it("the host in one of the two groups is reachable on 22, the path naming the ambiguity", () => {
    expect(computeExposures(planned(aliStack({}))).map((e) => e.path)).toEqual([
      `0.0.0.0/0 → public-ip:erp (internetMaxBandwidthOut) → vswitch:vsw → nacl:default allow → sg:web rule open, ${SEVERAL} (priority 1 accept) → ecs:erp:22`,
    ]);
  });

  it("nothing when the rule opens a private block", () => {
    expect(computeExposures(planned(aliStack({ cidr: "172.16.0.0/12" })))).toEqual([]);
  });
});

async function expectOneViolation(b: StackBuilder, mentions: string): Promise<void> {
  const out = await runStackPolicy(disallowInternetAdminPortsExceptBastions, b.resources);
  expect(out.map((f) => [f.advisory, f.message.includes(mentions), f.message.includes(SEVERAL)])).toEqual([
    [false, true, false],
  ]);
}
