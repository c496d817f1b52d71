// Database whitelists (Alibaba Cloud security IPs, whitelist groups and templates, and access-policy source
// addresses): one parsing of "which entries admit the internet or too broad a public range".
import { internetSources } from "../../lib/cidr";
import { bool, isUnknown, list, obj, strings } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { Check } from "./rule";

export interface DatabaseConfig {
  allowCidrs: string[];
  minPublicPrefixV4: number;
  minPublicPrefixV6: number;
}

/** Whitelist entries meaning "anyone" in Alibaba Cloud database consoles and APIs. */
const WILDCARDS = new Set(["%", "*", "0.0.0.0"]);

/** Separators between entries: commas as documented, and the semicolons and blanks hand-written lists slip in. */
const SEPARATORS = /[,;\s]+/;

const opens = (findings: Finding[]) => findings.some((f) => !f.unverifiable);

/**
 * Whitelist fields hold lists of strings, each of which may itself hold several entries. Known open entries are a
 * violation even when other entries are unknown at preview; only an otherwise closed list with unknowns is a note.
 */
export function whitelistFindings(field: string, value: unknown, c: DatabaseConfig): Finding[] {
  if (isUnknown(value)) return [unverifiable(field)];
  const all = strings(value).flatMap((s) => (isUnknown(s) ? [s] : s.split(SEPARATORS).filter((x) => x !== "")));
  const entries = all.filter((e) => !isUnknown(e));
  const opts = { allow: c.allowCidrs, minPrefixV4: c.minPublicPrefixV4, minPrefixV6: c.minPublicPrefixV6 };
  // Wildcard patterns are judged as the blocks they match and reported as written.
  const others = entries.filter((e) => !WILDCARDS.has(e));
  const written = new Map(others.map((e) => [wildcardCidr(e) ?? e, e]));
  const open = [
    ...entries.filter((e) => WILDCARDS.has(e)),
    ...internetSources([...written.keys()], opts).map((e) => written.get(e) ?? e),
  ];
  if (open.length > 0) return [violation(`${field} admits the internet or a broad public range: ${open.join(", ")}`)];
  return entries.length < all.length ? [unverifiable(`an entry of ${field}`)] : [];
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

export interface WhitelistGroups {
  /** The list of groups, e.g. `securityIpGroups`. */
  field: string;
  /** The whitelist inside each group, e.g. `securityIpList`. */
  entries: string;
  /** True when a group removes rather than admits its entries; undefined when that is unknown at preview. */
  removes?: (group: Record<string, unknown>) => boolean | undefined;
}

/** Findings of a whitelist that may only be removing its entries: an open entry in doubt is a note. */
function unlessRemoved(removes: boolean | undefined, at: string, findings: () => Finding[]): Finding[] {
  if (removes === true) return [];
  const found = findings();
  return removes === undefined && opens(found) ? [unverifiable(`the mode of ${at}`)] : found;
}

/** Named whitelist groups: each group's own whitelist is read with the same parsing as a top-level one. */
function groupFindings(spec: WhitelistGroups, groups: unknown, c: DatabaseConfig): Finding[] {
  if (isUnknown(groups)) return [unverifiable(spec.field)];
  return list(groups).flatMap((g, i) => {
    const at = `${spec.field}[${i}]`;
    if (isUnknown(g)) return [unverifiable(at)];
    const group = obj(g) ?? {};
    return unlessRemoved(spec.removes ? spec.removes(group) : false, at, () =>
      whitelistFindings(`${at}.${spec.entries}`, group[spec.entries], c),
    );
  });
}

/** A check reading top-level whitelist fields and whitelist-group fields, each optional. */
export function whitelists(fields: string[], groups: WhitelistGroups[] = []): Check<DatabaseConfig> {
  return (p, ctx) => [
    ...fields.flatMap((f) => whitelistFindings(f, p[f], ctx.config)),
    ...groups.flatMap((g) => groupFindings(g, p[g.field], ctx.config)),
  ];
}

/** `modifyMode` "Delete" removes the listed entries instead of admitting them (PolarDB groups, gpdb whitelists). */
export const deletes = (mode: unknown): boolean | undefined => (isUnknown(mode) ? undefined : mode === "Delete");

/** A whitelist resource of its own, whose `modifyMode` may delete rather than add its entries. */
export function modifiedWhitelist(field: string): Check<DatabaseConfig> {
  return (p, ctx) =>
    unlessRemoved(deletes(p.modifyMode), "the resource", () => whitelistFindings(field, p[field], ctx.config));
}

/**
 * A whitelist that guards a public endpoint only while `flag` is on (`defaultOn` when absent): off, it admits
 * nothing from the internet; unknown, an open entry is a note.
 */
export function publicWhitelist(flag: string, field: string, defaultOn: boolean): Check<DatabaseConfig> {
  return (p, ctx) => {
    if (isUnknown(p[flag])) {
      const found = whitelistFindings(field, p[field], ctx.config);
      return opens(found) ? [unverifiable(flag, `${field} admits the internet`)] : found;
    }
    return (bool(p[flag]) ?? defaultOn) ? whitelistFindings(field, p[field], ctx.config) : [];
  };
}
