// The patterns of the regex pattern set a regexPatternSetReferenceStatement names. The reference matches when any
// pattern does, so it is read as an OR of regex matches on the reference's field and transformations.
import { GenericResource, Resolver } from "../../lib/reachability/internals";
import { referenceLookup } from "./wafv2-references";

export const REGEX_SET = "aws:wafv2/regexPatternSet:RegexPatternSet";

/** A set's regularExpressions input ([{ regexString }], maybe unknown), a set outside the stack, or unresolved. */
export type RegexSet = { regularExpressions: unknown } | "outside" | "unresolved";

/** Every regex pattern set the arn may name. */
export type RegexSetLookup = (arn: unknown) => RegexSet[];

/** Without a lookup a reference proves nothing, as before the form was read. */
export const NO_REGEX_SETS: RegexSetLookup = () => ["outside"];

export function regexSetLookup(res: Resolver, from: GenericResource, key: string): RegexSetLookup {
  return referenceLookup<RegexSet>(res, from, key, REGEX_SET, {
    read: (s) => ({ regularExpressions: s.inputs.regularExpressions }),
    outside: "outside",
    unresolved: "unresolved",
  });
}
