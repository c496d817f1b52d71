// CloudFormation network plumbing the reachability model needs to place a template's instances on the internet:
// VPCs, subnets, route tables and routes to an internet gateway, elastic IPs and their associations, network ACLs
// and their entries (which the port rules judge too). Field for field onto the Pulumi AWS provider's shapes.
import { isUnknown, obj, UNKNOWN } from "../../../lib/values";
import { defined, tagMap, Translation } from "./embedded-resource";

const vpc: Translation = (read) => [
  {
    type: "aws:ec2/vpc:Vpc",
    props: defined({ cidrBlock: read("CidrBlock"), tags: tagMap(read("Tags")) }),
  },
];

const subnet: Translation = (read) => [
  {
    type: "aws:ec2/subnet:Subnet",
    props: defined({
      vpcId: read("VpcId"),
      cidrBlock: read("CidrBlock"),
      mapPublicIpOnLaunch: read("MapPublicIpOnLaunch"),
      assignIpv6AddressOnCreation: read("AssignIpv6AddressOnCreation"),
      ipv6Native: read("Ipv6Native"),
      tags: tagMap(read("Tags")),
    }),
  },
];

const internetGateway: Translation = (read) => [
  { type: "aws:ec2/internetGateway:InternetGateway", props: defined({ tags: tagMap(read("Tags")) }) },
];

/** Attaches an internet gateway (or a VPN gateway, which the model does not read) to a VPC. */
const gatewayAttachment: Translation = (read) =>
  read("InternetGatewayId") === undefined
    ? []
    : [
        {
          type: "aws:ec2/internetGatewayAttachment:InternetGatewayAttachment",
          props: defined({ internetGatewayId: read("InternetGatewayId"), vpcId: read("VpcId") }),
        },
      ];

const routeTable: Translation = (read) => [
  { type: "aws:ec2/routeTable:RouteTable", props: defined({ vpcId: read("VpcId"), tags: tagMap(read("Tags")) }) },
];

const route: Translation = (read) => [
  {
    type: "aws:ec2/route:Route",
    props: defined({
      routeTableId: read("RouteTableId"),
      destinationCidrBlock: read("DestinationCidrBlock"),
      destinationIpv6CidrBlock: read("DestinationIpv6CidrBlock"),
      destinationPrefixListId: read("DestinationPrefixListId"),
      gatewayId: read("GatewayId"),
      egressOnlyGatewayId: read("EgressOnlyInternetGatewayId"),
      natGatewayId: read("NatGatewayId"),
    }),
  },
];

const subnetRouteTable: Translation = (read) => [
  {
    type: "aws:ec2/routeTableAssociation:RouteTableAssociation",
    props: defined({ subnetId: read("SubnetId"), routeTableId: read("RouteTableId") }),
  },
];

/** An EIP names its instance itself (`InstanceId`) or through an `EIPAssociation`. */
const eip: Translation = (read) => [
  {
    type: "aws:ec2/eip:Eip",
    props: defined({ instance: read("InstanceId"), domain: read("Domain"), tags: tagMap(read("Tags")) }),
  },
];

/**
 * `AllocationId` names the address by allocation id, `EIP` by the address (`Ref` of an EIP gives its address): both
 * are a reference to the EIP resource, which the model links by the id the EIP carries.
 */
const eipAssociation: Translation = (read) => [
  {
    type: "aws:ec2/eipAssociation:EipAssociation",
    props: defined({
      allocationId: read("AllocationId") ?? read("EIP"),
      instanceId: read("InstanceId"),
      networkInterfaceId: read("NetworkInterfaceId"),
    }),
  },
];

const networkAcl: Translation = (read) => [
  { type: "aws:ec2/networkAcl:NetworkAcl", props: defined({ vpcId: read("VpcId"), tags: tagMap(read("Tags")) }) },
];

/** `PortRange: { From, To }`; unknown as a whole, both ends are. */
function portEnd(range: unknown, end: "From" | "To"): unknown {
  if (range === undefined) return undefined;
  return isUnknown(range) ? UNKNOWN : obj(range)?.[end];
}

const networkAclEntry: Translation = (read) => {
  const range = read("PortRange");
  return [
    {
      type: "aws:ec2/networkAclRule:NetworkAclRule",
      props: defined({
        networkAclId: read("NetworkAclId"),
        ruleNumber: read("RuleNumber"),
        egress: read("Egress"),
        protocol: read("Protocol"),
        ruleAction: read("RuleAction"),
        cidrBlock: read("CidrBlock"),
        ipv6CidrBlock: read("Ipv6CidrBlock"),
        fromPort: portEnd(range, "From"),
        toPort: portEnd(range, "To"),
      }),
    },
  ];
};

const naclAssociation: Translation = (read) => [
  {
    type: "aws:ec2/networkAclAssociation:NetworkAclAssociation",
    props: defined({ subnetId: read("SubnetId"), networkAclId: read("NetworkAclId") }),
  },
];

export const AWS_NETWORK_TRANSLATIONS: ReadonlyMap<string, Translation> = new Map([
  ["AWS::EC2::VPC", vpc],
  ["AWS::EC2::Subnet", subnet],
  ["AWS::EC2::InternetGateway", internetGateway],
  ["AWS::EC2::VPCGatewayAttachment", gatewayAttachment],
  ["AWS::EC2::RouteTable", routeTable],
  ["AWS::EC2::Route", route],
  ["AWS::EC2::SubnetRouteTableAssociation", subnetRouteTable],
  ["AWS::EC2::EIP", eip],
  ["AWS::EC2::EIPAssociation", eipAssociation],
  ["AWS::EC2::NetworkAcl", networkAcl],
  ["AWS::EC2::NetworkAclEntry", networkAclEntry],
  ["AWS::EC2::SubnetNetworkAclAssociation", naclAssociation],
]);
