// What a WAFv2 IP set reference proves about the clients it matches, per address family. An IP set holds one family
// (ipAddressVersion IPV4 or IPV6) and never matches a client of the other, so even a set covering all of IPv4
// (0.0.0.0/1 + 128.0.0.0/1: WAF refuses /0) lets every IPv6 client of a dual-stack endpoint through to the next
// rule. A reference matches every request only together with one covering the other family (an OR of both).
import { coversInternet, IpFamily, parseCidr } from "../../lib/cidr";
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { isUnknown, list } from "../../lib/values";
import { either, known, Proof } from "./proof";

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

/**
 * Resolves the arn of a reference inside input `key` of `from`: a known ARN names the stack's IP set with that arn
 * (none: a set outside the stack, whose addresses the plan does not show); an unknown one (a new set at preview)
 * may name any IP set that flowed into `key`, each a possible verdict.
 */
export function ipSetLookup(res: Resolver, from: GenericResource, key: string): (arn: unknown) => Verdict[] {
  return (arn) => {
    if (typeof arn === "string" && !isUnknown(arn)) {
      const set = res.ofType(IP_SET).find((s) => s.inputs.arn === arn);
      return [set ? ipSetVerdict(set.inputs) : NOT_PROVEN];
    }
    if (!isUnknown(arn)) return [NOT_PROVEN];
    const sets = res.many(from, key, [arn], [IP_SET]).urns.map((u) => res.get(u));
    const verdicts = sets.flatMap((s) => (s ? [ipSetVerdict(s.inputs)] : []));
    return verdicts.length === 0 ? [UNKNOWN_VERDICT] : verdicts;
  };
}
