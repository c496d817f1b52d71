// Small Alibaba Cloud topologies shared by the reachability tests.
import { GenericResource } from "../../lib/reachability";
import { StackBuilder, ref } from "./stack-builder";

export const A = {
  vpc: "alicloud:vpc/network:Network",
  vswitch: "alicloud:vpc/switch:Switch",
  sg: "alicloud:ecs/securityGroup:SecurityGroup",
  rule: "alicloud:ecs/securityGroupRule:SecurityGroupRule",
  instance: "alicloud:ecs/instance:Instance",
  eip: "alicloud:ecs/eipAddress:EipAddress",
  eipAssoc: "alicloud:ecs/eipAssociation:EipAssociation",
  nat: "alicloud:vpc/natGateway:NatGateway",
  dnat: "alicloud:vpc/forwardEntry:ForwardEntry",
  acl: "alicloud:vpc/networkAcl:NetworkAcl",
  slb: "alicloud:slb/loadBalancer:LoadBalancer",
  slbListener: "alicloud:slb/listener:Listener",
  slbBackends: "alicloud:slb/backendServer:BackendServer",
  alb: "alicloud:alb/loadBalancer:LoadBalancer",
  albListener: "alicloud:alb/listener:Listener",
  albGroup: "alicloud:alb/serverGroup:ServerGroup",
  rds: "alicloud:rds/instance:Instance",
  rdsConnection: "alicloud:rds/connection:Connection",
  flowLog: "alicloud:vpc/flowLog:FlowLog",
  logStore: "alicloud:log/store:Store",
  trail: "alicloud:actiontrail/trail:Trail",
  wafDomain: "alicloud:wafv3/domain:Domain",
};

export interface AliNet {
  vpc: GenericResource;
  vswitch: GenericResource;
  sg: GenericResource;
}

export function aliNetwork(b: StackBuilder, sgName = "web"): AliNet {
  const vpc = b.add(A.vpc, "vpc", { cidrBlock: "172.16.0.0/16" });
  const vswitch = b.add(A.vswitch, "vsw", { vpcId: ref(vpc), cidrBlock: "172.16.0.0/24", zoneId: "cn-hangzhou-h" });
  const sg = b.add(A.sg, sgName, { vpcId: ref(vpc) });
  return { vpc, vswitch, sg };
}

export function rule(b: StackBuilder, sg: GenericResource, name: string, inputs: Record<string, unknown>) {
  return b.add(A.rule, name, { type: "ingress", ipProtocol: "tcp", securityGroupId: ref(sg), ...inputs });
}

export const ALI_LISTS = {
  ecs: "alicloud:ecs/ecsPrefixList:EcsPrefixList",
  vpc: "alicloud:vpc/prefixList:PrefixList",
};

/** An ECS prefix list holding `cidrs` (any of which may be unknown); `inputs` override the defaults. */
export function ecsPrefixList(b: StackBuilder, name: string, cidrs: unknown[], inputs: Record<string, unknown> = {}) {
  return b.add(ALI_LISTS.ecs, name, {
    prefixListName: name,
    addressFamily: "IPv4",
    maxEntries: 10,
    entries: cidrs.map((cidr) => ({ cidr, description: "x" })),
    ...inputs,
  });
}
