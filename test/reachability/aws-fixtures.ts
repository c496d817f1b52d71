// Small AWS topologies shared by the reachability tests.
import { GenericResource } from "../../lib/reachability";
import { StackBuilder, ref } from "./stack-builder";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  subnet: "aws:ec2/subnet:Subnet",
  igw: "aws:ec2/internetGateway:InternetGateway",
  eigw: "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway",
  nat: "aws:ec2/natGateway:NatGateway",
  rtb: "aws:ec2/routeTable:RouteTable",
  route: "aws:ec2/route:Route",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  nacl: "aws:ec2/networkAcl:NetworkAcl",
  naclRule: "aws:ec2/networkAclRule:NetworkAclRule",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  sgRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  prefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
  prefixListEntry: "aws:ec2/managedPrefixListEntry:ManagedPrefixListEntry",
  instance: "aws:ec2/instance:Instance",
  eip: "aws:ec2/eip:Eip",
  eipAssoc: "aws:ec2/eipAssociation:EipAssociation",
  lt: "aws:ec2/launchTemplate:LaunchTemplate",
  asg: "aws:autoscaling/group:Group",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  tg: "aws:lb/targetGroup:TargetGroup",
  tga: "aws:lb/targetGroupAttachment:TargetGroupAttachment",
  rds: "aws:rds/instance:Instance",
  rdsSubnets: "aws:rds/subnetGroup:SubnetGroup",
  flowLog: "aws:ec2/flowLog:FlowLog",
  logGroup: "aws:cloudwatch/logGroup:LogGroup",
  trail: "aws:cloudtrail/trail:Trail",
  waf: "aws:wafv2/webAclAssociation:WebAclAssociation",
  lightsail: "aws:lightsail/instance:Instance",
  lightsailPorts: "aws:lightsail/instancePublicPorts:InstancePublicPorts",
};

export interface Vpc {
  vpc: GenericResource;
  igw: GenericResource;
  publicRtb: GenericResource;
  publicSubnet: GenericResource;
  privateRtb: GenericResource;
  privateSubnet: GenericResource;
}

/** A VPC with a public subnet (0.0.0.0/0 and ::/0 → igw, separate Route resources) and a private one (→ NAT). */
export function vpcWithSubnets(b: StackBuilder, opts: { ipv6?: boolean } = {}): Vpc {
  const vpc = b.add(T.vpc, "main", { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: opts.ipv6 ?? false });
  const igw = b.add(T.igw, "igw", { vpcId: ref(vpc) });
  const publicRtb = b.add(T.rtb, "public", { vpcId: ref(vpc) });
  b.add(T.route, "public-default", {
    routeTableId: ref(publicRtb),
    destinationCidrBlock: "0.0.0.0/0",
    gatewayId: ref(igw),
  });
  if (opts.ipv6)
    b.add(T.route, "public-default-v6", {
      routeTableId: ref(publicRtb),
      destinationIpv6CidrBlock: "::/0",
      gatewayId: ref(igw),
    });
  const publicSubnet = b.add(T.subnet, "public-a", {
    vpcId: ref(vpc),
    cidrBlock: "10.0.0.0/24",
    mapPublicIpOnLaunch: false,
    assignIpv6AddressOnCreation: opts.ipv6 ?? false,
  });
  b.add(T.rta, "public-a", { subnetId: ref(publicSubnet), routeTableId: ref(publicRtb) });
  const natSubnetEip = b.add(T.eip, "nat-ip", { domain: "vpc" });
  const nat = b.add(T.nat, "nat", { subnetId: ref(publicSubnet), allocationId: ref(natSubnetEip) });
  // Inline route form on the private table.
  const privateRtb = b.add(T.rtb, "private", {
    vpcId: ref(vpc),
    routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: ref(nat) }],
  });
  const privateSubnet = b.add(T.subnet, "private-a", { vpcId: ref(vpc), cidrBlock: "10.0.1.0/24" });
  b.add(T.rta, "private-a", { subnetId: ref(privateSubnet), routeTableId: ref(privateRtb) });
  return { vpc, igw, publicRtb, publicSubnet, privateRtb, privateSubnet };
}

export function sshFromAnywhere(b: StackBuilder, v: Vpc, name = "web") {
  return b.add(T.sg, name, {
    vpcId: ref(v.vpc),
    ingress: [
      { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] },
      { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] },
    ],
  });
}

/** A Lightsail instance as a preview sees it: a known name, an Ubuntu blueprint unless `inputs` says otherwise. */
export function lightsailInstance(b: StackBuilder, name = "web", inputs: Record<string, unknown> = {}) {
  return b.add(T.lightsail, name, {
    name,
    availabilityZone: "us-east-1a",
    blueprintId: "ubuntu_22_04",
    bundleId: "small_3_0",
    ...inputs,
  });
}
