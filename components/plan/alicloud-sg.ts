// Security-group rule plans for Alibaba Cloud ECS. Alicloud evaluates rules by priority (1 wins) and, at equal
// priority, drop beats accept; every rule here states portRange, priority and policy so nothing rests on defaults.
import { internetSources, parseCidr } from "../../lib/cidr";
import { Problems, ValidationProblem } from "../validation";
import { allowListUnionProblems } from "./adminSources";
import { checkCidrForm } from "./alicloud-cidr";
import { unusableSourceProblem } from "./unusableSources";

export const SSH_PORT_RANGE = "22/22";
/** Highest precedence: no drop rule at a lower number can exist, so these accepts are never silently shadowed. */
export const ACCEPT_PRIORITY = 1;

export interface AlicloudSgRuleSpec {
  type: "ingress" | "egress";
  ipProtocol: "tcp" | "udp" | "icmp" | "all";
  portRange: string;
  policy: "accept" | "drop";
  priority: number;
  cidrIp?: string;
  ipv6CidrIp?: string;
  description: string;
}

/**
 * Problems with a list of administrative source CIDRs (who may reach SSH): each entry must parse, be an address an
 * operator connects from (not reserved, multicast, loopback, link-local or IPv4 written as IPv6: unusableSources.ts),
 * and no entry may be a broad public block or part of a set that covers the whole internet (the case's SSH was
 * brute-forced from it). Private ranges stay allowed.
 */
export function checkAdminSourceCidrs(argument: string, cidrs: readonly string[] | undefined): ValidationProblem[] {
  const problems = new Problems(argument);
  if (
    !problems.check(
      Array.isArray(cidrs) && cidrs.length > 0,
      argument,
      cidrs,
      "a non-empty list of narrow CIDRs (public IPv4 /24 or longer, IPv6 /48 or longer, or private ranges)",
      'list the office or VPN egress ranges, e.g. ["203.0.113.0/28"]',
    )
  ) {
    return [...problems.list];
  }
  const list = cidrs as readonly string[];
  const seen = new Set<string>();
  list.forEach((cidr, i) => {
    // Each entry becomes a rule or ACL entry: a repeat is refused by the API, a typo must not widen the rule.
    if (!checkCidrForm(problems, `${argument}[${i}]`, cidr)) return;
    const unusable = unusableSourceProblem(cidr);
    // The same block however written (IPv6 in either case): Alibaba Cloud refuses the second rule.
    const block = parseCidr(cidr)?.text.toLowerCase() ?? cidr;
    if (unusable) problems.add(`${argument}[${i}]`, cidr, unusable.allowed, unusable.fix);
    else if (seen.has(block)) problems.add(`${argument}[${i}]`, cidr, "each source once", "remove the duplicate");
    seen.add(block);
  });
  // Name the entries that are broad on their own; only when narrow entries add up to the internet name them all.
  const exposedAll = internetSources(list);
  const broad = exposedAll.filter((c) => internetSources([c]).length > 0);
  const exposed = new Set(broad.length > 0 ? broad : exposedAll);
  // The pack's bounds on the union: no contiguous run broader than one block, no more than the address budget.
  const union = allowListUnionProblems(list);
  list.forEach((cidr, i) => {
    if (exposed.has(cidr)) {
      problems.add(
        `${argument}[${i}]`,
        cidr,
        "sources that together do not cover the internet; public IPv4 blocks /24 or longer, IPv6 /48 or longer",
        "replace it with the exact office/VPN egress range (e.g. a /28), or reach the host through a VPN",
      );
    } else if (union.has(i) && parseCidr(cidr)) {
      const { allowed, fix } = union.get(i)!;
      problems.add(`${argument}[${i}]`, cidr, allowed, fix);
    }
  });
  return [...problems.list];
}

/** One accept rule for tcp 22/22 per allowed source, IPv4 through `cidrIp`, IPv6 through `ipv6CidrIp`. */
export function sshIngressRules(allowedCidrs: readonly string[]): AlicloudSgRuleSpec[] {
  return allowedCidrs.map((cidr) => {
    const v6 = parseCidr(cidr)?.family === "ipv6";
    return {
      type: "ingress",
      ipProtocol: "tcp",
      portRange: SSH_PORT_RANGE,
      policy: "accept",
      priority: ACCEPT_PRIORITY,
      ...(v6 ? { ipv6CidrIp: cidr } : { cidrIp: cidr }),
      description: `SSH from administrative source ${cidr}`,
    };
  });
}
