// ALIYUN::ECS::SecurityGroupIngresses (one group, up to 100 Permissions) is judged permission by permission as the
// singular ALIYUN::ECS::SecurityGroupIngress is: by the resource rule alone, and by the stack rule on the instances
// the group guards. A drop among the permissions closes an accept it covers, as among a group's inline entries.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { Case, table, UNKNOWN } from "./harness";
import { stackTable } from "./stack-table";
import { ros, stacksNamed } from "./template-bodies";
import { ROS_STACK, ROS_STACK_GROUP, rosJson, rule, TemplateResources } from "./templates-fixtures";

const adminPorts = rule("disallow-internet-admin-ports");

const INGRESSES = "ALIYUN::ECS::SecurityGroupIngresses";

const ssh = (extra: Record<string, unknown> = {}) => ({
  IpProtocol: "tcp",
  PortRange: "22/22",
  SourceCidrIp: "0.0.0.0/0",
  ...extra,
});

/** A body whose one resource adds `permissions` to group sg-1. */
const ingresses = (permissions: unknown, parameters: Record<string, unknown> = {}) =>
  rosJson(INGRESSES, { SecurityGroupId: "sg-1", Permissions: permissions }, parameters);

const row = (name: string, permissions: unknown, violations: number, extra: Partial<Case> = {}): Case => ({
  name,
  type: ROS_STACK,
  props: { templateBody: ingresses(permissions) },
  violations,
  ...extra,
});

describe("disallow-internet-admin-ports reads ROS SecurityGroupIngresses", () => {
  table(adminPorts, [
    row("SSH from 0.0.0.0/0", [ssh()], 1, { mentions: `template resource Res (${INGRESSES}) Permissions[0]: ` }),
    row("its twin from 10.0.0.0/8", [ssh({ SourceCidrIp: "10.0.0.0/8" })], 0),
    row("SSH from ::/0", [{ IpProtocol: "tcp", PortRange: "22/22", Ipv6SourceCidrIp: "::/0" }], 1),
    row(
      "SSH from an IPv6 documentation block only",
      [ssh({ SourceCidrIp: undefined, Ipv6SourceCidrIp: "2001:db8::/32" })],
      0,
    ),
    row(
      "PortRange -1/-1 with IpProtocol all",
      [{ IpProtocol: "all", PortRange: "-1/-1", SourceCidrIp: "0.0.0.0/0" }],
      1,
    ),
    row("PortRange -1/-1 with icmp", [{ IpProtocol: "icmp", PortRange: "-1/-1", SourceCidrIp: "0.0.0.0/0" }], 0),
    row("PortRange 1/65535", [ssh({ PortRange: "1/65535" })], 1),
    row(
      "the open permission is the last of several closed ones",
      [ssh({ SourceCidrIp: "10.0.0.0/8" }), ssh({ PortRange: "443/443" }), ssh({ PortRange: "3389/3389" })],
      1,
      { mentions: "Permissions[2]" },
    ),
    row("two open permissions, each its own finding", [ssh(), ssh({ PortRange: "3389/3389" })], 2),
    row("a drop of SSH from the internet alone is not an opening", [ssh({ Policy: "drop", Priority: 1 })], 0),
    row(
      "a drop of equal priority on the same port and source closes the accept",
      [ssh({ Priority: 1 }), ssh({ Policy: "drop", Priority: 1 })],
      0,
    ),
    row(
      "a drop of lower precedence (Priority 2) leaves it open",
      [ssh({ Priority: 1 }), ssh({ Policy: "drop", Priority: 2 })],
      1,
    ),
    row(
      "a drop of part of the source leaves the rest open",
      [ssh(), ssh({ Policy: "drop", SourceCidrIp: "1.0.0.0/8" })],
      1,
    ),
    row(
      "a permission from a source group, not an address",
      [{ IpProtocol: "tcp", PortRange: "22/22", SourceGroupId: "sg-2" }],
      0,
    ),
    row("a permission unknown at preview", [{ "Fn::If": ["Undeclared", ssh(), ssh()] }], 0, { notes: 1 }),
    row("malformed permissions beside an open one: the open one is still reported", [null, 5, "x", [], ssh()], 1, {
      mentions: "Permissions[4]",
    }),
    {
      name: "a stack group",
      type: ROS_STACK_GROUP,
      props: { templateBody: ingresses([ssh()]) },
      violations: 1,
    },
    {
      name: "the program's parameter decides the source",
      type: ROS_STACK,
      props: {
        templateBody: ingresses([ssh({ SourceCidrIp: { Ref: "Src" } })], { Src: { Type: "String" } }),
        parameters: [{ parameterKey: "Src", parameterValue: "0.0.0.0/0" }],
      },
      violations: 1,
    },
    {
      name: "the source from an output unknown at preview",
      type: ROS_STACK,
      props: {
        templateBody: ingresses([ssh({ SourceCidrIp: { Ref: "Src" } })], { Src: { Type: "String" } }),
        parameters: [{ parameterKey: "Src", parameterValue: UNKNOWN }],
      },
      violations: 0,
      notes: 1,
    },
    {
      name: "the whole Permissions list from a parameter without a value",
      type: ROS_STACK,
      props: { templateBody: ingresses({ Ref: "Perms" }, { Perms: { Type: "Json" } }) },
      violations: 0,
      notes: 1,
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions reads ROS SecurityGroupIngresses", () => {
  const stack = stacksNamed("app");
  const network: TemplateResources = {
    Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16" } },
    Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
    Sg: { Type: "ALIYUN::ECS::SecurityGroup", Properties: { VpcId: { Ref: "Vpc" } } },
  };
  const web = (bandwidth: number) => ({
    Type: "ALIYUN::ECS::Instance",
    Properties: {
      ImageId: "ubuntu",
      VpcId: { Ref: "Vpc" },
      VSwitchId: { Ref: "Vsw" },
      SecurityGroupId: { Ref: "Sg" },
      InternetMaxBandwidthOut: bandwidth,
    },
  });
  const rules = (permissions: unknown[], group: unknown = { Ref: "Sg" }) => ({
    Type: INGRESSES,
    Properties: { SecurityGroupId: group, Permissions: permissions },
  });
  const rosStack = (resources: TemplateResources) => [stack(ROS_STACK, ros({ ...network, ...resources }))];
  stackTable(disallowInternetAdminPortsExceptBastions, [
    {
      name: "SSH from 0.0.0.0/0 to an instance with public bandwidth",
      resources: rosStack({ Rules: rules([ssh()]), Web: web(5) }),
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::Instance): app/Web: tcp/22",
    },
    {
      name: "its twin without a public address",
      resources: rosStack({ Rules: rules([ssh()]), Web: web(0) }),
      violations: 0,
    },
    {
      name: "its twin from 10.0.0.0/8",
      resources: rosStack({ Rules: rules([ssh({ SourceCidrIp: "10.0.0.0/8" })]), Web: web(5) }),
      violations: 0,
    },
    {
      name: "the group named by Fn::GetAtt",
      resources: rosStack({ Rules: rules([ssh()], { "Fn::GetAtt": ["Sg", "SecurityGroupId"] }), Web: web(5) }),
      violations: 1,
    },
    {
      // Public bandwidth gives the instance an IPv4 address only; the resource rule reports the permission alone.
      name: "SSH from ::/0 reaches no instance without an IPv6 address",
      resources: rosStack({
        Rules: rules([{ IpProtocol: "tcp", PortRange: "22/22", Ipv6SourceCidrIp: "::/0" }]),
        Web: web(5),
      }),
      violations: 0,
    },
    {
      name: "all protocols, PortRange -1/-1: every administration port",
      resources: rosStack({
        Rules: rules([{ IpProtocol: "all", PortRange: "-1/-1", SourceCidrIp: "0.0.0.0/0" }]),
        Web: web(5),
      }),
      // 22, 3389, 5900, 5985 and 5986.
      violations: 5,
    },
    {
      name: "a drop of equal priority closes the accept",
      resources: rosStack({ Rules: rules([ssh({ Priority: 1 }), ssh({ Policy: "drop", Priority: 1 })]), Web: web(5) }),
      violations: 0,
    },
    {
      name: "a drop of lower precedence leaves it open",
      resources: rosStack({ Rules: rules([ssh({ Priority: 1 }), ssh({ Policy: "drop", Priority: 2 })]), Web: web(5) }),
      violations: 1,
    },
  ]);
});

// A drop naming a destination address (DestCidrIp, Ipv6DestCidrIp) or a source port (SourcePortRange) blocks only
// that traffic: the accept stays open for everything else, and the drop closes nothing group-wide.
const narrowedDrop = (narrowing: Record<string, unknown>) => ssh({ Policy: "drop", Priority: 1, ...narrowing });
const NARROWINGS: [string, Record<string, unknown>][] = [
  ["DestCidrIp 10.0.1.99/32", { DestCidrIp: "10.0.1.99/32" }],
  ["SourcePortRange 1/1", { SourcePortRange: "1/1" }],
  ["Ipv6DestCidrIp 2001:db8::1/128", { Ipv6DestCidrIp: "2001:db8::1/128" }],
];

describe("a drop to one address or from one source port leaves the accept open", () => {
  const group = (entries: unknown[]) =>
    rosJson("ALIYUN::ECS::SecurityGroup", { VpcId: "vpc-1", SecurityGroupIngress: entries });
  table(adminPorts, [
    ...NARROWINGS.flatMap(([what, narrowing]): Case[] => [
      row(`SecurityGroupIngresses: a drop with ${what}`, [ssh({ Priority: 1 }), narrowedDrop(narrowing)], 1, {
        mentions: "Permissions[0]",
      }),
      {
        name: `a group's inline entries: a drop with ${what}`,
        type: ROS_STACK,
        props: { templateBody: group([ssh({ Priority: 1 }), narrowedDrop(narrowing)]) },
        violations: 1,
      },
    ]),
    row(
      "a plain drop beside the narrowed one still closes the accept",
      [ssh({ Priority: 1 }), narrowedDrop({ DestCidrIp: "10.0.1.99/32" }), ssh({ Policy: "drop", Priority: 1 })],
      0,
    ),
    {
      name: "a drop whose DestCidrIp is unknown at preview closes nothing",
      type: ROS_STACK,
      props: {
        templateBody: ingresses([ssh({ Priority: 1 }), narrowedDrop({ DestCidrIp: { Ref: "Dst" } })], {
          Dst: { Type: "String" },
        }),
        parameters: [{ parameterKey: "Dst", parameterValue: UNKNOWN }],
      },
      violations: 1,
    },
    {
      name: "a drop whose SourcePortRange is unknown at preview closes nothing",
      type: ROS_STACK,
      props: {
        templateBody: ingresses([ssh({ Priority: 1 }), narrowedDrop({ SourcePortRange: { Ref: "Sp" } })], {
          Sp: { Type: "String" },
        }),
        parameters: [{ parameterKey: "Sp", parameterValue: UNKNOWN }],
      },
      violations: 1,
    },
  ]);
});

describe("disallow-internet-admin-ports-except-bastions: a narrowed ROS drop closes nothing group-wide", () => {
  const stack = stacksNamed("app");
  const network: TemplateResources = {
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
  const separate = (drop: unknown): TemplateResources => ({
    Sg: { Type: "ALIYUN::ECS::SecurityGroup", Properties: { VpcId: { Ref: "Vpc" } } },
    Rules: {
      Type: INGRESSES,
      Properties: { SecurityGroupId: { Ref: "Sg" }, Permissions: [ssh({ Priority: 1 }), drop] },
    },
  });
  const inline = (drop: unknown): TemplateResources => ({
    Sg: {
      Type: "ALIYUN::ECS::SecurityGroup",
      Properties: { VpcId: { Ref: "Vpc" }, SecurityGroupIngress: [ssh({ Priority: 1 }), drop] },
    },
  });
  const rosStack = (resources: TemplateResources) => [stack(ROS_STACK, ros({ ...network, ...resources, Web: web }))];
  stackTable(disallowInternetAdminPortsExceptBastions, [
    ...NARROWINGS.flatMap(([what, narrowing]) => [
      {
        name: `SecurityGroupIngresses: a drop with ${what} leaves SSH open`,
        resources: rosStack(separate(narrowedDrop(narrowing))),
        violations: 1,
        mentions: "app/Web: tcp/22",
      },
      {
        name: `inline entries: a drop with ${what} leaves SSH open`,
        resources: rosStack(inline(narrowedDrop(narrowing))),
        violations: 1,
        mentions: "app/Web: tcp/22",
      },
    ]),
    {
      name: "the plain drop (no destination, no source port) closes SSH",
      resources: rosStack(separate(ssh({ Policy: "drop", Priority: 1 }))),
      violations: 0,
    },
    {
      name: "the plain drop among inline entries closes SSH",
      resources: rosStack(inline(ssh({ Policy: "drop", Priority: 1 }))),
      violations: 0,
    },
  ]);
});
