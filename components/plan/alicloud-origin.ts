// The whitelist that locks a WAF 3.0 origin: an internet-facing load balancer behind WAF answers WAF's back-to-origin
// CIDR blocks only, or a scanner that finds its address goes around the WAF. The blocks come from the WAF console (no
// data source returns them), so they are checked here: exact form, no block the internet fits through.
import { internetSources, IpFamily, parseCidr } from "../../lib/cidr";
import { checkPlain, Problems } from "../validation";
import { checkCidrForm } from "./alicloud-cidr";

/**
 * Widest public block an origin whitelist entry may be. WAF's own blocks are /24-/25 (IPv6 /56); these are the limits
 * the pack's `require-waf-on-internet-endpoints` holds origin listener whitelists to, so what passes here passes there.
 */
export const BACK_TO_ORIGIN_MIN_PREFIX = { minPrefixV4: 16, minPrefixV6: 32 } as const;

/** Entries one classic SLB access control list holds. */
export const MAX_SLB_ACL_ENTRIES = 300;

const FROM_CONSOLE =
  "copy WAF 3.0's back-to-origin CIDR blocks from the WAF console (Website Configuration > CNAME Record > " +
  "Back-to-origin CIDR Blocks)";

/**
 * Reports every problem with a list of back-to-origin blocks under `argument[i]`: missing or empty, an entry not in
 * exact CIDR form (a bare address included: the pack reads a bare "0.0.0.0" as everyone), a repeat, and an entry that
 * is broad on its own or, with the others, covers the internet. `optOut` names the argument that turns the lock off,
 * for the fix of a missing list. Returns the blocks in exact form, each once, for the checks of what holds them.
 */
export function checkBackToOriginCidrs(problems: Problems, argument: string, cidrs: unknown, optOut: string): string[] {
  if (!checkPlain(problems, argument, cidrs)) return [];
  if (
    !problems.check(
      Array.isArray(cidrs) && cidrs.length > 0,
      argument,
      cidrs,
      'a non-empty list of WAF 3.0\'s back-to-origin CIDR blocks, e.g. ["47.110.182.0/24"]',
      `${FROM_CONSOLE} and pass them; set ${optOut}: false only when the origin is locked another way`,
    )
  ) {
    return [];
  }
  const list = cidrs as unknown[];
  const seen = new Set<string>();
  const readable: string[] = [];
  list.forEach((cidr, i) => {
    const at = `${argument}[${i}]`;
    if (!checkPlain(problems, at, cidr) || !checkCidrForm(problems, at, cidr, { bareAddress: false })) return;
    const block = cidr as string;
    const key = parseCidr(block)!.text.toLowerCase();
    if (problems.check(!seen.has(key), at, block, "each block once", `remove the second "${block}"`)) {
      readable.push(block);
    }
    seen.add(key);
  });
  // Name the entries broad on their own; only when narrow entries add up to the internet are they all named.
  const wide = internetSources(readable, BACK_TO_ORIGIN_MIN_PREFIX);
  const broad = wide.filter((c) => internetSources([c], BACK_TO_ORIGIN_MIN_PREFIX).length > 0);
  const open = new Set(broad.length > 0 ? broad : wide);
  const { minPrefixV4, minPrefixV6 } = BACK_TO_ORIGIN_MIN_PREFIX;
  list.forEach((cidr, i) => {
    if (typeof cidr !== "string" || !open.has(cidr)) return;
    problems.add(
      `${argument}[${i}]`,
      cidr,
      `WAF's back-to-origin blocks: public IPv4 /${minPrefixV4} or longer, IPv6 /${minPrefixV6} or longer, ` +
        "not together the whole internet (an origin open to the internet is no lock)",
      `remove it and ${FROM_CONSOLE}`,
    );
  });
  return readable;
}

/** Each family's blocks fit the SLB access control list of that family. */
export function checkSlbAclCapacity(problems: Problems, argument: string, blocks: readonly string[]): void {
  for (const [family, held] of Object.entries(byFamily(blocks))) {
    problems.check(
      held.length <= MAX_SLB_ACL_ENTRIES,
      argument,
      `${held.length} ${family} blocks`,
      `at most ${MAX_SLB_ACL_ENTRIES} blocks of one address family (the entries of one SLB access control list)`,
      "merge adjacent blocks into their covering block",
    );
  }
}

/** The blocks of each address family, in the order given: an SLB access control list holds one family. */
export function byFamily(cidrs: readonly string[]): Partial<Record<IpFamily, string[]>> {
  const out: Partial<Record<IpFamily, string[]>> = {};
  for (const cidr of cidrs) {
    const family = parseCidr(cidr)?.family;
    if (family) (out[family] ??= []).push(cidr);
  }
  return out;
}
