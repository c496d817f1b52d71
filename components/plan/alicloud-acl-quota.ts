// The public tier's network ACL against Alibaba Cloud's quota of entries per ACL, counted on the entries planned.
import {
  ADDRESS_FAMILIES,
  AclDirection,
  AclFamilyCount,
  AclRuleQuota,
  AddressFamily,
  fixedOverflowProblem,
  overflowProblem,
  rulesOfFamily,
} from "./aclQuota";
import { Problems, ValidationProblem } from "../validation";
import { publicTierEgressEntries, publicTierIngressEntries, PublicTierAclOptions, versionOf } from "./alicloud-acl";

/**
 * VPC "Limits and quotas" (help.aliyun.com/zh/vpc/understanding-vpc-quotas-in-alibaba-cloud), network ACL:
 * vpc_quota_nacl_ingress_entry, "单个网络 ACL 支持创建的入方向规则数量；网络 ACL 所属 VPC 开启了 IPv6 时，支持创建的
 * IPv4/IPv6 入方向规则，默认均为 20 条" (inbound rules one ACL supports; with IPv6 enabled, IPv4 and IPv6 inbound rules
 * are 20 each by default), raised in Quota Center; vpc_quota_nacl_egress_entry, the same 20 outbound. ROS's
 * ALIYUN::VPC::NetworkAcl also caps IngressAclEntries and EgressAclEntries at 20 each. No maximum is documented.
 * Whether the system entries Alibaba Cloud adds count against the quota is not documented either: the quota counts
 * rules "created", so only the component's entries are counted.
 */
export const ALICLOUD_ACL_RULE_QUOTA: AclRuleQuota = {
  defaultRules: 20,
  implicitRules: 0,
  quotaName: "network ACL entry quotas (Quota Center, VPC: vpc_quota_nacl_ingress_entry / vpc_quota_nacl_egress_entry)",
};

const ACL_NAME = "the public vSwitches' network ACL";

interface PlannedEntry {
  ipVersion: AddressFamily;
}

const DIRECTIONS: readonly [AclDirection, (opts: PublicTierAclOptions) => readonly PlannedEntry[]][] = [
  ["inbound", publicTierIngressEntries],
  ["outbound", (opts) => publicTierEgressEntries({ ipv6: opts.ipv6 })],
];

/**
 * Every direction and family of the public ACL past `quota`: reported on `adminSourceCidrs` when its sources of
 * that family push the ACL over, on `publicTcpPorts` when the ports do even without them, else on `naclRuleQuota`.
 */
export function publicTierAclQuotaProblems(opts: PublicTierAclOptions, quota: number): ValidationProblem[] {
  const problems = new Problems("publicTierAcl");
  for (const [direction, plan] of DIRECTIONS) {
    for (const family of ADDRESS_FAMILIES) {
      const count = (o: PublicTierAclOptions) =>
        rulesOfFamily(plan(o), (e) => e.ipVersion, family, ALICLOUD_ACL_RULE_QUOTA);
      const rules = count(opts);
      if (rules <= quota) continue;
      const otherSources = opts.adminSourceCidrs.filter((c) => versionOf(c) !== family);
      const withoutSources = count({ ...opts, adminSourceCidrs: otherSources });
      const withoutEither = count({ ...opts, adminSourceCidrs: otherSources, publicTcpPorts: [] });
      const sources = opts.adminSourceCidrs.length - otherSources.length;
      const tally = (without: number, entries: number): AclFamilyCount => ({
        acl: ACL_NAME,
        direction,
        family,
        rules,
        without,
        entries,
      });
      if (sources > 0 && withoutSources <= quota) {
        problems.addAll([
          overflowProblem(
            "adminSourceCidrs",
            opts.adminSourceCidrs,
            tally(withoutSources, sources),
            quota,
            ALICLOUD_ACL_RULE_QUOTA,
            {
              what: "admin source",
              shrink: "summarise them into fewer blocks",
              also: `serve fewer publicTcpPorts (${opts.publicTcpPorts.length} given)`,
            },
          ),
        ]);
      } else if (opts.publicTcpPorts.length > 0 && withoutSources > withoutEither) {
        // The ports alone overflow: fewer ports must make room, the admin sources of this family staying.
        const portRules = withoutSources - withoutEither;
        problems.addAll([
          overflowProblem(
            "publicTcpPorts",
            opts.publicTcpPorts,
            tally(rules - portRules, opts.publicTcpPorts.length),
            quota,
            ALICLOUD_ACL_RULE_QUOTA,
            {
              what: "public TCP port",
              shrink: "serve fewer ports from the public tier (one load balancer listener per service)",
              ...(sources > 0 ? { also: `list fewer adminSourceCidrs (${sources} ${family} given)` } : {}),
            },
          ),
        ]);
      } else {
        problems.addAll([fixedOverflowProblem(tally(rules, 0), quota, ALICLOUD_ACL_RULE_QUOTA)]);
      }
    }
  }
  return [...problems.list];
}
