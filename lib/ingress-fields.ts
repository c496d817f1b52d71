// Field readers shared by every inbound-rule extractor: port ranges, protocols and CIDR sources read the same way
// whichever resource carries them, with unknown markers kept visible.
import { parseCidr } from "./cidr";
import type { RangeOrUnknown } from "./ingress";
import { PortRange, protocolPorts } from "./ports";
import { normalizeProtocol } from "./reachability/protocol";
import { isUnknown, list, strings } from "./values";

/** Undecidable ranges (unknown at preview, or malformed) are kept as "unknown" so callers report, not guess. */
export const range = (r: PortRange | "none" | undefined): RangeOrUnknown => r ?? "unknown";

/** The protocol as the reachability model names it ("6" is "tcp", "-1" is "all"); "unknown" when undecidable. */
export const protocolOf = (v: unknown): string => (protocolPorts(v) === undefined ? "unknown" : normalizeProtocol(v));

/** Prefix-list ids stand where a CIDR may (an Alicloud ACL's sourceCidrIp): not a block, yet not unreadable. */
const PREFIX_LIST_ID = /^\s*pl-/i;

export function sourcesOf(...values: unknown[]): { cidrs: string[]; unknownSource: boolean; unreadable?: string[] } {
  let unknownSource = false;
  const cidrs: string[] = [];
  let unreadable: string[] | undefined;
  for (const v of values) {
    if (isUnknown(v)) {
      unknownSource = true;
      continue;
    }
    for (const s of strings(v)) {
      if (isUnknown(s)) unknownSource = true;
      else if (s.trim() !== "") {
        cidrs.push(s);
        // A source no parser here reads may still mean the internet to the cloud: kept so it is reported, not passed.
        if (!parseCidr(s) && !PREFIX_LIST_ID.test(s)) (unreadable ??= []).push(s);
      }
    }
  }
  return unreadable ? { cidrs, unknownSource, unreadable } : { cidrs, unknownSource };
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
