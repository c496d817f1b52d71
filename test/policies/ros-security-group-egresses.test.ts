// ROS outbound rules (ALIYUN::ECS::SecurityGroupEgress, SecurityGroupEgresses, a group's SecurityGroupEgress list)
// become the provider's rule resources of type egress naming their group, where the destination is the rule's
// address; no rule reads them as inbound: an egress to 0.0.0.0/0 on port 22 opens nothing to the internet.
import { readTemplateResources } from "../../policies/lib/templates/template-reading";
import { TEMPLATE_CONTAINERS } from "../../policies/lib/templates/template-containers";
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { Case, table, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";
import { ros, stacksNamed } from "./template-bodies";
import { ROS_STACK, rule, TemplateResources } from "./templates-fixtures";

const RULE = "alicloud:ecs/securityGroupRule:SecurityGroupRule";
const sshOut = (extra: Record<string, unknown> = {}) => ({
  IpProtocol: "tcp",
  PortRange: "22/22",
  DestCidrIp: "0.0.0.0/0",
  ...extra,
});

const NETWORK: TemplateResources = {
  Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
  Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
};
const web = {
  Type: "ALIYUN::ECS::Instance",
  Properties: {
    ImageId: "ubuntu",
    VpcId: { Ref: "Vpc" },
    VSwitchId: { Ref: "Vsw" },
    SecurityGroupId: { Ref: "Sg" },
    InternetMaxBandwidthOut: 5,
  },
};

const read = (resources: TemplateResources) =>
  readTemplateResources(TEMPLATE_CONTAINERS.get(ROS_STACK)!, { templateBody: ros(resources) }).resources.filter(
    (r) => r.type === RULE,
  );

describe("ROS egress rule translations", () => {
  it("a group's inline egress entries are egress rules of that group, its ingress entries ingress", () => {
    const rules = read({
      Sg: {
        Type: "ALIYUN::ECS::SecurityGroup",
        Properties: {
          SecurityGroupIngress: [{ IpProtocol: "tcp", PortRange: "443/443", SourceCidrIp: "10.0.0.0/8" }],
          SecurityGroupEgress: [sshOut(), sshOut({ DestCidrIp: undefined, Ipv6DestCidrIp: "::/0", Policy: "drop" })],
        },
      },
    });
    expect(rules.map((r) => [r.props.type, r.where])).toEqual([
      ["ingress", "SecurityGroupIngress[0]"],
      ["egress", "SecurityGroupEgress[0]"],
      ["egress", "SecurityGroupEgress[1]"],
    ]);
    expect(rules[1].props).toMatchObject({ ipProtocol: "tcp", portRange: "22/22", cidrIp: "0.0.0.0/0" });
    expect(rules[2].props).toMatchObject({ ipv6CidrIp: "::/0", policy: "drop" });
  });

  it("SecurityGroupEgress and SecurityGroupEgresses name the group they add to", () => {
    const rules = read({
      One: {
        Type: "ALIYUN::ECS::SecurityGroupEgress",
        Properties: { SecurityGroupId: "sg-1", ...sshOut({ DestGroupId: "sg-2", DestCidrIp: undefined }) },
      },
      Many: {
        Type: "ALIYUN::ECS::SecurityGroupEgresses",
        Properties: { SecurityGroupId: "sg-3", Permissions: [sshOut(), sshOut({ PortRange: "3389/3389" })] },
      },
    });
    expect(rules.map((r) => [r.logicalId, r.props.type, r.props.securityGroupId, r.where])).toEqual([
      ["One", "egress", "sg-1", "rule"],
      ["Many", "egress", "sg-3", "Permissions[0]"],
      ["Many", "egress", "sg-3", "Permissions[1]"],
    ]);
    expect(rules[0].props.sourceSecurityGroupId).toBe("sg-2");
  });

  it("permissions unknown at preview are one egress rule that may allow anything out", () => {
    const rules = read({
      Many: {
        Type: "ALIYUN::ECS::SecurityGroupEgresses",
        Properties: { SecurityGroupId: "sg-3", Permissions: { "Fn::If": ["Undeclared", [], []] } },
      },
    });
    expect(rules).toHaveLength(1);
    expect(rules[0].props).toMatchObject({ type: "egress", portRange: UNKNOWN });
  });
});

describe("disallow-internet-admin-ports reads no ROS egress rule as an opening", () => {
  table(rule("disallow-internet-admin-ports"), [
    {
      name: "SecurityGroupEgresses allowing SSH out to 0.0.0.0/0",
      type: ROS_STACK,
      props: {
        templateBody: ros({
          Many: {
            Type: "ALIYUN::ECS::SecurityGroupEgresses",
            Properties: { SecurityGroupId: "sg-1", Permissions: [sshOut()] },
          },
        }),
      },
      violations: 0,
    },
  ] as Case[]);
});

describe("disallow-internet-admin-ports-except-bastions reads no ROS egress rule as an opening", () => {
  const stack = stacksNamed("app");
  stackTable(disallowInternetAdminPortsExceptBastions, [
    {
      name: "an instance with public bandwidth whose group allows SSH out to 0.0.0.0/0",
      resources: [
        stack(
          ROS_STACK,
          ros({
            ...NETWORK,
            Sg: {
              Type: "ALIYUN::ECS::SecurityGroup",
              Properties: { VpcId: { Ref: "Vpc" }, SecurityGroupEgress: [sshOut()] },
            },
            Out: {
              Type: "ALIYUN::ECS::SecurityGroupEgress",
              Properties: { SecurityGroupId: { Ref: "Sg" }, ...sshOut({ PortRange: "3389/3389" }) },
            },
            Web: web,
          }),
        ),
      ],
      violations: 0,
    },
  ]);
});
