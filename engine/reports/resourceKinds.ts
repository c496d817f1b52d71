// What a planned resource is on a network diagram, by provider type token (both clouds).
import type { PlannedResource } from "../model";

export type NodeKind = "vpc" | "subnet" | "gateway" | "loadBalancer" | "database" | "instance" | "waf";

const KINDS: Record<string, NodeKind> = {
  "aws:ec2/vpc:Vpc": "vpc",
  "alicloud:vpc/network:Network": "vpc",
  "aws:ec2/subnet:Subnet": "subnet",
  "alicloud:vpc/switch:Switch": "subnet",
  "aws:ec2/internetGateway:InternetGateway": "gateway",
  "aws:ec2/egressOnlyInternetGateway:EgressOnlyInternetGateway": "gateway",
  "aws:ec2/natGateway:NatGateway": "gateway",
  "aws:ec2/transitGateway:TransitGateway": "gateway",
  "alicloud:vpc/natGateway:NatGateway": "gateway",
  "alicloud:vpc/ipv6Gateway:Ipv6Gateway": "gateway",
  "aws:lb/loadBalancer:LoadBalancer": "loadBalancer",
  "aws:alb/loadBalancer:LoadBalancer": "loadBalancer",
  "aws:elb/loadBalancer:LoadBalancer": "loadBalancer",
  "alicloud:slb/applicationLoadBalancer:ApplicationLoadBalancer": "loadBalancer",
  "alicloud:slb/loadBalancer:LoadBalancer": "loadBalancer",
  "alicloud:alb/loadBalancer:LoadBalancer": "loadBalancer",
  "alicloud:nlb/loadBalancer:LoadBalancer": "loadBalancer",
  "aws:globalaccelerator/accelerator:Accelerator": "loadBalancer",
  "alicloud:ga/accelerator:Accelerator": "loadBalancer",
  "aws:rds/instance:Instance": "database",
  "aws:rds/cluster:Cluster": "database",
  "aws:elasticache/cluster:Cluster": "database",
  "aws:elasticache/replicationGroup:ReplicationGroup": "database",
  "aws:docdb/cluster:Cluster": "database",
  "alicloud:rds/instance:Instance": "database",
  "alicloud:polardb/cluster:Cluster": "database",
  "alicloud:kvstore/instance:Instance": "database",
  "alicloud:mongodb/instance:Instance": "database",
  "aws:ec2/instance:Instance": "instance",
  "aws:autoscaling/group:Group": "instance",
  "alicloud:ecs/instance:Instance": "instance",
  "alicloud:ess/scalingGroup:ScalingGroup": "instance",
  "aws:wafv2/webAcl:WebAcl": "waf",
  "alicloud:waf/instance:Instance": "waf",
  "alicloud:wafv3/instance:Instance": "waf",
};

export function nodeKind(type: string): NodeKind | undefined {
  return KINDS[type];
}

/** Short human label of a type token: "alicloud:ecs/instance:Instance" → "ecs Instance". */
export function shortType(type: string): string {
  const [, module = "", member = type] = /^[^:]+:([^/:]+)(?:\/[^:]*)?:(.+)$/.exec(type) ?? [];
  return module ? `${module} ${member}` : type;
}

/**
 * A bastion is named or tagged so, or declared inside a component whose type says so (the kit's Bastion component).
 * `parentTypes` lists the types of the resource's ancestors.
 */
export function isBastion(resource: PlannedResource, parentTypes: string[]): boolean {
  const tags = resource.inputs.tags;
  const tagText = tags && typeof tags === "object" ? Object.entries(tags).join(" ") : "";
  return [resource.name, tagText, ...parentTypes].some((text) => /bastion|jump-?host/i.test(text));
}
