// What a WAFv2 IP set reference proves about the clients it matches, per address family. An IP set holds one family
// (ipAddressVersion IPV4 or IPV6) and never matches a client of the other, so even a set covering all of IPv4
// (0.0.0.0/1 + 128.0.0.0/1: WAF refuses /0) lets every IPv6 client of a dual-stack endpoint through to the next
// rule. A reference matches every request only together with one covering the other family (an OR of both).
import { coversInternet, IpFamily, parseCidr } from "../../lib/cidr";
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { isUnknown, list } from "../../lib/values";
import { either, known, Proof } from "./proof";
import { referenceLookup } from "./wafv2-references";

/** For the clients of one family: proven to match all of them, proven to match none. */
export interface FamilyProof {
  all: Proof;
  none: Proof;
}

export type Verdict = Record<IpFamily, FamilyProof>;

export const IP_SET = "aws:wafv2/ipSet:IpSet";

export const FAMILIES: readonly IpFamily[] = ["ipv4", "ipv6"];

export const sameForEveryClient = (p: FamilyProof): Verdict => ({ ipv4: p, ipv6: p });
export const NOT_PROVEN = sameForEveryClient({ all: "no", none: "no" });
export const UNKNOWN_VERDICT = sameForEveryClient({ all: "unknown", none: "unknown" });

/** Either verdict may hold (an unknown reference among several IP sets): only what both prove stands. */
export function eitherVerdict(a: Verdict, b: Verdict): Verdict {
  const merge = (x: FamilyProof, y: FamilyProof) => ({ all: either(x.all, y.all), none: either(x.none, y.none) });
  return { ipv4: merge(a.ipv4, b.ipv4), ipv6: merge(a.ipv6, b.ipv6) };
}

function asFamily(version: unknown): IpFamily | undefined {
  const v = typeof version === "string" ? version.toUpperCase() : "";
  return v === "IPV4" ? "ipv4" : v === "IPV6" ? "ipv6" : undefined;
}

function verdictFor(family: IpFamily, addresses: unknown): Verdict {
  const entries = isUnknown(addresses) ? [addresses] : list(addresses);
  const someUnknown = entries.some(isUnknown);
  const mine = entries.filter((a): a is string => typeof a === "string" && parseCidr(a)?.family === family);
  const own: FamilyProof = {
    all: coversInternet(mine)[family] ? "yes" : known(someUnknown, false),
    none: mine.length > 0 ? "no" : known(someUnknown, true),
  };
  const other: FamilyProof = { all: "no", none: "yes" };
  return family === "ipv4" ? { ipv4: own, ipv6: other } : { ipv4: other, ipv6: own };
}

/** The inputs of an aws.wafv2.IpSet. */
export function ipSetVerdict(inputs: Record<string, unknown>): Verdict {
  const version = inputs.ipAddressVersion;
  const family = asFamily(version);
  if (family) return verdictFor(family, inputs.addresses);
  if (!isUnknown(version)) return NOT_PROVEN;
  return eitherVerdict(verdictFor("ipv4", inputs.addresses), verdictFor("ipv6", inputs.addresses));
}

/** Resolves the IP set references inside input `key` of `from` (see referenceLookup). */
export function ipSetLookup(res: Resolver, from: GenericResource, key: string): (arn: unknown) => Verdict[] {
  return referenceLookup(res, from, key, IP_SET, {
    read: (s) => ipSetVerdict(s.inputs),
    outside: NOT_PROVEN,
    unresolved: UNKNOWN_VERDICT,
  });
}
