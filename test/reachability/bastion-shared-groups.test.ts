// A group admits every member carrying it: a bastion's group, or one tagged hardening:role=bastion, is a bastion
// source for the SSH rule only while no ordinary host or balancer carries it too. Otherwise every host carrying it may
// log in to every other: the lateral movement the rule's self-reference ban exists to stop.
import { UNKNOWN, type GenericResource } from "../../lib/reachability";
import { requireBastionOnlySshToPrivateHosts as policy } from "../../policies/stack/require-bastion-only-ssh-to-private-hosts";
import { A, aliNetwork, rule } from "./alicloud-fixtures";
import { T, Vpc, vpcWithSubnets } from "./aws-fixtures";
import { StackBuilder, ref } from "./stack-builder";
import { probes } from "./stack-probes";

const BASTION_TAGS = { "hardening:role": "bastion" };

interface Parts {
  b: StackBuilder;
  v: Vpc;
  /** The group the private hosts admit SSH from. */
  source: GenericResource;
  /** The private hosts' own group. */
  app: GenericResource;
}

/** An SSH admission of `app` from `source` as a separate aws.vpc.SecurityGroupIngressRule. */
function sshFrom(p: Parts, ipProtocol: unknown = "tcp", from: unknown = 22, to: unknown = 22) {
  p.b.add(T.ingress, "ssh-from-source", {
    securityGroupId: ref(p.app),
    ipProtocol,
    fromPort: from,
    toPort: to,
    referencedSecurityGroupId: ref(p.source),
  });
}

/**
 * A VPC, a group `common` (tagged with `sourceTags`), the private hosts app1 and app2 carrying `app` (and `common`
 * when `appsCarry`), and whatever `more` adds; `app` admits SSH from `common` as `admit` says.
 */
function stack(
  more: (p: Parts) => void,
  opts: { appsCarry?: boolean; sourceTags?: Record<string, string>; admit?: (p: Parts) => void } = {},
): () => StackBuilder {
  return () => {
    const b = new StackBuilder();
    const v = vpcWithSubnets(b);
    const source = b.add(T.sg, "common", { vpcId: ref(v.vpc), ...(opts.sourceTags ? { tags: opts.sourceTags } : {}) });
    const app = b.add(T.sg, "app", { vpcId: ref(v.vpc) });
    const p = { b, v, source, app };
    for (const name of ["app1", "app2"])
      b.add(T.instance, name, {
        subnetId: ref(v.privateSubnet),
        vpcSecurityGroupIds: opts.appsCarry ? [ref(source), ref(app)] : [ref(app)],
      });
    (opts.admit ?? sshFrom)(p);
    more(p);
    return b;
  };
}

/** The bastion `jump` (tagged unless `tags` says otherwise), carrying `groups`. */
function jump(p: Parts, groups: GenericResource[], tags: Record<string, unknown> = BASTION_TAGS) {
  p.b.add(T.instance, "jump", {
    subnetId: ref(p.v.publicSubnet),
    associatePublicIpAddress: true,
    vpcSecurityGroupIds: groups.map(ref),
    tags,
  });
}

const carriesCommon = (p: Parts) => jump(p, [p.source]);

describe("require-bastion-only-ssh-to-private-hosts: a bastion's group shared with ordinary hosts", () => {
  probes(policy, [
    {
      name: "bad: `common` on the bastion and on app1/app2, app admits 22 from it (was: passed)",
      build: stack(carriesCommon, { appsCarry: true }),
      violations: 2,
      mentions:
        "common is not a bastion group: offered by the bastion jump, it is also carried by app1, which is no bastion",
    },
    {
      name: "bad: the same, the rule admitting every protocol (-1)",
      build: stack(carriesCommon, { appsCarry: true, admit: (p) => sshFrom(p, "-1", undefined, undefined) }),
      violations: 2,
      mentions: "give the bastion a group no other host or balancer carries",
    },
    {
      name: "bad: the same, the rule admitting the port range 0-65535",
      build: stack(carriesCommon, { appsCarry: true, admit: (p) => sshFrom(p, "tcp", 0, 65535) }),
      violations: 2,
      mentions: "common is not a bastion group",
    },
    {
      name: "bad: one other host carries the bastion's group (a web server, not a target of the rule)",
      build: stack((p) => {
        carriesCommon(p);
        p.b.add(T.instance, "web", { subnetId: ref(p.v.publicSubnet), vpcSecurityGroupIds: [ref(p.source)] });
      }),
      violations: 2,
      mentions: "also carried by web, which is no bastion",
    },
    {
      name: "bad: a balancer carries the bastion's group",
      build: stack((p) => {
        carriesCommon(p);
        p.b.add(T.lb, "front", { subnets: [ref(p.v.publicSubnet)], securityGroups: [ref(p.source)] });
      }),
      violations: 2,
      mentions: "also carried by front, which is no bastion",
    },
    {
      name: "bad: a config-designated bastion (no tag) shares its group",
      build: stack((p) => jump(p, [p.source], {}), { appsCarry: true }),
      config: { bastions: ["jump"] },
      violations: 2,
      mentions: "offered by the bastion jump",
    },
    {
      name: "note: the other carrier's tags are unknown at preview (it may be a bastion)",
      build: stack((p) => {
        carriesCommon(p);
        p.b.add(T.instance, "maybe", {
          subnetId: ref(p.v.privateSubnet),
          vpcSecurityGroupIds: [ref(p.source)],
          tags: UNKNOWN,
        });
      }),
      violations: 0,
      notes: 2,
      label: "the hardening:role tag of maybe, which carries it too, is unknown at preview",
    },
    {
      name: "note: the other carrier's role tag alone is unknown at preview",
      build: stack((p) => {
        carriesCommon(p);
        p.b.add(T.instance, "maybe", {
          subnetId: ref(p.v.privateSubnet),
          vpcSecurityGroupIds: [ref(p.source)],
          tags: { "hardening:role": UNKNOWN },
        });
      }),
      violations: 0,
      notes: 2,
      label: "cannot be verified at preview",
    },
    {
      name: "bad: a known non-bastion outweighs a carrier whose role is unknown",
      build: stack(
        (p) => {
          carriesCommon(p);
          p.b.add(T.instance, "maybe", {
            subnetId: ref(p.v.privateSubnet),
            vpcSecurityGroupIds: [ref(p.source)],
            tags: UNKNOWN,
          });
        },
        { appsCarry: true },
      ),
      violations: 2,
      mentions: "also carried by app1",
    },
    {
      name: "good: the group only the bastion carries",
      build: stack(carriesCommon),
      violations: 0,
    },
    {
      name: "good: two bastions share the group",
      build: stack((p) => {
        carriesCommon(p);
        p.b.add(T.instance, "jump2", {
          subnetId: ref(p.v.publicSubnet),
          vpcSecurityGroupIds: [ref(p.source)],
          tags: BASTION_TAGS,
        });
      }),
      violations: 0,
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts: a group tagged hardening:role=bastion", () => {
  probes(policy, [
    {
      name: "bad: the tagged group is carried by a public web server that is no bastion (was: passed)",
      build: stack(
        (p) => p.b.add(T.instance, "web", { subnetId: ref(p.v.publicSubnet), vpcSecurityGroupIds: [ref(p.source)] }),
        { sourceTags: BASTION_TAGS },
      ),
      violations: 2,
      mentions: "common is not a bastion group: offered by its hardening:role=bastion tag, it is also carried by web",
    },
    {
      name: "bad: the tagged group is carried by the app hosts themselves",
      build: stack(() => {}, { sourceTags: BASTION_TAGS, appsCarry: true }),
      violations: 2,
      mentions: "also carried by app1, which is no bastion",
    },
    {
      name: "good: the tagged group is carried by the bastion alone",
      build: stack(carriesCommon, { sourceTags: BASTION_TAGS }),
      violations: 0,
    },
    {
      name: "good: the tagged group is carried by nothing in the stack (the tag is the only word on it)",
      build: stack(() => {}, { sourceTags: BASTION_TAGS }),
      violations: 0,
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts: Alibaba Cloud, a bastion's group shared", () => {
  /** A bastion ECS carrying `common`; an app ECS carrying `app` (and `common` when `shared`); app admits 22 from it. */
  function aliStack(shared: boolean): () => StackBuilder {
    return () => {
      const b = new StackBuilder();
      const n = aliNetwork(b, "app");
      const common = b.add(A.sg, "common", { vpcId: ref(n.vpc), innerAccessPolicy: "Drop" });
      rule(b, n.sg, "ssh-from-common", { portRange: "22/22", sourceSecurityGroupId: ref(common) });
      b.add(A.instance, "jump", { vswitchId: ref(n.vswitch), securityGroups: [ref(common)], tags: BASTION_TAGS });
      b.add(A.instance, "app1", {
        vswitchId: ref(n.vswitch),
        securityGroups: shared ? [ref(n.sg), ref(common)] : [ref(n.sg)],
      });
      return b;
    };
  }

  probes(policy, [
    {
      name: "bad: the app carries the bastion's group too",
      build: aliStack(true),
      violations: 1,
      mentions: "common is not a bastion group: offered by the bastion jump, it is also carried by app1",
    },
    { name: "good: the bastion carries its group alone", build: aliStack(false), violations: 0 },
  ]);
});

// Hosts and balancers are not the only members: a function or build project in the VPC, a launch template, an
// attachment to an interface outside the stack all carry the group, and any one of them may log in to the app hosts.
const LAMBDA = "aws:lambda/function:Function";
const CODEBUILD = "aws:codebuild/project:Project";
const SG_ATTACHMENT = "aws:ec2/networkInterfaceSecurityGroupAttachment:NetworkInterfaceSecurityGroupAttachment";

describe("require-bastion-only-ssh-to-private-hosts: other resources naming the bastion's group", () => {
  /** The bastion jump carries `common`; `carrier` adds another resource naming it. */
  const withJump = (carrier: (p: Parts) => void) =>
    stack((p) => {
      carriesCommon(p);
      carrier(p);
    });
  probes(policy, [
    {
      name: "bad: a Lambda function's vpcConfig names the group (was: passed)",
      build: withJump((p) =>
        p.b.add(LAMBDA, "fn", {
          vpcConfig: { subnetIds: [ref(p.v.privateSubnet)], securityGroupIds: [ref(p.source)] },
        }),
      ),
      violations: 2,
      mentions:
        "common is not a bastion group: offered by the bastion jump, it is also carried by fn, which is no bastion",
    },
    {
      name: "bad: a CodeBuild project's vpcConfig names the group (was: passed)",
      build: withJump((p) =>
        p.b.add(CODEBUILD, "builder", {
          vpcConfig: { vpcId: ref(p.v.vpc), subnets: [ref(p.v.privateSubnet)], securityGroupIds: [ref(p.source)] },
        }),
      ),
      violations: 2,
      mentions: "also carried by builder, which is no bastion",
    },
    {
      name: "bad: the group attached to an interface outside the stack (was: passed)",
      build: withJump((p) =>
        p.b.add(SG_ATTACHMENT, "outside-eni", { securityGroupId: ref(p.source), networkInterfaceId: "eni-0a1b2c3d" }),
      ),
      violations: 2,
      mentions: "also carried by outside-eni, which is no bastion",
    },
    {
      name: "bad: a launch template no bastion uses names the group (was: passed)",
      build: withJump((p) => p.b.add(T.lt, "workers", { vpcSecurityGroupIds: [ref(p.source)] })),
      violations: 2,
      mentions: "also carried by workers, which is no bastion",
    },
    {
      name: "bad: the function names the group by its known id, no dependency",
      build: withJump((p) => {
        p.source.inputs.id = "sg-0c0ffee0c0ffee000";
        p.b.add(LAMBDA, "fn-by-id", { vpcConfig: { securityGroupIds: ["sg-0c0ffee0c0ffee000"] } });
      }),
      violations: 2,
      mentions: "also carried by fn-by-id",
    },
    {
      name: "bad: the tagged group (no bastion host) named by a function",
      build: stack((p) => p.b.add(LAMBDA, "fn", { vpcConfig: { securityGroupIds: [ref(p.source)] } }), {
        sourceTags: BASTION_TAGS,
      }),
      violations: 2,
      mentions: "offered by its hardening:role=bastion tag, it is also carried by fn",
    },
    {
      name: "bad: a certain function outweighs a host whose role is unknown at preview",
      build: withJump((p) => {
        p.b.add(T.instance, "maybe", {
          subnetId: ref(p.v.privateSubnet),
          vpcSecurityGroupIds: [ref(p.source)],
          tags: UNKNOWN,
        });
        p.b.add(LAMBDA, "fn", { vpcConfig: { securityGroupIds: [ref(p.source)] } });
      }),
      violations: 2,
      mentions: "also carried by fn, which is no bastion",
    },
    {
      name: "good: the bastion is a scaling group launched from its own template naming the group",
      build: stack((p) => {
        const lt = p.b.add(T.lt, "jump-lt", { vpcSecurityGroupIds: [ref(p.source)] });
        p.b.add(T.asg, "jump-asg", {
          vpcZoneIdentifiers: [ref(p.v.publicSubnet)],
          launchTemplate: { id: ref(lt) },
          tags: [{ key: "hardening:role", value: "bastion", propagateAtLaunch: true }],
        });
      }),
      violations: 0,
    },
    {
      name: "good: the group attached to the bastion's own interface",
      build: withJump((p) => {
        const jumpHost = p.b.resources.find((r) => r.name === "jump")!;
        p.b.add(SG_ATTACHMENT, "jump-extra", {
          securityGroupId: ref(p.source),
          networkInterfaceId: ref(jumpHost),
        });
      }),
      violations: 0,
    },
    {
      name: "good: a rule of another group naming the bastion's group as its source carries nothing",
      build: withJump((p) =>
        p.b.add(T.sgRule, "egress-to-common", {
          type: "egress",
          securityGroupId: ref(p.app),
          protocol: "tcp",
          fromPort: 22,
          toPort: 22,
          sourceSecurityGroupId: ref(p.source),
        }),
      ),
      violations: 0,
    },
    {
      name: "good: a function naming a different group",
      build: withJump((p) => p.b.add(LAMBDA, "fn", { vpcConfig: { securityGroupIds: [ref(p.app)] } })),
      violations: 0,
    },
    {
      name: "good: a tag resource on the group describes it, carries nothing",
      build: withJump((p) => p.b.add("aws:ec2/tag:Tag", "owner", { resourceId: ref(p.source), key: "o", value: "x" })),
      violations: 0,
    },
    {
      // With no dependencies per property (as some engines send), the resource-wide list is only ordering.
      name: "good: a function that only depends on the group (dependsOn) carries nothing",
      build: withJump((p) => {
        const fn = p.b.add(LAMBDA, "fn", { description: "after the group" });
        fn.propertyDependencies = {};
        fn.dependencies.push(p.source.urn);
      }),
      violations: 0,
    },
  ]);
});

describe("require-bastion-only-ssh-to-private-hosts: Alibaba Cloud, other resources naming the bastion's group", () => {
  /** A bastion ECS carrying `common`, an app ECS carrying `app` that admits 22 from `common`, and `more`. */
  const aliWith =
    (more: (b: StackBuilder, common: GenericResource, vswitch: GenericResource) => void) => (): StackBuilder => {
      const b = new StackBuilder();
      const n = aliNetwork(b, "app");
      const common = b.add(A.sg, "common", { vpcId: ref(n.vpc), innerAccessPolicy: "Drop" });
      rule(b, n.sg, "ssh-from-common", { portRange: "22/22", sourceSecurityGroupId: ref(common) });
      b.add(A.instance, "jump", { vswitchId: ref(n.vswitch), securityGroups: [ref(common)], tags: BASTION_TAGS });
      b.add(A.instance, "app1", { vswitchId: ref(n.vswitch), securityGroups: [ref(n.sg)] });
      more(b, common, n.vswitch);
      return b;
    };
  probes(policy, [
    {
      name: "bad: a Function Compute service's vpcConfig names the group (was: passed)",
      build: aliWith((b, common, vsw) =>
        b.add("alicloud:fc/service:Service", "fc", {
          vpcConfig: { vswitchIds: [ref(vsw)], securityGroupId: ref(common) },
        }),
      ),
      violations: 1,
      mentions: "also carried by fc, which is no bastion",
    },
    {
      name: "bad: an ECS launch template names the group (was: passed)",
      build: aliWith((b, common) =>
        b.add("alicloud:ecs/ecsLaunchTemplate:EcsLaunchTemplate", "tpl", { securityGroupIds: [ref(common)] }),
      ),
      violations: 1,
      mentions: "also carried by tpl, which is no bastion",
    },
    {
      name: "good: an egress rule of the group carries nothing",
      build: aliWith((b, common) =>
        rule(b, common, "out-22", { type: "egress", portRange: "22/22", cidrIp: "10.0.0.0/8" }),
      ),
      violations: 0,
    },
  ]);
});
