// How a CIDR argument must be written before the kit hands it to Alibaba Cloud. The shared parser is lenient (it
// reads what the cloud would accept, for policies); arguments are held to the exact form so a typo cannot widen
// a rule: "203.0.113.5/24" opens the whole /24 when one host was meant.
import { parseCidr } from "../../lib/cidr";
import { Problems } from "../validation";

export interface CidrFormOptions {
  /** Only this family is accepted (e.g. IPv4 for traffic-mirror rules). */
  family?: "ipv4" | "ipv6";
  /** Accept a bare address as a host block (/32, /128). Default true. */
  bareAddress?: boolean;
}

/** Why `value` is not a CIDR in exact form, or undefined when it is. */
export function cidrFormProblem(value: unknown, opts: CidrFormOptions = {}): string | undefined {
  if (typeof value !== "string") return "not a string";
  if (value !== value.trim()) return "surrounding whitespace";
  const block = parseCidr(value);
  if (!block) return "not an IP address or CIDR";
  if (opts.family && block.family !== opts.family) return `an ${block.family === "ipv6" ? "IPv6" : "IPv4"} block`;
  const slash = value.indexOf("/");
  if (slash < 0) return opts.bareAddress === false ? "no prefix length" : undefined;
  const address = parseCidr(value.slice(0, slash));
  if (address && address.first !== block.first) return "host bits set after the prefix";
  return undefined;
}

/** The allowed form, for messages. */
export function cidrFormAllowed(opts: CidrFormOptions = {}): string {
  const family = opts.family === "ipv4" ? "an IPv4" : opts.family === "ipv6" ? "an IPv6" : "an IPv4 or IPv6";
  const bare = opts.bareAddress === false ? "" : " or a bare address";
  return `${family} CIDR written as its network address without spaces (e.g. 203.0.113.0/28)${bare}`;
}

/** Adds a problem naming `argument` when `value` is not a CIDR in exact form. */
export function checkCidrForm(
  problems: Problems,
  argument: string,
  value: unknown,
  opts: CidrFormOptions = {},
): boolean {
  const why = cidrFormProblem(value, opts);
  return problems.check(
    why === undefined,
    argument,
    value,
    cidrFormAllowed(opts),
    `correct it (${why}): write the network address and prefix, or /32 (/128) for a single host`,
  );
}
