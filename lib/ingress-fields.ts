// Field readers shared by every inbound-rule extractor: port ranges, protocols and CIDR sources read the same way
// whichever resource carries them, with unknown markers kept visible.
import { parseCidr } from "./cidr";
import { BoundedMemo } from "./bounded-memo";
import type { IngressEntry, RangeOrUnknown } from "./ingress";
import { PortRange, protocolPorts } from "./ports";
import { normalizeProtocol } from "./reachability/protocol";
import { isUnknown, list } from "./values";

/** Undecidable ranges (unknown at preview, or malformed) are kept as "unknown" so callers report, not guess. */
export const range = (r: PortRange | "none" | undefined): RangeOrUnknown => r ?? "unknown";

/** The protocol as the reachability model names it ("6" is "tcp", "-1" is "all"); "unknown" when undecidable. */
export function protocolOf(v: unknown): string {
  // Programs repeat a handful of protocol words: each is read once (two regexes and two lookups otherwise).
  if (typeof v === "string") return protocolNames.get(v) ?? protocolNames.set(v, readProtocol(v));
  return readProtocol(v);
}

const readProtocol = (v: unknown): string => (protocolPorts(v) === undefined ? "unknown" : normalizeProtocol(v));
const protocolNames = new BoundedMemo<string, string>(10_000);

/** Prefix-list ids stand where a CIDR may (an Alicloud ACL's sourceCidrIp): not a block, yet not unreadable. */
const PREFIX_LIST_ID = /^\s*pl-/i;

/** An entry's sources: known CIDR blocks, whether some source is unknown, and known ones no parser here reads. */
export interface Sources {
  cidrs: string[];
  unknownSource: boolean;
  unreadable?: string[];
}

export function sourcesOf(...values: unknown[]): Sources {
  const found: Sources = { cidrs: [], unknownSource: false };
  for (const v of values) {
    if (isUnknown(v)) found.unknownSource = true;
    // A list's strings, or a single string (as values.strings reads them), without the copies that makes.
    else if (Array.isArray(v)) for (const s of v) addSource(found, s);
    else addSource(found, v);
  }
  return found;
}

function addSource(found: Sources, s: unknown): void {
  if (typeof s !== "string") return;
  if (isUnknown(s)) found.unknownSource = true;
  else if (s.trim() !== "") {
    found.cidrs.push(s);
    // A source no parser here reads may still mean the internet to the cloud: kept so it is reported, not passed.
    if (!parseCidr(s) && !PREFIX_LIST_ID.test(s)) (found.unreadable ??= []).push(s);
  }
}

/**
 * Whether a prefix-list field (`prefixListId`, or a `prefixListIds` list) is unknown at preview, whole or in part.
 * Extraction does not read prefix lists (lib/ingress.ts), but an id unknown at preview may name any list, and a managed
 * prefix list may hold 0.0.0.0/0: the resource policies read such a source as an unknown one.
 */
export function unknownPrefixList(v: unknown): boolean {
  if (isUnknown(v)) return true;
  return Array.isArray(v) && v.some(isUnknown);
}

/** The fields of an inbound entry besides its sources. */
export interface EntryHead {
  where: string;
  action: "allow" | "deny";
  range: RangeOrUnknown;
  protocol?: string;
  order?: number;
  unknownAction?: boolean;
  assumed?: string;
}

/**
 * One inbound entry, every field present in one order (absent ones undefined): the exposure walks read an entry's
 * fields for every listed port, and objects of one shape read faster than the many shapes spreads leave.
 */
export function ingressEntry(head: EntryHead, sources: Sources): IngressEntry {
  return {
    where: head.where,
    action: head.action,
    range: head.range,
    protocol: head.protocol,
    order: head.order,
    unknownAction: head.unknownAction,
    assumed: head.assumed,
    cidrs: sources.cidrs,
    unknownSource: sources.unknownSource,
    unreadable: sources.unreadable,
  };
}

/** The list held by a field, or the field's name when the whole list is unknown at preview. */
export function listField(props: Record<string, unknown>, field: string): unknown[] | string {
  const v = props[field];
  return isUnknown(v) ? field : list(v);
}

/** ACL and rule actions: allow/accept or deny/drop in any case; undefined for anything else (or unknown). */
export function naclAction(v: unknown): "allow" | "deny" | undefined {
  const a = typeof v === "string" ? v.trim().toLowerCase() : undefined;
  return a === "allow" || a === "accept" ? "allow" : a === "deny" || a === "drop" ? "deny" : undefined;
}

/** Alibaba Cloud rule policies, where an absent policy is the provider default, accept. */
export function alicloudPolicy(v: unknown): "allow" | "deny" | undefined {
  if (v === undefined || v === null || v === "") return "allow";
  return naclAction(v);
}
