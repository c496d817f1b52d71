// ROS instances take IPv6 addresses (Ipv6AddressCount, Ipv6Addresses) as the program's ecs.Instance does, and an
// ALIYUN::VPC::Ipv6InternetBandwidth bought for an address read from an instance (`Fn::Select` of its
// Ipv6AddressIds) makes it reachable from the internet over IPv6: an admin port open to ::/0 on it is reported.
import { disallowInternetAdminPortsExceptBastions } from "../../policies/stack/disallow-internet-admin-ports-except-bastions";
import { urnOf } from "./harness";
import { stackTable } from "./stack-table";
import { ros, stacksNamed } from "./template-bodies";
import { ROS_STACK, ROS_STACK_GROUP, TemplateResources } from "./templates-fixtures";

const stack = stacksNamed("app");

const NETWORK: TemplateResources = {
  Vpc: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.0.0.0/16", EnableIpv6: true } },
  Vsw: { Type: "ALIYUN::ECS::VSwitch", Properties: { VpcId: { Ref: "Vpc" }, CidrBlock: "10.0.1.0/24" } },
  Gw: { Type: "ALIYUN::VPC::Ipv6Gateway", Properties: { VpcId: { Ref: "Vpc" } } },
};

/** A group admitting SSH from `source` over IPv6 only. */
const group = (source: string) => ({
  Type: "ALIYUN::ECS::SecurityGroup",
  Properties: {
    VpcId: { Ref: "Vpc" },
    SecurityGroupIngress: [{ IpProtocol: "tcp", PortRange: "22/22", Ipv6SourceCidrIp: source }],
  },
});

/** An instance of `type` without a public IPv4 address, behind WebSg. */
const web = (ipv6: Record<string, unknown>, type = "ALIYUN::ECS::Instance") => ({
  Type: type,
  Properties: {
    ImageId: "ubuntu",
    VpcId: { Ref: "Vpc" },
    VSwitchId: { Ref: "Vsw" },
    SecurityGroupId: { Ref: "WebSg" },
    AllocatePublicIP: false,
    ...ipv6,
  },
});

/** Internet bandwidth on the gateway for the address `address` names. */
const bandwidth = (address: unknown) => ({
  Type: "ALIYUN::VPC::Ipv6InternetBandwidth",
  Properties: { Ipv6AddressId: address, Ipv6GatewayId: { Ref: "Gw" }, Bandwidth: 5 },
});

const FIRST_ADDRESS = { "Fn::Select": ["0", { "Fn::GetAtt": ["Web", "Ipv6AddressIds"] }] };
/** An instance group's Ipv6AddressIds lists each instance's list. */
const GROUP_FIRST_ADDRESS = { "Fn::Select": ["0", FIRST_ADDRESS] };

const body = (resources: TemplateResources, extra: Record<string, unknown> = {}) =>
  ros({ ...NETWORK, ...resources }, extra);

/** The first address of the first instance of a group (its Ipv6AddressIds lists each instance's list). */
const groupFirstAddress = (logicalId: string) => ({
  "Fn::Select": ["0", { "Fn::Select": ["0", { "Fn::GetAtt": [logicalId, "Ipv6AddressIds"] }] }],
});

/** A clone of an instance outside the template, behind WebSg, asking for `ipv6`. */
const clone = (ipv6: Record<string, unknown>) => ({
  Type: "ALIYUN::ECS::InstanceGroupClone",
  Properties: { SourceInstanceId: "i-source", MaxAmount: 2, SecurityGroupId: { Ref: "WebSg" }, ...ipv6 },
});

/** Addresses (`ipv6`) assigned to the interface `eni` names. */
const assign = (eni: unknown, ipv6: Record<string, unknown> = { Ipv6AddressCount: 1 }) => ({
  Type: "ALIYUN::ECS::AssignIpv6Addresses",
  Properties: { NetworkInterfaceId: eni, ...ipv6 },
});

const primaryInterface = (logicalId: string) => ({ "Fn::GetAtt": [logicalId, "PrimaryNetworkInterfaceId"] });
const ASSIGNED_ADDRESS = { "Fn::Select": ["0", { "Fn::GetAtt": ["Assign", "Ipv6AddressIds"] }] };

describe("disallow-internet-admin-ports-except-bastions reads ROS IPv6 internet bandwidth", () => {
  stackTable(disallowInternetAdminPortsExceptBastions, [
    // Known bad.
    {
      name: "SSH from ::/0 to an instance given an IPv6 address with internet bandwidth",
      resources: [
        stack(
          ROS_STACK,
          body({ WebSg: group("::/0"), Web: web({ Ipv6AddressCount: 1 }), Bw: bandwidth(FIRST_ADDRESS) }),
        ),
      ],
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::Instance)",
      urn: urnOf(ROS_STACK, "app"),
    },
    {
      name: "the address given as Ipv6Addresses, on a stack group",
      resources: [
        stack(
          ROS_STACK_GROUP,
          body({ WebSg: group("::/0"), Web: web({ Ipv6Addresses: ["2408:4000::10"] }), Bw: bandwidth(FIRST_ADDRESS) }),
        ),
      ],
      violations: 1,
    },
    {
      name: "an instance group's first instance's address",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Web: web({ Ipv6AddressCount: 1, MaxAmount: 2 }, "ALIYUN::ECS::InstanceGroup"),
            Bw: bandwidth(GROUP_FIRST_ADDRESS),
          }),
        ),
      ],
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::InstanceGroup)",
    },
    {
      name: "an address id from a parameter without a value, linked to nothing: a note (was: nothing)",
      resources: [
        stack(
          ROS_STACK,
          body(
            { WebSg: group("::/0"), Web: web({ Ipv6AddressCount: 1 }), Bw: bandwidth({ Ref: "Addr" }) },
            { Parameters: { Addr: { Type: "String" } } },
          ),
        ),
      ],
      violations: 0,
      notes: 1,
    },
    // Known good.
    {
      name: "an address id from a parameter whose default names nothing in the template stays outside",
      resources: [
        stack(
          ROS_STACK,
          body(
            { WebSg: group("::/0"), Web: web({ Ipv6AddressCount: 1 }), Bw: bandwidth({ Ref: "Addr" }) },
            { Parameters: { Addr: { Type: "String", Default: "ipv6-bp1outside" } } },
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "an address id from a parameter without a value, the instance asking for no IPv6 address",
      resources: [
        stack(
          ROS_STACK,
          body(
            { WebSg: group("::/0"), Web: web({}), Bw: bandwidth({ Ref: "Addr" }) },
            { Parameters: { Addr: { Type: "String" } } },
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "its twin admitting only a unique local block (fd00::/8)",
      resources: [
        stack(
          ROS_STACK,
          body({ WebSg: group("fd00::/8"), Web: web({ Ipv6AddressCount: 1 }), Bw: bandwidth(FIRST_ADDRESS) }),
        ),
      ],
      violations: 0,
    },
    {
      name: "an IPv6 address without internet bandwidth stays inside the VPC",
      resources: [stack(ROS_STACK, body({ WebSg: group("::/0"), Web: web({ Ipv6AddressCount: 1 }) }))],
      violations: 0,
    },
    {
      name: "bandwidth for an address read from another instance",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Web: web({ Ipv6AddressCount: 1 }),
            Other: { Type: "ALIYUN::ECS::Instance", Properties: { ImageId: "ubuntu", AllocatePublicIP: false } },
            Bw: bandwidth({ "Fn::Select": ["0", { "Fn::GetAtt": ["Other", "Ipv6AddressIds"] }] }),
          }),
        ),
      ],
      violations: 0,
    },
  ]);
});

const ENI_PARAMETER = { Parameters: { Eni: { Type: "String" } } };

/** Interfaces the template cannot tell, with the Web they sit beside and what else the template declares. */
interface Unresolved {
  name: string;
  eni: unknown;
  web?: ReturnType<typeof web>;
  more?: TemplateResources;
  extra?: Record<string, unknown>;
}

const unresolvedInterfaces: Unresolved[] = [
  { name: "an interface from a parameter without a value", eni: { Ref: "Eni" }, extra: ENI_PARAMETER },
  { name: "no interface", eni: undefined },
  {
    name: "a subscription instance's primary interface",
    eni: primaryInterface("Web"),
    web: web({}, "ALIYUN::ECS::PrepayInstance"),
  },
  {
    name: "an instance group's primary interface",
    eni: primaryInterface("Web"),
    web: web({}, "ALIYUN::ECS::InstanceGroup"),
  },
  {
    name: "an instance clone's primary interface",
    eni: primaryInterface("Clone"),
    more: { Clone: { Type: "ALIYUN::ECS::InstanceClone", Properties: { SourceInstanceId: "i-source" } } },
  },
  { name: "a missing resource's primary interface", eni: primaryInterface("Nowhere") },
  {
    name: "an ENI of the template, which may be attached to Web",
    eni: { Ref: "Nic" },
    more: {
      Nic: {
        Type: "ALIYUN::ECS::NetworkInterface",
        Properties: { VSwitchId: { Ref: "Vsw" }, SecurityGroupId: { Ref: "WebSg" } },
      },
    },
  },
];

describe("disallow-internet-admin-ports-except-bastions reads IPv6 addresses of ROS clones and assignments", () => {
  stackTable(disallowInternetAdminPortsExceptBastions, [
    // Known bad.
    {
      name: "an instance group clone asking for an IPv6 address with internet bandwidth, SSH open to ::/0",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Clone: clone({ Ipv6AddressCount: 1 }),
            Bw: bandwidth(groupFirstAddress("Clone")),
          }),
        ),
      ],
      violations: 1,
      mentions: "template resource Clone (ALIYUN::ECS::InstanceGroupClone)",
      urn: urnOf(ROS_STACK, "app"),
    },
    {
      name: "the clone's addresses given as Ipv6Addresses, its group in SecurityGroupIds",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Clone: {
              Type: "ALIYUN::ECS::InstanceGroupClone",
              Properties: {
                SourceInstanceId: "i-source",
                MaxAmount: 1,
                SecurityGroupIds: [{ Ref: "WebSg" }],
                Ipv6Addresses: ["2408:4000::10"],
              },
            },
            Bw: bandwidth(groupFirstAddress("Clone")),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "the clone's count from a parameter's default",
      resources: [
        stack(
          ROS_STACK,
          body(
            {
              WebSg: group("::/0"),
              Clone: clone({ Ipv6AddressCount: { Ref: "Count" } }),
              Bw: bandwidth(groupFirstAddress("Clone")),
            },
            { Parameters: { Count: { Type: "Number", Default: 1 } } },
          ),
        ),
      ],
      violations: 1,
    },
    {
      name: "an address assigned (AssignIpv6Addresses) to an instance's primary interface, with internet bandwidth",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Web: web({}),
            Assign: assign(primaryInterface("Web")),
            Bw: bandwidth(ASSIGNED_ADDRESS),
          }),
        ),
      ],
      violations: 1,
      mentions: "template resource Web (ALIYUN::ECS::Instance)",
      urn: urnOf(ROS_STACK, "app"),
    },
    {
      name: "the assigned address given as Ipv6Addresses, on a stack group",
      resources: [
        stack(
          ROS_STACK_GROUP,
          body({
            WebSg: group("::/0"),
            Web: web({}),
            Assign: assign(primaryInterface("Web"), { Ipv6Addresses: ["2408:4000::20"] }),
            Bw: bandwidth(ASSIGNED_ADDRESS),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "an address assigned beside the one the instance asks for at launch",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Web: web({ Ipv6AddressCount: 1 }),
            Assign: assign(primaryInterface("Web")),
            Bw: bandwidth(ASSIGNED_ADDRESS),
          }),
        ),
      ],
      violations: 1,
    },
    {
      name: "the assigned count from a parameter without a value may be any count",
      resources: [
        stack(
          ROS_STACK,
          body(
            {
              WebSg: group("::/0"),
              Web: web({}),
              Assign: assign(primaryInterface("Web"), { Ipv6AddressCount: { Ref: "Count" } }),
              Bw: bandwidth(ASSIGNED_ADDRESS),
            },
            { Parameters: { Count: { Type: "Number" } } },
          ),
        ),
      ],
      violations: 1,
    },
    // An interface the template cannot tell may be any instance's: the address may be Web's, a note.
    ...unresolvedInterfaces.map((u) => ({
      name: `an address assigned to ${u.name}, Web asking for no IPv6 address: a note (was: nothing)`,
      resources: [
        stack(
          ROS_STACK,
          body(
            {
              WebSg: group("::/0"),
              Web: u.web ?? web({}),
              ...u.more,
              Assign: assign(u.eni),
              Bw: bandwidth(ASSIGNED_ADDRESS),
            },
            u.extra,
          ),
        ),
      ],
      violations: 0,
      notes: 1,
    })),
    // Known good.
    {
      name: "an address assigned to an interface from a parameter without a value, bandwidth on another VPC's gateway",
      resources: [
        stack(
          ROS_STACK,
          body(
            {
              WebSg: group("::/0"),
              Web: web({}),
              Assign: assign({ Ref: "Eni" }),
              Vpc2: { Type: "ALIYUN::ECS::VPC", Properties: { CidrBlock: "10.1.0.0/16", EnableIpv6: true } },
              Gw2: { Type: "ALIYUN::VPC::Ipv6Gateway", Properties: { VpcId: { Ref: "Vpc2" } } },
              Bw: {
                Type: "ALIYUN::VPC::Ipv6InternetBandwidth",
                Properties: { Ipv6AddressId: ASSIGNED_ADDRESS, Ipv6GatewayId: { Ref: "Gw2" }, Bandwidth: 5 },
              },
            },
            ENI_PARAMETER,
          ),
        ),
      ],
      violations: 0,
    },
    {
      name: "that assignment without internet bandwidth",
      resources: [
        stack(ROS_STACK, body({ WebSg: group("::/0"), Web: web({}), Assign: assign({ Ref: "Eni" }) }, ENI_PARAMETER)),
      ],
      violations: 0,
    },
    {
      name: "the clone's twin without internet bandwidth",
      resources: [stack(ROS_STACK, body({ WebSg: group("::/0"), Clone: clone({ Ipv6AddressCount: 1 }) }))],
      violations: 0,
    },
    {
      name: "the clone's twin admitting only a unique local block (fd00::/8)",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("fd00::/8"),
            Clone: clone({ Ipv6AddressCount: 1 }),
            Bw: bandwidth(groupFirstAddress("Clone")),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "the assignment's twin without internet bandwidth",
      resources: [
        stack(ROS_STACK, body({ WebSg: group("::/0"), Web: web({}), Assign: assign(primaryInterface("Web")) })),
      ],
      violations: 0,
    },
    {
      name: "the assignment's twin admitting only a unique local block (fd00::/8)",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("fd00::/8"),
            Web: web({}),
            Assign: assign(primaryInterface("Web")),
            Bw: bandwidth(ASSIGNED_ADDRESS),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "bandwidth for an address assigned to another instance, whose groups admit nothing",
      resources: [
        stack(
          ROS_STACK,
          body({
            WebSg: group("::/0"),
            Web: web({}),
            Other: { Type: "ALIYUN::ECS::Instance", Properties: { ImageId: "ubuntu", AllocatePublicIP: false } },
            Assign: assign(primaryInterface("Other")),
            Bw: bandwidth(ASSIGNED_ADDRESS),
          }),
        ),
      ],
      violations: 0,
    },
    {
      name: "an address assigned to an interface outside the template",
      resources: [
        stack(
          ROS_STACK,
          body({ WebSg: group("::/0"), Web: web({}), Assign: assign("eni-outside"), Bw: bandwidth(ASSIGNED_ADDRESS) }),
        ),
      ],
      violations: 0,
    },
  ]);
});
