// Whether a WAFv2 rule statement provably matches every web request. Only what holds for any request counts:
// WAF evaluates a request that lacks the inspected component (a header, a body, a query string) as not matching,
// so only the URI path and the method, which every request has, can make a comparison total. Each statement is
// judged per client address family (an IP set holds one), and for NOT also whether it provably matches nothing.
// A URI path is also bounded by the front end before the web ACL (see wafv2-front-end-limits), and a statement on the
// method that matches every method attackers use (see wafv2-method-match) matches every attack request.
import { containsUnknown, isUnknown, list, num, obj, UNKNOWN } from "../../lib/values";
import { allOf, anyOf, either, known, Proof } from "./proof";
import { regexMatchesEveryPath } from "./regex-matches-every-path";
import { regexMatchesEveryString } from "./regex-matches-every-string";
import { field, onlyKey } from "./wafv2-fields";
import { NO_LIMITS, PATH_BOUNDS, RequestLimits } from "./wafv2-front-end-limits";
import { methodsMatched, METHODS } from "./wafv2-method-match";
import { NO_REGEX_SETS, RegexSet, RegexSetLookup } from "./wafv2-regex-sets";
import {
  eitherVerdict,
  FAMILIES,
  FamilyProof,
  NOT_PROVEN,
  sameForEveryClient,
  UNKNOWN_VERDICT,
  Verdict,
} from "./wafv2-ip-sets";

/**
 * What the IP set named by an ipSetReferenceStatement's arn proves: one verdict per IP set it may name (several
 * when an unknown ARN could be any of the sets that flowed into the rule at preview).
 */
export type IpSetLookup = (arn: unknown) => Verdict[];

/** Beyond this many ways to resolve a statement's references, each reference's candidates are merged instead. */
const MAX_CHOICES = 64;

/** WAF nests statements a few levels deep; hostile input deeper than this is not read. */
const MAX_DEPTH = 32;

/**
 * Text transformations after which a URI path still starts with its literal "/": none of them removes, rewrites or
 * inserts before that character. Decoders that can (BASE64_DECODE, HEX_DECODE, MD5, NORMALIZE_PATH, CMD_LINE…) are
 * not listed.
 */
const KEEP_LEADING_SLASH = new Set([
  "NONE",
  "LOWERCASE",
  "COMPRESS_WHITE_SPACE",
  "URL_DECODE",
  "URL_DECODE_UNI",
  "REMOVE_NULLS",
  "REPLACE_NULLS",
]);

type Component = "uriPath" | "method" | "other" | "unknown";

function componentOf(fieldToMatch: unknown): Component {
  if (isUnknown(fieldToMatch)) return "unknown";
  const key = onlyKey(fieldToMatch);
  if (key === "uripath") return "uriPath";
  if (key === "method") return "method";
  return key === undefined && containsUnknown(fieldToMatch) ? "unknown" : "other";
}

/** Every request has the component. */
function present(c: Component): Proof {
  return c === "unknown" ? "unknown" : c === "other" ? "no" : "yes";
}

function isUriPath(c: Component): Proof {
  return c === "unknown" ? "unknown" : c === "uriPath" ? "yes" : "no";
}

function keepsLeadingSlash(transformations: unknown): Proof {
  if (isUnknown(transformations)) return "unknown";
  return allOf(
    list(transformations).map((t) => {
      const type = field(obj(t), "type");
      if (isUnknown(type)) return "unknown";
      return typeof type === "string" && KEEP_LEADING_SLASH.has(type.toUpperCase()) ? "yes" : "no";
    }),
  );
}

const sameForAll = (all: Proof, none: Proof): Verdict => sameForEveryClient({ all, none });

/** Transformations that never lengthen a URI path, so its size after them stays under the front end's bound. */
const NEVER_LENGTHEN = new Set([...KEEP_LEADING_SLASH, "REMOVE_WHITE_SPACE", "HTML_ENTITY_DECODE", "NORMALIZE_PATH"]);

function neverLengthens(transformations: unknown): Proof {
  if (isUnknown(transformations)) return "unknown";
  return allOf(
    list(transformations).map((t) => {
      const type = field(obj(t), "type");
      if (isUnknown(type)) return "unknown";
      return typeof type === "string" && NEVER_LENGTHEN.has(type.toUpperCase()) ? "yes" : "no";
    }),
  );
}

/** Whether a size comparison holds for every path shorter than `bound` bytes (always), or for none (never). */
function againstBound(o: string, n: number, bound: number, pick: "always" | "never"): boolean {
  const longest = bound - 1;
  if (pick === "always")
    return (o === "LT" && n > longest) || (o === "LE" && n >= longest) || (o === "NE" && n > longest);
  return (o === "GT" && n >= longest) || (o === "GE" && n > longest) || (o === "EQ" && n > longest);
}

/** A comparison on the URI path that only the front end's bound makes total (or empty), e.g. LT 8192 on CloudFront. */
function pathSizeBound(s: Record<string, unknown>, o: string, n: number, limits: RequestLimits): Verdict | undefined {
  const bound = limits.pathShorterThan;
  if (bound === undefined) return undefined;
  const staysShort = neverLengthens(field(s, "textTransformations"));
  const proof = (pick: "always" | "never"): Proof => {
    // Scope unknown: what holds under one front end's bound may not under another's.
    const held = (bound === "unknown" ? PATH_BOUNDS : [bound]).map((b) => againstBound(o, n, b, pick));
    return allOf([staysShort, held.every(Boolean) ? "yes" : held.some(Boolean) ? "unknown" : "no"]);
  };
  const [always, never] = [proof("always"), proof("never")];
  return always === "no" && never === "no" ? undefined : sameForAll(always, never);
}

function sizeConstraint(s: Record<string, unknown>, limits: RequestLimits): Verdict {
  const component = componentOf(field(s, "fieldToMatch"));
  const op = field(s, "comparisonOperator");
  const size = field(s, "size");
  if (isUnknown(op) || isUnknown(size)) {
    const maybe = allOf([present(component), "unknown"]);
    return sameForAll(maybe, maybe);
  }
  const o = typeof op === "string" ? op.toUpperCase() : "";
  const n = num(size);
  if (n === undefined) return NOT_PROVEN;
  // Sizes are never negative: these comparisons hold (or fail) for any size. LE 8192 on a body does not.
  const always = (o === "GE" && n <= 0) || (o === "GT" && n < 0) || (o === "NE" && n < 0);
  const never = (o === "LT" && n <= 0) || (o === "LE" && n < 0) || (o === "EQ" && n < 0);
  if (!always && !never && component === "uriPath") {
    const bounded = pathSizeBound(s, o, n, limits);
    if (bounded) return bounded;
  }
  // Oversize handling (MATCH) on bodies, headers and cookies can match whatever the comparison says.
  return sameForAll(
    allOf([present(component), known(false, always)]),
    allOf([present(component), known(false, never)]),
  );
}

function byteMatch(s: Record<string, unknown>): Verdict {
  const component = componentOf(field(s, "fieldToMatch"));
  const position = field(s, "positionalConstraint");
  const search = field(s, "searchString");
  if (isUnknown(position) || isUnknown(search))
    return sameForAll(allOf([present(component), "unknown"]), allOf([isUriPath(component), "unknown"]));
  const p = typeof position === "string" ? position.toUpperCase() : "";
  if (typeof search !== "string") return NOT_PROVEN;
  const slash = keepsLeadingSlash(field(s, "textTransformations"));
  // The empty string is contained in, starts and ends any present text, whatever the transformations.
  if (search === "" && ["CONTAINS", "STARTS_WITH", "ENDS_WITH"].includes(p))
    return sameForAll(present(component), "no");
  // Every URI path starts with "/" (so contains one), and keeps it through transformations that cannot remove it.
  if ((p === "STARTS_WITH" || p === "CONTAINS") && search === "/")
    return sameForAll(allOf([isUriPath(component), slash]), "no");
  // So no URI path starts with (or is) a text that does not begin with "/".
  if ((p === "STARTS_WITH" || p === "EXACTLY") && search !== "" && !search.startsWith("/"))
    return sameForAll("no", allOf([isUriPath(component), slash]));
  return NOT_PROVEN;
}

function regexMatch(s: Record<string, unknown>): Verdict {
  const component = componentOf(field(s, "fieldToMatch"));
  const regex = field(s, "regexString");
  if (isUnknown(regex)) return sameForAll(allOf([present(component), "unknown"]), "no");
  // A pattern matching the empty string at the start or end of any text matches any present component; one matching
  // the leading "/" at the start (`^/`, as STARTS_WITH "/") matches every URI path that keeps it.
  const total = typeof regex === "string" && regexMatchesEveryString(regex);
  if (total || typeof regex !== "string" || !regexMatchesEveryPath(regex))
    return sameForAll(allOf([present(component), known(false, total)]), "no");
  const slash = keepsLeadingSlash(field(s, "textTransformations"));
  return sameForAll(allOf([isUriPath(component), slash]), "no");
}

/** IP set references resolved one way; regex pattern sets by every set they may name. */
interface ResolvedLookup {
  ipSet: (arn: unknown) => Verdict;
  regexSets: RegexSetLookup;
  limits: RequestLimits;
}

function ipSetReference(s: Record<string, unknown>, lookup: ResolvedLookup): Verdict {
  const forwarded = field(s, "ipSetForwardedIpConfig");
  // The address then comes from a header the client writes (with a fallback when it is missing): not proven.
  if (isUnknown(forwarded)) return combine(lookup.ipSet(field(s, "arn")), NOT_PROVEN, either, either);
  if (forwarded !== undefined && forwarded !== null) return NOT_PROVEN;
  return lookup.ipSet(field(s, "arn"));
}

/** Any of the set's patterns matching, each read as a regexMatchStatement on the same field and transformations. */
function regexSetReference(s: Record<string, unknown>, lookup: ResolvedLookup): Verdict {
  const asRegex = (regexString: unknown) =>
    regexMatch({
      regexString,
      fieldToMatch: field(s, "fieldToMatch"),
      textTransformations: field(s, "textTransformations"),
    });
  const one = (set: RegexSet): Verdict => {
    if (set === "outside") return NOT_PROVEN;
    // An unresolved set may hold any pattern, as may an unknown list or entry.
    if (set === "unresolved" || isUnknown(set.regularExpressions)) return asRegex(UNKNOWN);
    const patterns = list(set.regularExpressions).map((e) => (isUnknown(e) ? e : field(obj(e), "regexString")));
    return join("or", patterns.map(asRegex));
  };
  const verdicts = lookup.regexSets(field(s, "arn")).map(one);
  return verdicts.length === 0 ? NOT_PROVEN : verdicts.reduce(eitherVerdict);
}

function combine(
  a: Verdict,
  b: Verdict,
  all: (x: Proof, y: Proof) => Proof,
  none: (x: Proof, y: Proof) => Proof,
): Verdict {
  const one = (x: FamilyProof, y: FamilyProof) => ({ all: all(x.all, y.all), none: none(x.none, y.none) });
  return { ipv4: one(a.ipv4, b.ipv4), ipv6: one(a.ipv6, b.ipv6) };
}

function members(s: Record<string, unknown>, lookup: ResolvedLookup, depth: number): Verdict[] | undefined {
  const statements = field(s, "statements");
  if (isUnknown(statements)) return undefined;
  return list(statements).map((m) => verdict(m, lookup, depth + 1));
}

function logical(kind: "and" | "or", s: Record<string, unknown>, lookup: ResolvedLookup, depth: number): Verdict {
  const parts = members(s, lookup, depth);
  return parts === undefined ? UNKNOWN_VERDICT : join(kind, parts);
}

function join(kind: "and" | "or", parts: readonly Verdict[]): Verdict {
  if (parts.length === 0) return NOT_PROVEN;
  const family = (f: "ipv4" | "ipv6"): FamilyProof => {
    const all = parts.map((p) => p[f].all);
    const none = parts.map((p) => p[f].none);
    return kind === "and" ? { all: allOf(all), none: anyOf(none) } : { all: anyOf(all), none: allOf(none) };
  };
  return { ipv4: family("ipv4"), ipv6: family("ipv6") };
}

function negation(s: Record<string, unknown>, lookup: ResolvedLookup, depth: number): Verdict {
  const inner = verdict(field(s, "statement"), lookup, depth + 1);
  const flip = (p: FamilyProof): FamilyProof => ({ all: p.none, none: p.all });
  return { ipv4: flip(inner.ipv4), ipv6: flip(inner.ipv6) };
}

/** Statement types read; the others (rate-based, geo, label, managed or referenced groups…) prove nothing here. */
const READ = new Set([
  "sizeconstraintstatement",
  "bytematchstatement",
  "regexmatchstatement",
  "ipsetreferencestatement",
  "regexpatternsetreferencestatement",
  "notstatement",
  "andstatement",
  "orstatement",
]);

/** What a statement proves per client family, its IP set references resolved one way. */
function verdict(statement: unknown, lookup: ResolvedLookup, depth = 0): Verdict {
  if (depth > MAX_DEPTH) return NOT_PROVEN;
  if (isUnknown(statement)) return UNKNOWN_VERDICT;
  const key = onlyKey(statement);
  if (key === undefined) return containsUnknown(statement) ? UNKNOWN_VERDICT : NOT_PROVEN;
  const value = field(obj(statement), key);
  if (!READ.has(key)) return NOT_PROVEN;
  const methods = methodsMatched(statement);
  if (methods?.size === METHODS.length) return sameForAll("yes", "no");
  if (methods?.size === 0) return sameForAll("no", "yes");
  if (isUnknown(value)) return UNKNOWN_VERDICT;
  const body = obj(value);
  if (!body) return NOT_PROVEN;
  switch (key) {
    case "sizeconstraintstatement":
      return sizeConstraint(body, lookup.limits);
    case "bytematchstatement":
      return byteMatch(body);
    case "regexmatchstatement":
      return regexMatch(body);
    case "ipsetreferencestatement":
      return ipSetReference(body, lookup);
    case "regexpatternsetreferencestatement":
      return regexSetReference(body, lookup);
    case "notstatement":
      return negation(body, lookup, depth);
    default:
      return logical(key === "andstatement" ? "and" : "or", body, lookup, depth);
  }
}

const total = (v: Verdict): Proof => allOf(FAMILIES.map((f) => v[f].all));

/**
 * "yes" when every request, from any client, matches; "unknown" when that depends on a value unknown at preview.
 * References that may name several IP sets are tried every way (the traversal visits them in a fixed order), so a
 * lone reference to one of an IPv4 and an IPv6 set is still known not to match every client. Regex pattern set
 * references are judged against every set they may name. `limits` bound the URI paths the web ACL can see.
 */
export function matchesEveryRequest(
  statement: unknown,
  lookup: IpSetLookup,
  regexSets: RegexSetLookup = NO_REGEX_SETS,
  limits: RequestLimits = NO_LIMITS,
): Proof {
  const candidates: Verdict[][] = [];
  const resolved = (ipSet: (arn: unknown) => Verdict): ResolvedLookup => ({ ipSet, regexSets, limits });
  const first = total(
    verdict(
      statement,
      resolved((arn) => {
        const options = lookup(arn);
        candidates.push(options.length > 0 ? options : [UNKNOWN_VERDICT]);
        return candidates[candidates.length - 1][0];
      }),
    ),
  );
  const choices = candidates.reduce((n, c) => n * c.length, 1);
  if (choices === 1) return first;
  if (choices > MAX_CHOICES) {
    const merged = candidates.map((c) => c.reduce(eitherVerdict));
    let next = 0;
    return total(
      verdict(
        statement,
        resolved(() => merged[next++] ?? UNKNOWN_VERDICT),
      ),
    );
  }
  let result = first;
  for (let choice = 1; choice < choices; choice++) {
    let rest = choice;
    const picked = candidates.map((c) => {
      const v = c[rest % c.length];
      rest = Math.floor(rest / c.length);
      return v;
    });
    let next = 0;
    result = either(
      result,
      total(
        verdict(
          statement,
          resolved(() => picked[next++] ?? UNKNOWN_VERDICT),
        ),
      ),
    );
  }
  return result;
}
