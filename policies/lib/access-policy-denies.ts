// Explicit Deny statements of an OpenSearch / Elasticsearch access policy that narrow an open Allow. IAM lets an
// explicit Deny win over any Allow, so a Deny on every principal that covers the Allow's actions and resources keeps
// out whoever its condition selects. Only the forms read exactly here narrow anything: a Deny that cannot be read
// (NotPrincipal, NotAction, NotResource, other conditions, unknown values) leaves the Allow as it was.
import { parseCidr } from "../../lib/cidr";
import { isUnknown, list, obj, strings } from "../../lib/values";
import { matchesEverything, wildcardMatches } from "./wildcard";

/** Which callers a Deny lets past: none, or only the sources its `NotIpAddress aws:SourceIp` lists. */
export type DenyAdmits = { nobody: true } | { sourcesField: string; sources: unknown };

export interface DenyGate {
  /** Lower-case action patterns (IAM action names ignore case). */
  actions: string[];
  /** Resource ARN patterns, matched with case. */
  resources: string[];
  admits: DenyAdmits;
}

const WILDCARD = /[*?]/;

/**
 * Whether every name `inner` matches is matched by `outer`. Exact only for the forms read here (match-all, equal
 * patterns, a literal inner, and a literal prefix followed by one `*`); any other pair is treated as not covered.
 */
export function patternCovers(outer: string, inner: string): boolean {
  if (matchesEverything(outer) || outer === inner) return true;
  if (!WILDCARD.test(inner)) return wildcardMatches(outer, inner);
  const prefix = outer.slice(0, -1);
  if (!outer.endsWith("*") || WILDCARD.test(prefix)) return false;
  // Every match of inner starts with inner's literal head; outer matches whatever starts with its own prefix.
  return inner.startsWith(prefix);
}

/** The known patterns of a Deny field; an unknown list or a negated field gives none, so the Deny covers nothing. */
function knownPatterns(st: Record<string, unknown>, field: "Action" | "Resource"): string[] {
  if (st[`Not${field}`] !== undefined || isUnknown(st[field])) return [];
  // An unknown entry can only widen what the Deny covers; the known entries must cover on their own.
  return strings(st[field]).filter((s) => !isUnknown(s));
}

/** Principal "*" or an AWS principal list holding "*": the Deny applies to every caller, anonymous ones included. */
function appliesToEveryone(st: Record<string, unknown>): boolean {
  if (st.NotPrincipal !== undefined) return false;
  const p = st.Principal;
  if (p === "*") return true;
  return strings(obj(p)?.AWS).includes("*");
}

/** Null {"aws:SourceVpc": "true"}: true when any listed value is "true" (values of one key are ORed). */
function nullTrue(value: unknown): boolean {
  return list(value).some((v) => v === true || (typeof v === "string" && v.trim().toLowerCase() === "true"));
}

/** An address or block as IAM's IpAddress operators take it; an unknown value is read later, as unknown. */
const isAddress = (v: unknown): boolean => isUnknown(v) || (typeof v === "string" && parseCidr(v) !== undefined);

/** The one condition form a Deny may carry to narrow an Allow; undefined for every other condition. */
function admitted(st: Record<string, unknown>, at: string): DenyAdmits | undefined {
  const c = st.Condition;
  if (c === undefined || c === null) return { nobody: true };
  const conditions = obj(c);
  if (!conditions) return undefined;
  const ops = Object.entries(conditions);
  if (ops.length === 0) return { nobody: true };
  // Several operators or keys are ANDed: the Deny then applies to fewer callers than any one of them selects.
  if (ops.length !== 1) return undefined;
  const [op, block] = ops[0];
  const keys = Object.entries(obj(block) ?? {});
  if (keys.length !== 1) return undefined;
  const [key, value] = keys[0];
  const o = op.toLowerCase();
  const k = key.toLowerCase();
  if (o === "notipaddress" && k === "aws:sourceip") {
    // Addresses are a string or a non-empty list of them, each an address or block; anything else (an empty list, a
    // null, a nested list, text that is no address) is no list IAM would narrow by, so the Deny narrows nothing.
    const addresses = typeof value === "string" ? [value] : Array.isArray(value) ? value : [];
    if (addresses.length === 0 || !addresses.every(isAddress)) return undefined;
    return { sourcesField: `${at}.Condition.${op}["${key}"]`, sources: value };
  }
  // Internet callers carry no aws:SourceVpc: a Deny on its absence keeps every one of them out.
  if (o === "null" && k === "aws:sourcevpc" && !isUnknown(value) && nullTrue(value)) return { nobody: true };
  return undefined;
}

/** A Deny statement read as a gate, or undefined when it narrows nothing that can be shown. */
function denyGate(s: unknown, at: string): DenyGate | undefined {
  const st = obj(s);
  if (!st || st.Effect !== "Deny" || !appliesToEveryone(st)) return undefined;
  const actions = knownPatterns(st, "Action").map((a) => a.toLowerCase());
  const resources = knownPatterns(st, "Resource");
  if (actions.length === 0 || resources.length === 0) return undefined;
  const admits = admitted(st, at);
  return admits && { actions, resources, admits };
}

/** Every readable Deny of the document's statements, each with the field name of its statement. */
export function denyGates(statements: unknown[], statementAt: (i: number) => string): DenyGate[] {
  return statements.flatMap((s, i) => {
    const gate = denyGate(s, statementAt(i));
    return gate ? [gate] : [];
  });
}

/**
 * The Allow's patterns for a field, or undefined when only a match-all Deny can cover them: NotAction/NotResource,
 * an unknown list or entry, or no patterns at all.
 */
function allowPatterns(st: Record<string, unknown>, field: "Action" | "Resource"): string[] | undefined {
  if (st[`Not${field}`] !== undefined || isUnknown(st[field])) return undefined;
  const all = strings(st[field]);
  if (all.length === 0 || all.some(isUnknown)) return undefined;
  return field === "Action" ? all.map((a) => a.toLowerCase()) : all;
}

function coversAll(deny: string[], allow: string[] | undefined): boolean {
  if (allow === undefined) return deny.some(matchesEverything);
  return allow.every((a) => deny.some((d) => patternCovers(d, a)));
}

/** The Denies that apply to every action and resource the Allow statement grants. */
export function coveringGates(allow: Record<string, unknown>, gates: DenyGate[]): DenyGate[] {
  if (gates.length === 0) return [];
  const actions = allowPatterns(allow, "Action");
  const resources = allowPatterns(allow, "Resource");
  return gates.filter((g) => coversAll(g.actions, actions) && coversAll(g.resources, resources));
}
