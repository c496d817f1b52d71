// Pieces the balancer protocol tests share: Alibaba Cloud NLB types, rule builders for both clouds, and the rows
// the model gives a resource, reduced to what the tests compare.
import { buildNetworkModel, internetExposures, type Exposure, type GenericResource } from "../../lib/reachability";
import { StackBuilder } from "./stack-builder";

export const ALI_NLB = {
  lb: "alicloud:nlb/loadBalancer:LoadBalancer",
  listener: "alicloud:nlb/listener:Listener",
  group: "alicloud:nlb/serverGroup:ServerGroup",
  attachment: "alicloud:nlb/serverGroupServerAttachment:ServerGroupServerAttachment",
  sgAttachment: "alicloud:nlb/loadBalancerSecurityGroupAttachment:LoadBalancerSecurityGroupAttachment",
};

export const ANY = { cidrBlocks: ["0.0.0.0/0"] };

/** One AWS inline rule: `protocol` on from-to (a single port when `to` is absent) from `sources`. */
export const awsRule = (
  protocol: unknown,
  from: unknown,
  to: unknown = from,
  sources: Record<string, unknown> = ANY,
) => ({
  protocol,
  fromPort: from,
  toPort: to,
  ...sources,
});

/** An Alibaba Cloud rule admitting `ipProtocol` on `portRange` from the VPC (the balancer's own addresses). */
export const fromVpc = (ipProtocol: unknown, portRange: unknown, more: Record<string, unknown> = {}) => ({
  ipProtocol,
  portRange,
  cidrIp: "172.16.0.0/16",
  ...more,
});

/** Fills a security group's rules. */
export type AliRules = (b: StackBuilder, sg: GenericResource) => void;

/** The internet rows of resource `r`. */
export const rowsOf = (b: StackBuilder, r: GenericResource): Exposure[] =>
  internetExposures(buildNetworkModel(b.resources)).filter((e) => e.urn === r.urn);

/** [protocol, family, from, to, unverified] of each row. */
export const shape = (rows: Exposure[]) =>
  rows.map((e) => [e.protocol, e.family, e.ports.from, e.ports.to, e.unverified === true]);
