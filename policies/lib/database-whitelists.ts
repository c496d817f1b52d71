// Database whitelists (Alibaba Cloud security IPs, whitelist groups and templates, and access-policy source
// addresses): one parsing of "which entries admit the internet or too broad a public range".
import { internetSources } from "../../lib/cidr";
import { removesListedEntries } from "../../lib/reachability/alicloud/whitelist-modify-mode";
import { splitWhitelist, whitelistBlock } from "../../lib/whitelist-entries";
import { bool, isUnknown, list, obj, strings } from "../../lib/values";
import { Finding, unverifiable, violation } from "./findings";
import { Check } from "./rule";

export interface DatabaseConfig {
  allowCidrs: string[];
  minPublicPrefixV4: number;
  minPublicPrefixV6: number;
}

const opens = (findings: Finding[]) => findings.some((f) => !f.unverifiable);

/**
 * Whitelist fields hold lists of strings, each of which may itself hold several entries. Known open entries are a
 * violation even when other entries are unknown at preview; only an otherwise closed list with unknowns is a note,
 * and so is one with an entry that is no address, block or wildcard (the cloud may read it as anyone).
 */
export function whitelistFindings(field: string, value: unknown, c: DatabaseConfig): Finding[] {
  if (isUnknown(value)) return [unverifiable(field)];
  const all = strings(value).flatMap((s) => (isUnknown(s) ? [s] : splitWhitelist(s)));
  const entries = all.filter((e) => !isUnknown(e));
  const opts = { allow: c.allowCidrs, minPrefixV4: c.minPublicPrefixV4, minPrefixV6: c.minPublicPrefixV6 };
  // Wildcards and wildcard patterns are judged as the blocks they match and reported as written.
  const read = entries.map((entry) => ({ entry, block: whitelistBlock(entry) }));
  const blocks = read.flatMap((r) => (r.block === undefined ? [] : [r.block]));
  const broad = new Set(internetSources(blocks, opts));
  const open = read.filter((r) => r.block !== undefined && broad.has(r.block)).map((r) => r.entry);
  if (open.length > 0) return [violation(`${field} admits the internet or a broad public range: ${open.join(", ")}`)];
  const unreadable = read.filter((r) => r.block === undefined).map((r) => r.entry);
  return [
    ...(entries.length < all.length ? [unverifiable(`an entry of ${field}`)] : []),
    ...(unreadable.length > 0 ? [unreadableEntries(field, unreadable)] : []),
  ];
}

const MAX_QUOTED = 5;

/** Entries no reader here understands: the cloud may read them as anyone, so they are reported, never passed. */
function unreadableEntries(field: string, entries: string[]): Finding {
  // A few examples name the problem; a hostile list of thousands would only bloat the message.
  const shownEntries = entries
    .slice(0, MAX_QUOTED)
    .map((e) => JSON.stringify(e.length > 80 ? `${e.slice(0, 80)}…` : e));
  const more = entries.length - MAX_QUOTED;
  const quoted = shownEntries.join(", ") + (more > 0 ? ` and ${more} more` : "");
  return {
    message: `cannot be verified: ${field} entry ${quoted} is not an address, a CIDR block or a wildcard; write it in canonical form (e.g. 10.0.0.0/8, 192.168.1.10)`,
    unverifiable: true,
  };
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

/** `modifyMode` "Delete" removes the listed entries instead of admitting them (PolarDB groups, gpdb whitelists, Tair). */
export const deletes = removesListedEntries;

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
