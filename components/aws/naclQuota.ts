// HardenedVpc's network ACLs against AWS's "Rules per network ACL" quota, counted on the rules planNacls creates.
import {
  ADDRESS_FAMILIES,
  AclFamilyCount,
  AclRuleQuota,
  fixedOverflowProblem,
  overflowProblem,
  rulesOfFamily,
} from "../plan/aclQuota";
import { Problems } from "../validation";
import { NaclRule, naclRuleFamily, NaclTier, planNacls, sourceFamily } from "./naclRules";

/**
 * Amazon VPC quotas, Network ACLs, "Rules per network ACL", default 20, adjustable: "This is a one-way quota. This quota is
 * enforced separately for IPv4 rules and IPv6 rules. Therefore, for an account with the default quota of 20 rules, a
 * network ACL can have 20 inbound rules for IPv4 traffic and 20 inbound rules for IPv6 traffic. This quota includes
 * the default deny rules (rule number 32767 for IPv4 and 32768 for IPv6 ...). This quota can be increased up to a
 * maximum of 40." The IPv6 default deny is counted even in a VPC without an IPv6 block (where AWS may not add it),
 * so the check never passes an ACL AWS would refuse.
 */
export const AWS_NACL_RULE_QUOTA: AclRuleQuota = {
  defaultRules: 20,
  maxRules: 40,
  implicitRules: 1,
  implicitRuleName: "AWS's default deny",
  quotaName: '"Rules per network ACL" quota (Service Quotas, Amazon VPC, L-2AEEBF1A)',
};

const ACL_NAMES: Record<NaclTier, string> = {
  public: "the public subnets' network ACL",
  private: "the private subnets' network ACL",
  isolated: "the isolated subnets' network ACL",
};

/**
 * Reports every network ACL direction and address family whose rules exceed `quota`: on `adminIngressCidrs` when its
 * sources of that family are what pushes the public ACL over, else on `naclRuleQuota`.
 */
export function checkNaclRuleQuota(
  problems: Problems,
  opts: { vpcCidr: string; tiers: readonly NaclTier[]; natEgress: boolean; adminSources: readonly string[] },
  quota: number,
): void {
  const planned = planNacls(opts);
  const withoutSources = (family: string) =>
    planNacls({ ...opts, adminSources: opts.adminSources.filter((c) => sourceFamily(c) !== family) });
  planned.forEach((nacl, i) => {
    for (const [key, direction] of [
      ["ingress", "inbound"],
      ["egress", "outbound"],
    ] as const) {
      for (const family of ADDRESS_FAMILIES) {
        const count = (rules: readonly NaclRule[]) => rulesOfFamily(rules, naclRuleFamily, family, AWS_NACL_RULE_QUOTA);
        const rules = count(nacl[key]);
        if (rules <= quota) continue;
        const tally: AclFamilyCount = {
          acl: ACL_NAMES[nacl.tier],
          direction,
          family,
          rules,
          without: count(withoutSources(family)[i][key]),
          entries: opts.adminSources.filter((c) => sourceFamily(c) === family).length,
        };
        problems.addAll([
          tally.entries > 0 && tally.rules > tally.without
            ? overflowProblem("adminIngressCidrs", opts.adminSources, tally, quota, AWS_NACL_RULE_QUOTA, {
                what: "admin source",
                shrink: "summarise them into fewer blocks",
              })
            : fixedOverflowProblem(tally, quota, AWS_NACL_RULE_QUOTA),
        ]);
      }
    }
  });
}
