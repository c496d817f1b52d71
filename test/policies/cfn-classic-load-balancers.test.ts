// CloudFormation classic load balancers (AWS::ElasticLoadBalancing::LoadBalancer) read as the provider's
// aws.elb.LoadBalancer: an internet-facing balancer (Scheme internet-facing or left out) whose listener forwards to
// port 22 of a template instance in a private subnet publishes SSH; an internal balancer, a listener on a web port,
// or a balancer group that admits only the VPC does not. Instances attached by an auto scaling group's
// LoadBalancerNames count as the balancer's own.
import { CFN_STACK, cfnNetwork, TemplateResources } from "./templates-fixtures";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { cfn, stack, templateTable } from "./templates-waf-harness";

const ref = (id: string) => ({ Ref: id });
const HOST = "template resource Web (AWS::EC2::Instance)";
/** In the path of every finding about the balancer: its listener's own port and the instances behind it. */
const THROUGH_BALANCER = "lb:web/Elb (internet-facing)";

const group = (name: string, port: number, cidr: string) => ({
  Type: "AWS::EC2::SecurityGroup",
  Properties: {
    GroupDescription: name,
    VpcId: ref("Vpc"),
    SecurityGroupIngress: [{ IpProtocol: "tcp", FromPort: port, ToPort: port, CidrIp: cidr }],
  },
});

interface Plan {
  /** `Scheme` as written; undefined leaves it out (internet-facing). */
  scheme?: unknown;
  listeners?: unknown;
  /** What the balancer's own group admits, on `lbPort` (22 unless said). */
  lbSource?: string;
  lbPort?: number;
  /** Attach the instances through an auto scaling group's LoadBalancerNames instead of `Instances`. */
  viaScalingGroup?: boolean;
}

const tcp = (lbPort: unknown, instancePort: unknown) => [
  { LoadBalancerPort: lbPort, InstancePort: instancePort, Protocol: "TCP" },
];

/** The instance in the private subnet admits SSH from the VPC, where the balancer's nodes stand. */
function resources(p: Plan): TemplateResources {
  const out: TemplateResources = {
    ...cfnNetwork(),
    WebSg: group("web", 22, "10.0.0.0/16"),
    LbSg: group("lb", p.lbPort ?? 22, p.lbSource ?? "0.0.0.0/0"),
    Web: {
      Type: "AWS::EC2::Instance",
      Properties: { ImageId: "ami-1", SubnetId: ref("Private"), SecurityGroupIds: [ref("WebSg")] },
    },
    Elb: {
      Type: "AWS::ElasticLoadBalancing::LoadBalancer",
      Properties: {
        ...(p.scheme === undefined ? {} : { Scheme: p.scheme }),
        Subnets: [ref("Public")],
        SecurityGroups: [ref("LbSg")],
        Listeners: p.listeners ?? tcp("22", "22"),
        ...(p.viaScalingGroup ? {} : { Instances: [ref("Web")] }),
      },
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
        LoadBalancerNames: [ref("Elb")],
      },
    };
  }
  return out;
}

const UNDECIDED = { Parameters: { Port: { Type: "String" } } };

const row = (name: string, p: Plan, violations: number, about = HOST, extra: Record<string, unknown> = {}) => ({
  name,
  resources: [stack(cfn(resources(p), extra))],
  violations,
  ...(violations > 0 ? { mentions: about } : {}),
});

describe("a template classic load balancer reads as the provider's aws.elb.LoadBalancer", () => {
  const read = (p: Plan) =>
    readTemplateResources(TEMPLATE_CONTAINERS.get(CFN_STACK)!, { templateBody: cfn(resources(p)) }).resources.find(
      (r) => r.logicalId === "Elb",
    );

  it("maps Scheme, Instances, Listeners, Subnets and SecurityGroups", () => {
    expect(read({ scheme: "internal" })).toMatchObject({
      type: "aws:elb/loadBalancer:LoadBalancer",
      props: {
        internal: true,
        listeners: [{ lbPort: "22", lbProtocol: "TCP", instancePort: "22" }],
        instances: [expect.any(String)],
        subnets: [expect.any(String)],
        securityGroups: [expect.any(String)],
      },
    });
    expect(read({})?.props.internal).toBeUndefined();
    expect(read({ scheme: "internet-facing" })?.props.internal).toBe(false);
  });
});

describe("disallow-internet-admin-ports-except-bastions follows template classic load balancers", () => {
  templateTable(disallowInternetAdminPortsExceptBastions, [
    // The listener's own port 22 and the instance's port 22 behind it: one finding each.
    row("internet-facing, TCP 22 → instance port 22", { scheme: "internet-facing" }, 2, THROUGH_BALANCER),
    row("Scheme left out: internet-facing", {}, 2, THROUGH_BALANCER),
    row("the listener on 443, the instance port 22", { listeners: tcp(443, 22), lbPort: 443 }, 1),
    row(
      "an auto scaling group naming the balancer in LoadBalancerNames",
      { viaScalingGroup: true },
      2,
      THROUGH_BALANCER,
    ),
    {
      ...row(
        "an instance port from a parameter without a value: any port of the instance",
        { listeners: tcp("22", ref("Port")) },
        1,
        "web/Elb",
        UNDECIDED,
      ),
      notes: 1,
    },
    row("an internal balancer", { scheme: "internal" }, 0),
    row("the scheme in another case: Internal", { scheme: "Internal" }, 0),
    row("a listener on 443 to instance port 443", { listeners: tcp(443, 443), lbPort: 443 }, 0),
    row("the balancer's group admitting only the VPC", { lbSource: "10.0.0.0/16" }, 0),
  ]);
});
