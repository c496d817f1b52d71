// Network ACL entries per subnet tier. NACLs are evaluated by rule number, lowest first, so the internet-wide denies on
// admin ports sit below every allow; only listed admin sources come before them.
import { parseCidr } from "../../lib/cidr";
import { ADMIN_PORTS } from "../../lib/ports";
import { AddressFamily } from "../plan/aclQuota";

export interface NaclRule {
  ruleNo: number;
  action: "allow" | "deny";
  protocol: string;
  fromPort: number;
  toPort: number;
  cidrBlock?: string;
  ipv6CidrBlock?: string;
}

/**
 * Rule numbers 10–49 hold admin-source allows; the internet-wide denies start at 50. The rule quota (naclQuota.ts)
 * bounds each address family; this bounds both together, which a raised quota can otherwise exceed.
 */
export const ADMIN_ALLOW_FIRST_RULE = 10;
export const MAX_ADMIN_SOURCES = 40;
export const ADMIN_DENY_FIRST_RULE = 50;
const EPHEMERAL = { fromPort: 1024, toPort: 65535 };

/** The family a source CIDR's rule is written in: anything not IPv6 goes to `cidrBlock`. */
export function sourceFamily(cidr: string): AddressFamily {
  return parseCidr(cidr)?.family === "ipv6" ? "IPv6" : "IPv4";
}

/** The family a rule counts against: AWS counts IPv4 and IPv6 rules separately. */
export function naclRuleFamily(rule: NaclRule): AddressFamily {
  return rule.ipv6CidrBlock !== undefined ? "IPv6" : "IPv4";
}

function source(cidr: string): Pick<NaclRule, "cidrBlock" | "ipv6CidrBlock"> {
  return sourceFamily(cidr) === "IPv6" ? { ipv6CidrBlock: cidr } : { cidrBlock: cidr };
}

/** Deny SSH and RDP (TCP and UDP for RDP) from 0.0.0.0/0 and ::/0. */
export function denyAdminFromInternet(): NaclRule[] {
  const rules: NaclRule[] = [];
  let ruleNo = ADMIN_DENY_FIRST_RULE;
  for (const port of ADMIN_PORTS) {
    const protocols = port === 3389 ? ["tcp", "udp"] : ["tcp"];
    for (const protocol of protocols) {
      for (const cidr of ["0.0.0.0/0", "::/0"]) {
        rules.push({ ruleNo: ruleNo++, action: "deny", protocol, fromPort: port, toPort: port, ...source(cidr) });
      }
    }
  }
  return rules;
}

export function publicNaclRules(opts: { vpcCidr: string; adminSources: readonly string[] }): {
  ingress: NaclRule[];
  egress: NaclRule[];
} {
  const adminAllows = opts.adminSources.map<NaclRule>((cidr, i) => ({
    ruleNo: ADMIN_ALLOW_FIRST_RULE + i,
    action: "allow",
    protocol: "tcp",
    fromPort: 22,
    toPort: 22,
    ...source(cidr),
  }));
  return {
    ingress: [
      ...adminAllows,
      ...denyAdminFromInternet(),
      { ruleNo: 100, action: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0" },
      { ruleNo: 110, action: "allow", protocol: "tcp", fromPort: 80, toPort: 80, cidrBlock: "0.0.0.0/0" },
      // Replies to outbound connections (NAT, package updates) arrive on ephemeral ports.
      { ruleNo: 120, action: "allow", protocol: "tcp", ...EPHEMERAL, cidrBlock: "0.0.0.0/0" },
      { ruleNo: 130, action: "allow", protocol: "udp", ...EPHEMERAL, cidrBlock: "0.0.0.0/0" },
      { ruleNo: 140, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: opts.vpcCidr },
    ],
    egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
  };
}

export function privateNaclRules(opts: { vpcCidr: string; natEgress: boolean }): {
  ingress: NaclRule[];
  egress: NaclRule[];
} {
  const fromVpc: NaclRule = {
    ruleNo: 100,
    action: "allow",
    protocol: "-1",
    fromPort: 0,
    toPort: 0,
    cidrBlock: opts.vpcCidr,
  };
  if (!opts.natEgress) return { ingress: [fromVpc], egress: [{ ...fromVpc }] };
  return {
    ingress: [
      ...denyAdminFromInternet(),
      fromVpc,
      { ruleNo: 110, action: "allow", protocol: "tcp", ...EPHEMERAL, cidrBlock: "0.0.0.0/0" },
      { ruleNo: 120, action: "allow", protocol: "udp", ...EPHEMERAL, cidrBlock: "0.0.0.0/0" },
    ],
    egress: [{ ruleNo: 100, action: "allow", protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }],
  };
}

/** Isolated subnets talk to the VPC only. */
export function isolatedNaclRules(opts: { vpcCidr: string }): { ingress: NaclRule[]; egress: NaclRule[] } {
  const vpcOnly: NaclRule = {
    ruleNo: 100,
    action: "allow",
    protocol: "-1",
    fromPort: 0,
    toPort: 0,
    cidrBlock: opts.vpcCidr,
  };
  return { ingress: [vpcOnly], egress: [{ ...vpcOnly }] };
}

export type NaclTier = "public" | "private" | "isolated";

export interface NaclPlan {
  tier: NaclTier;
  ingress: NaclRule[];
  egress: NaclRule[];
}

/**
 * Every network ACL the component creates besides the default one (which keeps no rules): one per tier present.
 * The component creates these, and its arguments are checked against the quota on these.
 */
export function planNacls(opts: {
  vpcCidr: string;
  tiers: readonly NaclTier[];
  /** Private subnets route out through NAT (replies come back from the internet). */
  natEgress: boolean;
  adminSources: readonly string[];
}): NaclPlan[] {
  const rulesOf: Record<NaclTier, () => { ingress: NaclRule[]; egress: NaclRule[] }> = {
    public: () => publicNaclRules({ vpcCidr: opts.vpcCidr, adminSources: opts.adminSources }),
    private: () => privateNaclRules({ vpcCidr: opts.vpcCidr, natEgress: opts.natEgress }),
    isolated: () => isolatedNaclRules({ vpcCidr: opts.vpcCidr }),
  };
  return (["public", "private", "isolated"] as const)
    .filter((tier) => opts.tiers.includes(tier))
    .map((tier) => ({ tier, ...rulesOf[tier]() }));
}
