// An internet-facing ALB in a public subnet, its security group and HTTPS listener, as a preview sends them (every
// reference unknown, linked by property dependencies): the stack the require-waf-on-internet-endpoints tables put
// behind a CloudFront distribution.
import { StackInput, UNKNOWN, urnOf } from "./harness";

export const T = {
  vpc: "aws:ec2/vpc:Vpc",
  igw: "aws:ec2/internetGateway:InternetGateway",
  rtb: "aws:ec2/routeTable:RouteTable",
  subnet: "aws:ec2/subnet:Subnet",
  rta: "aws:ec2/routeTableAssociation:RouteTableAssociation",
  nacl: "aws:ec2/networkAcl:NetworkAcl",
  sg: "aws:ec2/securityGroup:SecurityGroup",
  ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
  lb: "aws:lb/loadBalancer:LoadBalancer",
  listener: "aws:lb/listener:Listener",
  tg: "aws:lb/targetGroup:TargetGroup",
};
export const albUrn = urnOf(T.lb, "web");
export const sgUrn = urnOf(T.sg, "web");
const vpcUrn = urnOf(T.vpc, "app");
/** CloudFront's origin-facing list in eu-central-1, as the lookup answers it: an id outside the stack. */
export const CLOUDFRONT_LIST = "pl-a3a144ca";
export const ALB_HOST = "web-1234567890.eu-central-1.elb.amazonaws.com";
export const AROUND = "reachable around the CloudFront distribution in front of it";

/** A VPC whose subnet routes 0.0.0.0/0 and ::/0 to an internet gateway. */
const publicNetwork: StackInput[] = [
  { type: T.vpc, name: "app", props: { cidrBlock: "10.0.0.0/16", assignGeneratedIpv6CidrBlock: true } },
  { type: T.igw, name: "igw", props: { vpcId: UNKNOWN }, propertyDependencies: { vpcId: [vpcUrn] } },
  {
    type: T.rtb,
    name: "public",
    props: {
      vpcId: UNKNOWN,
      routes: [
        { cidrBlock: "0.0.0.0/0", gatewayId: UNKNOWN },
        { ipv6CidrBlock: "::/0", gatewayId: UNKNOWN },
      ],
    },
    propertyDependencies: { vpcId: [vpcUrn], routes: [urnOf(T.igw, "igw")] },
  },
  {
    type: T.subnet,
    name: "public-a",
    props: { vpcId: UNKNOWN, cidrBlock: "10.0.0.0/24" },
    propertyDependencies: { vpcId: [vpcUrn] },
  },
  {
    type: T.rta,
    name: "public-a",
    props: { subnetId: UNKNOWN, routeTableId: UNKNOWN },
    propertyDependencies: { subnetId: [urnOf(T.subnet, "public-a")], routeTableId: [urnOf(T.rtb, "public")] },
  },
];

export const tcp443 = { protocol: "tcp", fromPort: 443, toPort: 443 };
/** The lock: HTTPS from CloudFront's origin-facing list only. */
export const inlineList = { ...tcp443, prefixListIds: [CLOUDFRONT_LIST] };

/** The ALB's group; `ingress` its inline rules. */
const group = (ingress: unknown[] = []): StackInput => ({
  type: T.sg,
  name: "web",
  props: {
    vpcId: UNKNOWN,
    description: "web ALB",
    ingress,
    // Egress to anywhere lets nothing in.
    egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
  },
  propertyDependencies: { vpcId: [vpcUrn] },
});

/** A separate rule on the ALB's group, HTTPS unless `props` says otherwise. */
export const rule = (name: string, props: Record<string, unknown>): StackInput => ({
  type: T.ingress,
  name,
  props: { securityGroupId: UNKNOWN, ipProtocol: "tcp", fromPort: 443, toPort: 443, ...props },
  propertyDependencies: { securityGroupId: [sgUrn] },
});

/**
 * The internet-facing ALB `web` with one HTTPS listener on 443 forwarding to a target group; `groupDeps` what its
 * securityGroups flowed from.
 */
const alb = (props: Record<string, unknown>, groupDeps: string[]): StackInput[] => [
  {
    type: T.lb,
    name: "web",
    props: {
      loadBalancerType: "application",
      internal: false,
      subnets: [UNKNOWN],
      securityGroups: [UNKNOWN],
      ...props,
    },
    propertyDependencies: { subnets: [urnOf(T.subnet, "public-a")], securityGroups: groupDeps },
  },
  {
    type: T.tg,
    name: "web",
    props: { vpcId: UNKNOWN, port: 8080, protocol: "HTTP" },
    propertyDependencies: { vpcId: [vpcUrn] },
  },
  {
    type: T.listener,
    name: "web-443",
    props: {
      loadBalancerArn: UNKNOWN,
      port: 443,
      protocol: "HTTPS",
      defaultActions: [{ type: "forward", targetGroupArn: UNKNOWN }],
    },
    propertyDependencies: { loadBalancerArn: [albUrn], defaultActions: [urnOf(T.tg, "web")] },
  },
];

/** The whole stack: network, the ALB `web` (extra inputs `lb`) with its group's inline `ingress`, then `more`. */
export const albStack = (
  ingress: unknown[],
  more: StackInput[],
  lb: Record<string, unknown> = {},
  groupDeps = [sgUrn],
): StackInput[] => [...publicNetwork, group(ingress), ...alb(lb, groupDeps), ...more];
