// Every form of inbound rule on both clouds, normalised to one shape so "is port P open to the internet" is
// answered once. Extraction is pure and keeps unknown markers visible instead of guessing.
import { alicloudAckDedicatedSsh } from "./ingress-ack-ssh";
import { alicloudEnsSecurityGroup, alicloudSwasFirewallRule } from "./ingress-alicloud-firewalls";
import { alicloudPolicy, ingressEntry, listField, naclAction, protocolOf, range, sourcesOf } from "./ingress-fields";
import {
  awsBeanstalkEnvironmentSsh,
  awsBeanstalkTemplateSsh,
  awsEksNodeGroupRemoteAccess,
  awsGameLiftInbound,
} from "./ingress-managed-services";
import { alicloudRuleRange, awsRuleRange, naclEntryRange, PortRange } from "./ports";
import { bool, isUnknown, list, num, obj } from "./values";

export type RangeOrUnknown = PortRange | "none" | "unknown";

export interface IngressEntry {
  /** Where the entry sits, for messages: `ingress[2]`, `ingressAclEntries[0]`, or `rule`. */
  where: string;
  action: "allow" | "deny";
  range: RangeOrUnknown;
  /**
   * Known CIDR sources (IPv4 and IPv6). Security-group and prefix-list sources are not CIDRs and not listed: a prefix
   * list's entries live in other resources (or in the cloud), so only the stack policies' network model resolves them
   * (lib/reachability/aws/prefix-lists.ts, lib/reachability/alicloud/prefix-lists.ts); a rule admitting a port from
   * prefix lists alone opens nothing here, and an Alicloud drop naming only a list closes nothing.
   */
  cidrs: string[];
  /** Some CIDR source is unknown at preview. */
  unknownSource: boolean;
  /** Sources that are not CIDR blocks or addresses this kit can read (e.g. "010.0.0.0/8"): reported, never passed. */
  unreadable?: string[];
  /**
   * Evaluation order for ACLs and Alicloud priorities (lower first); undefined for security groups, and for an ACL
   * entry whose rule number is unknown (such an allow may come first, such a deny may not close anything).
   */
  order?: number;
  /** "tcp", "udp", "all", another protocol name or number, or "unknown"; absent means every protocol. */
  protocol?: string;
  /** The allow/deny field is unknown at preview: read as an allow that may turn out to be a deny. */
  unknownAction?: boolean;
  /**
   * The entry is an inbound allow only if this field, unknown at preview (`type`, `egress`, `policy`, …), takes that
   * value: read as one, so what it opens is a note naming the field, and an entry that opens nothing says nothing.
   */
  assumed?: string;
}

/** The field among `fields` whose value is unknown at preview, if any. */
function firstUnknown(props: Record<string, unknown>, fields: readonly string[]): string | undefined {
  for (const f of fields) if (isUnknown(props[f])) return f;
  return undefined;
}

// The fields that decide whether a rule resource is an inbound allow, listed once rather than on every call.
const RULE_TYPE: readonly string[] = ["type"];
const NACL_RULE_DIRECTION: readonly string[] = ["egress", "ruleAction"];
const ALICLOUD_RULE_DIRECTION: readonly string[] = ["type", "policy"];

/** Either the entries, or the name of an unknown field that hides them (e.g. the whole `ingress` list). */
export type IngressExtraction =
  { entries: IngressEntry[]; unknownField?: undefined } | { entries: []; unknownField: string };

/** AWS inline security-group rules (`aws.ec2.SecurityGroup`, `aws.ec2.DefaultSecurityGroup`): `ingress[]`. */
export function awsSecurityGroupIngress(props: Record<string, unknown>): IngressExtraction {
  const items = listField(props, "ingress");
  if (typeof items === "string") return { entries: [], unknownField: items };
  return {
    entries: items.map((raw, i) => {
      const r = obj(raw) ?? {};
      return ingressEntry(
        {
          where: `ingress[${i}]`,
          action: "allow",
          range: range(awsRuleRange(r.protocol, r.fromPort, r.toPort)),
          protocol: protocolOf(r.protocol),
        },
        isUnknown(raw) ? { cidrs: [], unknownSource: true } : sourcesOf(r.cidrBlocks, r.ipv6CidrBlocks),
      );
    }),
  };
}

/** `aws.ec2.SecurityGroupRule`: ingress only; one whose `type` is unknown is read as ingress, `assumed`. */
export function awsSecurityGroupRule(props: Record<string, unknown>): IngressExtraction {
  const assumed = firstUnknown(props, RULE_TYPE);
  if (!assumed && props.type !== "ingress") return { entries: [] };
  return {
    entries: [
      ingressEntry(
        {
          where: "rule",
          action: "allow",
          assumed,
          range: range(awsRuleRange(props.protocol, props.fromPort, props.toPort)),
          protocol: protocolOf(props.protocol),
        },
        sourcesOf(props.cidrBlocks, props.ipv6CidrBlocks),
      ),
    ],
  };
}

/** `aws.vpc.SecurityGroupIngressRule`: one CIDR (`cidrIpv4` or `cidrIpv6`); ipProtocol "-1" needs no ports. */
export function awsVpcIngressRule(props: Record<string, unknown>): IngressExtraction {
  return {
    entries: [
      ingressEntry(
        {
          where: "rule",
          action: "allow",
          range: range(awsRuleRange(props.ipProtocol, props.fromPort, props.toPort)),
          protocol: protocolOf(props.ipProtocol),
        },
        sourcesOf(props.cidrIpv4, props.cidrIpv6),
      ),
    ],
  };
}

/**
 * `aws.ec2.NetworkAclRule`: `egress` defaults to false; `ruleAction` allow/deny; `ruleNumber` orders. Alone in its
 * resource, a deny closes nothing here, so one whose `egress` is unknown matters only as an allow, and one whose
 * `ruleAction` is unknown is read as an allow: both `assumed`.
 */
export function awsNetworkAclRule(props: Record<string, unknown>): IngressExtraction {
  if (bool(props.egress) === true) return { entries: [] };
  const action = naclAction(props.ruleAction) ?? (isUnknown(props.ruleAction) ? "allow" : undefined);
  if (!action) return { entries: [] };
  const assumed = firstUnknown(props, NACL_RULE_DIRECTION);
  return {
    entries: [
      ingressEntry(
        {
          where: "rule",
          action,
          assumed,
          order: num(props.ruleNumber),
          range: range(naclEntryRange(props.protocol, props.fromPort, props.toPort)),
          protocol: protocolOf(props.protocol),
        },
        sourcesOf(props.cidrBlock, props.ipv6CidrBlock),
      ),
    ],
  };
}

/** Inline `ingress[]` of `aws.ec2.NetworkAcl` and `aws.ec2.DefaultNetworkAcl` (`action`, `ruleNo`). */
export function awsNetworkAclIngress(props: Record<string, unknown>): IngressExtraction {
  const items = listField(props, "ingress");
  if (typeof items === "string") return { entries: [], unknownField: items };
  const entries: IngressEntry[] = [];
  items.forEach((raw, i) => {
    const r = obj(raw) ?? {};
    const action = naclAction(r.action);
    if (!action && !isUnknown(r.action) && !isUnknown(raw)) return;
    entries.push(
      ingressEntry(
        {
          where: `ingress[${i}]`,
          action: action ?? "allow",
          unknownAction: action ? undefined : true,
          order: num(r.ruleNo),
          range: range(naclEntryRange(r.protocol, r.fromPort, r.toPort)),
          protocol: protocolOf(r.protocol),
        },
        isUnknown(raw) ? { cidrs: [], unknownSource: true } : sourcesOf(r.cidrBlock, r.ipv6CidrBlock),
      ),
    );
  });
  return { entries };
}

/**
 * `alicloud.ecs.SecurityGroupRule`: `type` ingress, `policy` accept/drop, `priority` 1 (wins) to 100. Alone in its
 * resource a drop closes nothing here, so an unknown `type` or `policy` is read as an ingress accept, `assumed`.
 */
export function alicloudSecurityGroupRule(props: Record<string, unknown>): IngressExtraction {
  const assumed = firstUnknown(props, ALICLOUD_RULE_DIRECTION);
  if (!isUnknown(props.type) && props.type !== "ingress") return { entries: [] };
  const action = alicloudPolicy(props.policy) ?? (isUnknown(props.policy) ? "allow" : undefined);
  if (!action) return { entries: [] };
  return {
    entries: [
      ingressEntry(
        {
          where: "rule",
          action,
          assumed,
          order: num(props.priority) ?? 1,
          range: range(alicloudRuleRange(props.ipProtocol, props.portRange)),
          protocol: protocolOf(props.ipProtocol),
        },
        sourcesOf(props.cidrIp, props.ipv6CidrIp),
      ),
    ],
  };
}

/** Alibaba Cloud network ACL entries are evaluated in list order; `policy` accept/drop, `port` "22/22" or "-1/-1". */
function alicloudAclEntries(props: Record<string, unknown>, field: string): IngressExtraction {
  const items = listField(props, field);
  if (typeof items === "string") return { entries: [], unknownField: items };
  const entries: IngressEntry[] = [];
  items.forEach((raw, i) => {
    const r = obj(raw) ?? {};
    const action = alicloudPolicy(r.policy);
    if (!action && !isUnknown(r.policy) && !isUnknown(raw)) return;
    entries.push(
      ingressEntry(
        {
          where: `${field}[${i}]`,
          action: action ?? "allow",
          unknownAction: action ? undefined : true,
          order: i,
          range: range(alicloudRuleRange(r.protocol, r.port)),
          protocol: protocolOf(r.protocol),
        },
        isUnknown(raw) ? { cidrs: [], unknownSource: true } : sourcesOf(r.sourceCidrIp),
      ),
    );
  });
  return { entries };
}

export const alicloudNetworkAclIngress = (props: Record<string, unknown>) =>
  alicloudAclEntries(props, "ingressAclEntries");
export const alicloudNetworkAclEntriesIngress = (props: Record<string, unknown>) =>
  alicloudAclEntries(props, "ingresses");

/**
 * `aws.lightsail.InstancePublicPorts`: `portInfos[]` of {protocol tcp/udp/all/icmp/icmpv6, fromPort, toPort, cidrs,
 * ipv6Cidrs, cidrListAliases}. A port info naming no source at all is open to any address, as Lightsail's default is;
 * empty lists name none (the provider sends only non-empty ones).
 */
export function awsLightsailPublicPorts(props: Record<string, unknown>): IngressExtraction {
  const items = listField(props, "portInfos");
  if (typeof items === "string") return { entries: [], unknownField: items };
  return {
    entries: items.map((raw, i) => {
      const r = obj(raw) ?? {};
      const named = [r.cidrs, r.ipv6Cidrs, r.cidrListAliases].some((v) => isUnknown(v) || list(v).length > 0);
      const sources = isUnknown(raw)
        ? { cidrs: [], unknownSource: true }
        : named
          ? sourcesOf(r.cidrs, r.ipv6Cidrs)
          : { cidrs: ["0.0.0.0/0", "::/0"], unknownSource: false };
      return ingressEntry(
        {
          where: `portInfos[${i}]`,
          action: "allow",
          range: range(awsRuleRange(r.protocol, r.fromPort, r.toPort)),
          protocol: protocolOf(r.protocol),
        },
        sources,
      );
    }),
  };
}

/** Type token → extractor, for every resource that carries inbound rules. */
export const INGRESS_EXTRACTORS: Record<string, (props: Record<string, unknown>) => IngressExtraction> = {
  "aws:ec2/securityGroup:SecurityGroup": awsSecurityGroupIngress,
  "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": awsSecurityGroupIngress,
  "aws:ec2/securityGroupRule:SecurityGroupRule": awsSecurityGroupRule,
  "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": awsVpcIngressRule,
  "aws:ec2/networkAclRule:NetworkAclRule": awsNetworkAclRule,
  "aws:ec2/networkAcl:NetworkAcl": awsNetworkAclIngress,
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl": awsNetworkAclIngress,
  "alicloud:ecs/securityGroupRule:SecurityGroupRule": alicloudSecurityGroupRule,
  "alicloud:vpc/networkAcl:NetworkAcl": alicloudNetworkAclIngress,
  "alicloud:vpc/networkAclEntries:NetworkAclEntries": alicloudNetworkAclEntriesIngress,
  "aws:lightsail/instancePublicPorts:InstancePublicPorts": awsLightsailPublicPorts,
  // Services that write the rule themselves (lib/ingress-managed-services.ts).
  "aws:eks/nodeGroup:NodeGroup": awsEksNodeGroupRemoteAccess,
  "aws:elasticbeanstalk/environment:Environment": awsBeanstalkEnvironmentSsh,
  "aws:elasticbeanstalk/configurationTemplate:ConfigurationTemplate": awsBeanstalkTemplateSsh,
  "aws:gamelift/fleet:Fleet": awsGameLiftInbound,
  // Alibaba Cloud firewalls besides ECS security groups (lib/ingress-alicloud-firewalls.ts).
  "alicloud:ens/securityGroup:SecurityGroup": alicloudEnsSecurityGroup,
  "alicloud:simpleapplicationserver/firewallRule:FirewallRule": alicloudSwasFirewallRule,
  // ACK dedicated clusters' SSH listener on the API server's SLB (lib/ingress-ack-ssh.ts).
  "alicloud:cs/kubernetes:Kubernetes": alicloudAckDedicatedSsh,
};

/** Stateless ACL types: their entries are ordered and need ephemeral return ports open. */
export const NACL_TYPES: ReadonlySet<string> = new Set([
  "aws:ec2/networkAclRule:NetworkAclRule",
  "aws:ec2/networkAcl:NetworkAcl",
  "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
  "alicloud:vpc/networkAcl:NetworkAcl",
  "alicloud:vpc/networkAclEntries:NetworkAclEntries",
]);
