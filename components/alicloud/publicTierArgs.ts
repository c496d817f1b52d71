// What HardenedVpc's public-tier network ACL admits from the internet: the admin sources allowed to SSH, the TCP ports
// served, and whether their entries fit the account's ACL entry quota.
import { checkAdminSourceCidrs } from "../plan/alicloud-sg";
import { ALICLOUD_ACL_RULE_QUOTA, publicTierAclQuotaProblems } from "../plan/alicloud-acl-quota";
import { checkRuleQuotaArgument } from "../plan/aclQuota";
import { parseCidr } from "../../lib/cidr";
import { HIGH_RISK_PORTS } from "../../lib/ports";
import { ArgProblems } from "./args";

export interface PublicTierArgs {
  vpcCidr: string;
  adminSourceCidrs: string[];
  publicTcpPorts: number[];
  enableIpv6: boolean;
  /** As given: checked here; undefined means Alibaba Cloud's default quota. */
  naclRuleQuota: unknown;
}

/** Adds the public tier's problems to `problems`; returns the ACL entry quota the entries are counted against. */
export function checkPublicTierArgs(problems: ArgProblems, given: PublicTierArgs): number {
  const { vpcCidr, adminSourceCidrs, publicTcpPorts, enableIpv6, naclRuleQuota } = given;
  // [] means no SSH from the internet; anything else, a list or not, goes through the admin-source checks.
  if (!Array.isArray(adminSourceCidrs) || adminSourceCidrs.length > 0) {
    problems.addAll(checkAdminSourceCidrs("adminSourceCidrs", adminSourceCidrs));
    if (Array.isArray(adminSourceCidrs) && enableIpv6 !== true) {
      adminSourceCidrs.forEach((cidr, i) =>
        problems.check(
          parseCidr(cidr)?.family !== "ipv6",
          `adminSourceCidrs[${i}]`,
          cidr,
          "IPv4 sources while the VPC has no IPv6 (enableIpv6 is not true)",
          "set enableIpv6: true, or list the IPv4 egress range instead",
        ),
      );
    }
  }
  if (
    problems.check(
      Array.isArray(publicTcpPorts),
      "publicTcpPorts",
      publicTcpPorts,
      "a list of TCP ports",
      "pass e.g. [80, 443], or [] to serve nothing",
    )
  ) {
    publicTcpPorts.forEach((port, i) =>
      problems.check(
        Number.isInteger(port) && port >= 1 && port <= 65535 && !HIGH_RISK_PORTS.includes(port),
        `publicTcpPorts[${i}]`,
        port,
        "a TCP port 1-65535 other than administration, database and other high-risk ports " +
          `(${HIGH_RISK_PORTS.join(", ")})`,
        "serve administration through the bastion (adminSourceCidrs) and keep databases private; " +
          "publish web services on 80/443",
      ),
    );
    problems.distinct("publicTcpPorts", publicTcpPorts);
  }
  const aclQuota = checkRuleQuotaArgument(problems, naclRuleQuota, ALICLOUD_ACL_RULE_QUOTA);
  // Lists of the wrong shape are reported above; without them there are no entries to count.
  if (
    Array.isArray(adminSourceCidrs) &&
    adminSourceCidrs.every((c) => typeof c === "string") &&
    Array.isArray(publicTcpPorts)
  ) {
    problems.addAll(
      publicTierAclQuotaProblems({ adminSourceCidrs, vpcCidr, publicTcpPorts, ipv6: enableIpv6 === true }, aclQuota),
    );
  }
  return aclQuota;
}
