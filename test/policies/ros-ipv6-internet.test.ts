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

const body = (resources: TemplateResources) => ros({ ...NETWORK, ...resources });

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
    // Known good.
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
