// ROS IPv6 internet access: an IPv6 gateway (ALIYUN::VPC::Ipv6Gateway) and the internet bandwidth bought on it for
// one address (ALIYUN::VPC::Ipv6InternetBandwidth), as the Pulumi Alicloud provider's, which the network model reads
// to give the instance holding the address a global IPv6 address. The address id is usually read from the instance
// (`Fn::Select` of its `Ipv6AddressIds`), which links the bandwidth to that instance (template-references.ts).
// Instances ask for addresses as the provider's instance does (ros-instance-ipv6.ts);
// ALIYUN::ECS::AssignIpv6Addresses adds some to an instance afterwards (ros-ipv6-assignments.ts).
import { defined, tagMap, Translation } from "./embedded-resource";
import { ROS_IPV6_ASSIGNMENT_TRANSLATIONS } from "./ros-ipv6-assignments";

const ipv6Gateway: Translation = (read) => [
  {
    type: "alicloud:vpc/ipv6Gateway:Ipv6Gateway",
    props: defined({
      vpcId: read("VpcId"),
      ipv6GatewayName: read("Name"),
      spec: read("Spec"),
      tags: tagMap(read("Tags")),
    }),
  },
];

const ipv6InternetBandwidth: Translation = (read) => [
  {
    type: "alicloud:vpc/ipv6InternetBandwidth:Ipv6InternetBandwidth",
    props: defined({
      ipv6AddressId: read("Ipv6AddressId"),
      ipv6GatewayId: read("Ipv6GatewayId"),
      bandwidth: read("Bandwidth"),
      internetChargeType: read("InternetChargeType"),
    }),
  },
];

export const ROS_IPV6_INTERNET_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["ALIYUN::VPC::Ipv6Gateway", ipv6Gateway],
  ["ALIYUN::VPC::Ipv6InternetBandwidth", ipv6InternetBandwidth],
  ...ROS_IPV6_ASSIGNMENT_TRANSLATIONS,
]);
