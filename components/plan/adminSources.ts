// Which addresses may reach an admin port (SSH/RDP). The case's SSH was open to the whole internet and brute-forced in
// 137 seconds; admin sources must be a short list of narrow blocks, never the internet or a broad public range.
import { ADMIN_SOURCE_MIN_PREFIX_V4, ADMIN_SOURCE_MIN_PREFIX_V6, internetSources, parseCidr } from "../../lib/cidr";
import { checkPlain, Problems } from "../validation";
import { cidrNotationProblem } from "./cidr";
import { unusableSourceProblem } from "./unusableSources";

export { ADMIN_SOURCE_MIN_PREFIX_V4, ADMIN_SOURCE_MIN_PREFIX_V6 } from "../../lib/cidr";

/**
 * Checks a list of admin source CIDRs and reports every bad entry under `argument[i]`: entries not written exactly as
 * AWS stores them (bare addresses, host bits, spaces, leading zeros), addresses no operator connects from (reserved,
 * multicast, loopback, link-local) and IPv4 blocks written as IPv6 (`unusableSources.ts`), duplicates, entries that
 * together cover the internet, and public blocks broader than /24 (IPv4) or /48 (IPv6).
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
  const exposing = new Set(
    internetSources(cidrs, { minPrefixV4: ADMIN_SOURCE_MIN_PREFIX_V4, minPrefixV6: ADMIN_SOURCE_MIN_PREFIX_V6 }),
  );
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
    }
    if (typeof cidr === "string") seen.add(cidr.toLowerCase());
  });
}
