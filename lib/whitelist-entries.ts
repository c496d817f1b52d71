// Alibaba Cloud database whitelist entries (security IPs, whitelist groups and templates): how a list is written and
// which block each entry admits, read once for the resource rule and the network model.
import { parseCidr } from "./cidr";

/** Separators between entries: commas as documented, and the semicolons and blanks hand-written lists slip in. */
const SEPARATORS = /[,;\s]+/;

/** Entries meaning "anyone" in Alibaba Cloud database consoles and APIs. */
const WILDCARDS: ReadonlySet<string> = new Set(["%", "*", "0.0.0.0"]);

/** The entries of one whitelist text, however they are separated. */
export function splitWhitelist(text: string): string[] {
  return text.split(SEPARATORS).filter((x) => x !== "");
}

/**
 * The block an entry admits: a wildcard is 0.0.0.0/0, a dotted pattern with wildcard octets (`10.%.%.%`) the block
 * it matches, an address or CIDR block itself; undefined when it is none of these.
 */
export function whitelistBlock(entry: string): string | undefined {
  if (WILDCARDS.has(entry)) return "0.0.0.0/0";
  const block = wildcardCidr(entry) ?? entry;
  return parseCidr(block) ? block : undefined;
}

/** A dotted pattern with wildcard octets (`*.*.*.*`, `10.%.%.%`) as the block it matches; undefined otherwise. */
function wildcardCidr(entry: string): string | undefined {
  const octets = entry.split(".");
  if (octets.length > 4 || !octets.some((o) => o === "*" || o === "%")) return undefined;
  const first = octets.findIndex((o) => o === "*" || o === "%");
  const fixed = octets.slice(0, first);
  if (!fixed.every((o) => /^\d{1,3}$/.test(o)) || !octets.slice(first).every((o) => o === "*" || o === "%"))
    return undefined;
  return `${[...fixed, ...Array(4 - first).fill("0")].join(".")}/${8 * first}`;
}
