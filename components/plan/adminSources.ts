// Which addresses may reach an admin port (SSH/RDP). The case's SSH was open to the whole internet and brute-forced in
// 137 seconds; admin sources must be a short list of narrow blocks, never the internet or a broad public range.
import {
  ADMIN_SOURCE_BUDGET_BLOCKS,
  ADMIN_SOURCE_MIN_PREFIX_V4,
  ADMIN_SOURCE_MIN_PREFIX_V6,
  IpFamily,
  addressCountText,
  allowListExcess,
  internetSources,
  parseCidr,
} from "../../lib/cidr";
import { checkPlain, Problems } from "../validation";
import { cidrNotationProblem } from "./cidr";
import { unusableSourceProblem } from "./unusableSources";

export { ADMIN_SOURCE_MIN_PREFIX_V4, ADMIN_SOURCE_MIN_PREFIX_V6 } from "../../lib/cidr";

/**
 * Checks a list of admin source CIDRs and reports every bad entry under `argument[i]`: entries not written exactly as
 * AWS stores them (bare addresses, host bits, spaces, leading zeros), addresses no operator connects from (reserved,
 * multicast, loopback, link-local) and IPv4 blocks written as IPv6 (`unusableSources.ts`), duplicates, entries that
 * together cover the internet, public blocks broader than /24 (IPv4) or /48 (IPv6), public blocks that join their
 * neighbours into a contiguous range broader than that, and public blocks holding together more addresses than
 * ADMIN_SOURCE_BUDGET_BLOCKS such blocks: the bounds the policy pack holds the bastion's allowed-cidrs tag to.
 */
export function checkAdminSources(
  problems: Problems,
  argument: string,
  cidrs: readonly string[] | undefined,
  opts: { required: boolean },
): void {
  if (!checkPlain(problems, argument, cidrs)) return;
  if (cidrs === undefined || (Array.isArray(cidrs) && cidrs.length === 0)) {
    problems.check(
      !opts.required,
      argument,
      cidrs,
      "a non-empty list of narrow CIDRs (office or VPN egress, e.g. 203.0.113.0/28)",
      "list the addresses operators connect from, or use SSM-only mode without port 22",
    );
    return;
  }
  if (!Array.isArray(cidrs)) {
    problems.add(argument, cidrs, "an array of CIDR strings", `pass ${argument} as a list`);
    return;
  }
  const exposing = new Set(internetSources(cidrs, MIN_PREFIXES));
  const union = allowListUnionProblems(cidrs);
  const seen = new Set<string>();
  cidrs.forEach((cidr, i) => {
    const at = `${argument}[${i}]`;
    if (!checkPlain(problems, at, cidr)) return;
    const notation = cidrNotationProblem(cidr);
    const unusable = notation ? undefined : unusableSourceProblem(cidr);
    if (notation) {
      problems.add(at, cidr, `a CIDR as AWS stores it, e.g. 203.0.113.0/28 (here: ${notation.reason})`, notation.fix);
    } else if (unusable) {
      problems.add(at, cidr, unusable.allowed, unusable.fix);
    } else if (exposing.has(cidr)) {
      problems.add(
        at,
        cidr,
        `narrow source blocks (public IPv4 /${ADMIN_SOURCE_MIN_PREFIX_V4} or longer, IPv6 /${ADMIN_SOURCE_MIN_PREFIX_V6} or longer) that do not together cover the internet`,
        "replace it with the exact egress addresses of your office or VPN; for access from anywhere use SSM Session Manager",
      );
    } else if (seen.has(parseCidr(cidr)!.text.toLowerCase())) {
      problems.add(at, cidr, "each block once", `remove the second "${cidr}"`);
    } else if (union.has(i)) {
      const { allowed, fix } = union.get(i)!;
      problems.add(at, cidr, allowed, fix);
    }
    if (typeof cidr === "string") seen.add(cidr.toLowerCase());
  });
}

const MIN_PREFIX: Record<IpFamily, number> = { ipv4: ADMIN_SOURCE_MIN_PREFIX_V4, ipv6: ADMIN_SOURCE_MIN_PREFIX_V6 };
const MIN_PREFIXES = { minPrefixV4: ADMIN_SOURCE_MIN_PREFIX_V4, minPrefixV6: ADMIN_SOURCE_MIN_PREFIX_V6 };
const FAMILY_NAME: Record<IpFamily, string> = { ipv4: "IPv4", ipv6: "IPv6" };

/**
 * The entries the list's union refuses, by position: narrow blocks that join into a contiguous range broader than one
 * block may be, and every public block of a family whose blocks together hold more addresses than the budget.
 */
export function allowListUnionProblems(cidrs: readonly string[]): Map<number, { allowed: string; fix: string }> {
  const out = new Map<number, { allowed: string; fix: string }>();
  // Entries broad on their own are reported as such; left in, they would drag the narrow ones inside them along.
  const narrow = cidrs.map((c) => (internetSources([c], MIN_PREFIXES).length > 0 ? "" : c));
  for (const family of ["ipv4", "ipv6"] as const) {
    const prefix = MIN_PREFIX[family];
    const excess = allowListExcess(narrow, family, prefix);
    const bound = `public ${FAMILY_NAME[family]} /${prefix}`;
    for (const at of excess.refused) {
      const p = parseCidr(cidrs[at])!;
      const run = excess.broad.find((r) => r.first <= p.first && p.last <= r.last);
      out.set(
        at,
        run
          ? {
              allowed:
                `blocks that do not join their neighbours into a range broader than a ${bound} ` +
                `(here ${addressCountText(family, run.last - run.first + 1n, prefix)} in one contiguous range)`,
              fix: "list only the exact office or VPN egress addresses, not the adjacent blocks around them",
            }
          : {
              allowed:
                `${FAMILY_NAME[family]} sources holding at most ${addressCountText(family, excess.budget, prefix)} ` +
                `of public space in all (${ADMIN_SOURCE_BUDGET_BLOCKS} blocks of /${prefix}; these hold ` +
                `${addressCountText(family, excess.total, prefix)})`,
              fix:
                `list only the office and VPN egress addresses (e.g. ${family === "ipv4" ? "/28s or /32s" : "/56s or /64s"}); ` +
                "for access from anywhere use SSM Session Manager (AWS) or Cloud Assistant sessions (Alibaba Cloud), not SSH",
            },
      );
    }
  }
  return out;
}
