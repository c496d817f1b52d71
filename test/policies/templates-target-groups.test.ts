// CloudFormation ELBv2 target groups: a template balancer's listener forwards to an
// AWS::ElasticLoadBalancingV2::TargetGroup whose `Targets` (or an auto scaling group's `TargetGroupARNs`) name a
// template instance in a private subnet. The port rules see the internet reach the instance's port through the
// balancer: SSH behind an internet NLB, a database port behind an internet ALB. An internal balancer, an instance
// group that does not admit the balancer's clients, or a group with no targets and no forward, is no finding; targets
// the template leaves undecided at preview are a note, never a pass.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { disallowInternetDatabaseAndHighRiskPorts } from "../../policies/stack/disallow-internet-database-and-high-risk-ports";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { runStack } from "./harness";
import { cfn, stack, templateTable } from "./templates-waf-harness";
import { CFN_STACK, cfnNetwork, TemplateResources } from "./templates-fixtures";

const ADMIN = disallowInternetAdminPortsExceptBastions;
const DATABASE = disallowInternetDatabaseAndHighRiskPorts;
const VPC_RANGE = "10.0.0.0/16";
const HOST = "template resource Web (AWS::EC2::Instance)";
const ref = (id: string) => ({ Ref: id });

interface Plan {
  type: "network" | "application";
  internet: boolean;
  listenerPort: number;
  groupPort: number;
  /** Ports the instance's group admits, and from where. */
  hostPorts: number[];
  hostSource: string;
  /** The group's `Targets` as written; default one entry naming the instance. */
  targets?: unknown;
  /** `TargetGroupAttributes` of the group. */
  attributes?: unknown;
  /** Instead of `Targets`, an auto scaling group launching the host names the group. */
  viaScalingGroup?: boolean;
  /** Drop the listener: the group is forwarded to by nothing. */
  noListener?: boolean;
}

const ingress = (ports: number[], source: string) =>
  ports.map((port) => ({ IpProtocol: "tcp", FromPort: port, ToPort: port, CidrIp: source }));

function resources(p: Plan): TemplateResources {
  const alb = p.type === "application";
  const out: TemplateResources = {
    ...cfnNetwork(),
    WebSg: {
      Type: "AWS::EC2::SecurityGroup",
      Properties: {
        GroupDescription: "web",
        VpcId: ref("Vpc"),
        SecurityGroupIngress: ingress(p.hostPorts, p.hostSource),
      },
    },
    Web: {
      Type: "AWS::EC2::Instance",
      Properties: { ImageId: "ami-1", SubnetId: ref("Private"), SecurityGroupIds: [ref("WebSg")] },
    },
    Lb: {
      Type: "AWS::ElasticLoadBalancingV2::LoadBalancer",
      Properties: {
        Type: p.type,
        Scheme: p.internet ? "internet-facing" : "internal",
        Subnets: [ref("Public")],
        ...(alb ? { SecurityGroups: [ref("LbSg")] } : {}),
      },
    },
    Tg: {
      Type: "AWS::ElasticLoadBalancingV2::TargetGroup",
      Properties: {
        Port: p.groupPort,
        Protocol: alb ? "HTTP" : "TCP",
        VpcId: ref("Vpc"),
        ...(p.viaScalingGroup ? {} : { Targets: p.targets ?? [{ Id: ref("Web") }] }),
        ...(p.attributes ? { TargetGroupAttributes: p.attributes } : {}),
      },
    },
  };
  if (alb)
    out.LbSg = {
      Type: "AWS::EC2::SecurityGroup",
      Properties: {
        GroupDescription: "lb",
        VpcId: ref("Vpc"),
        SecurityGroupIngress: ingress([p.listenerPort], "0.0.0.0/0"),
      },
    };
  if (!p.noListener)
    out.Listener = {
      Type: "AWS::ElasticLoadBalancingV2::Listener",
      Properties: {
        LoadBalancerArn: ref("Lb"),
        Port: p.listenerPort,
        Protocol: alb ? "HTTP" : "TCP",
        DefaultActions: [{ Type: "forward", TargetGroupArn: ref("Tg") }],
      },
    };
  if (p.viaScalingGroup) {
    delete out.Web;
    out.Launch = {
      Type: "AWS::EC2::LaunchTemplate",
      Properties: { LaunchTemplateData: { ImageId: "ami-1", SecurityGroupIds: [ref("WebSg")] } },
    };
    out.Asg = {
      Type: "AWS::AutoScaling::AutoScalingGroup",
      Properties: {
        MinSize: "1",
        MaxSize: "2",
        VPCZoneIdentifier: [ref("Private")],
        LaunchTemplate: { LaunchTemplateId: ref("Launch"), Version: "1" },
        TargetGroupARNs: [ref("Tg")],
      },
    };
  }
  return out;
}

/** SSH behind an internet NLB, the instance's group admitting SSH from anywhere (the NLB keeps client addresses). */
const SSH_NLB: Plan = {
  type: "network",
  internet: true,
  listenerPort: 22,
  groupPort: 22,
  hostPorts: [22],
  hostSource: "0.0.0.0/0",
};

/** PostgreSQL behind an internet ALB on 80, the instance's group admitting the VPC (where the ALB stands). */
const POSTGRES_ALB: Plan = {
  type: "application",
  internet: true,
  listenerPort: 80,
  groupPort: 5432,
  hostPorts: [5432],
  hostSource: VPC_RANGE,
};

const body = (p: Plan, extra: Record<string, unknown> = {}) => cfn(resources(p), extra);
/** A row: `violations` findings, each naming `about` (the template instance by default). */
const row = (name: string, p: Plan, violations: number, about = HOST) => ({
  name,
  resources: [stack(body(p))],
  violations,
  ...(violations > 0 ? { mentions: about } : {}),
});

const UNDECIDED = {
  Parameters: { Env: { Type: "String" } },
  Conditions: { Prod: { "Fn::Equals": [ref("Env"), "prod"] } },
};
const undecidedTargets = { "Fn::If": ["Prod", [{ Id: ref("Web") }], ref("AWS::NoValue")] };

describe("a template target group reads as the provider's group and one attachment per target", () => {
  const read = (templateBody: string) =>
    readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, { templateBody }).resources.filter((r) =>
      r.type.startsWith("aws:lb/targetGroup"),
    );

  it("maps Port, Protocol, TargetType, VpcId and each target's Id and Port", () => {
    const got = read(body({ ...SSH_NLB, targets: [{ Id: ref("Web") }, { Id: "i-0abc", Port: 2222 }], attributes: [] }));
    expect(got.map((r) => [r.type, r.where])).toEqual([
      ["aws:lb/targetGroup:TargetGroup", undefined],
      ["aws:lb/targetGroupAttachment:TargetGroupAttachment", "Targets[0]"],
      ["aws:lb/targetGroupAttachment:TargetGroupAttachment", "Targets[1]"],
    ]);
    expect(got[0].props).toMatchObject({ port: 22, protocol: "TCP" });
    expect(got[2].props).toMatchObject({ targetId: "i-0abc", port: 2222 });
    expect(got[1].props.port).toBeUndefined();
  });

  it("reads preserve_client_ip.enabled, and an undecided Targets list as one unknown target", () => {
    const off = read(body({ ...SSH_NLB, attributes: [{ Key: "preserve_client_ip.enabled", Value: "false" }] }));
    expect(off[0].props.preserveClientIp).toBe("false");
    const undecided = read(body({ ...SSH_NLB, targets: undecidedTargets }, UNDECIDED));
    expect(undecided).toHaveLength(2);
    expect(undecided[1].where).toBe("Targets");
  });
});

describe("disallow-internet-admin-ports-except-bastions follows template target groups", () => {
  templateTable(ADMIN, [
    row("SSH: internet NLB on 22 → target group → instance", SSH_NLB, 1),
    row("the same behind an internal NLB", { ...SSH_NLB, internet: false }, 0),
    row(
      "the instance's group admitting only the VPC (the NLB keeps client addresses)",
      { ...SSH_NLB, hostSource: VPC_RANGE },
      0,
    ),
    row(
      "the group admitting only the VPC, client addresses not kept (preserve_client_ip off)",
      { ...SSH_NLB, hostSource: VPC_RANGE, attributes: [{ Key: "preserve_client_ip.enabled", Value: "false" }] },
      1,
    ),
    row(
      "the listener and group on 443, the target's own port 22",
      { ...SSH_NLB, listenerPort: 443, groupPort: 443, targets: [{ Id: ref("Web"), Port: 22 }] },
      1,
    ),
    row("a listener and group on 443 only", { ...SSH_NLB, listenerPort: 443, groupPort: 443 }, 0),
    row("a target group with no targets that nothing forwards to", { ...SSH_NLB, targets: [], noListener: true }, 0),
    row(
      "an auto scaling group naming the target group (TargetGroupARNs)",
      { ...SSH_NLB, viaScalingGroup: true },
      1,
      "template resource Asg (AWS::AutoScaling::AutoScalingGroup)",
    ),
  ]);
});

describe("disallow-internet-database-and-high-risk-ports follows template target groups", () => {
  templateTable(DATABASE, [
    row("PostgreSQL: internet ALB on 80 → target group on 5432 → instance", POSTGRES_ALB, 1),
    row("the same behind an internal ALB", { ...POSTGRES_ALB, internet: false }, 0),
    row("the instance's group admitting nothing on 5432", { ...POSTGRES_ALB, hostPorts: [8080] }, 0),
    row(
      "the group on 8080, the target's own port 5432",
      { ...POSTGRES_ALB, groupPort: 8080, targets: [{ Id: ref("Web"), Port: 5432 }] },
      1,
    ),
    row("the group and target on 8080", { ...POSTGRES_ALB, groupPort: 8080, hostPorts: [8080] }, 0),
  ]);
});

/**
 * Targets the template leaves to a condition undecided at preview may be any target on any port: the rules say so in
 * notes naming the unknown target, and never pass. (Listeners on 443 and 80, so no finding comes from the listener's
 * own port.)
 */
describe("targets undecided at preview are a note, never a pass", () => {
  const oneUndecided = [{ "Fn::If": ["Prod", { Id: ref("Web") }, ref("AWS::NoValue")] }];
  const sshOn443: Plan = { ...SSH_NLB, listenerPort: 443, groupPort: 443 };
  it.each([
    ["admin ports, the whole Targets list", ADMIN, { ...sshOn443, targets: undecidedTargets }],
    ["admin ports, one entry", ADMIN, { ...sshOn443, targets: oneUndecided }],
    ["database ports, the whole Targets list", DATABASE, { ...POSTGRES_ALB, targets: undecidedTargets }],
    ["database ports, one entry", DATABASE, { ...POSTGRES_ALB, targets: oneUndecided }],
  ] as const)("%s", async (_name, policy, plan) => {
    const ds = await runStack(policy, [stack(body(plan, UNDECIDED))]);
    expect(ds.filter((d) => d.level === "mandatory")).toHaveLength(0);
    expect(ds.length).toBeGreaterThan(0);
    for (const d of ds) {
      expect(d.level).toBe("advisory");
      expect(d.message).toMatch(/^cannot be verified at preview/);
      expect(d.message).toContain("target (id unknown at preview)");
    }
  });

  it("an internet NLB on 22 whose targets are undecided is still a finding on its listener", async () => {
    const ds = await runStack(ADMIN, [stack(body({ ...SSH_NLB, targets: undecidedTargets }, UNDECIDED))]);
    const violations = ds.filter((d) => d.level === "mandatory");
    expect(violations).toHaveLength(1);
    expect(violations[0].message).toContain("listener:web/Listener:22");
  });
});
