// Alibaba Cloud Global Accelerator access control: a white-list ACL attached to a listener admits only its entries.
// A listener holds at most one IPv4 and one IPv6 ACL, so a white list narrows its own address family and leaves
// the other open. A black list only drops the addresses it names: it narrows nothing here (conservative), nor does
// an ACL type unknown at preview. The provider's listener has no inline ACL fields. What the plan does not show (an
// entry unknown at preview or unreadable, an ACL outside the stack) may be any address, flagged as every unknown
// allow is (README: exposures through it are unverified, and the listener hop names what was unknown).
import { ANY_SOURCE, Family } from "../exposure";
import { familyOf } from "../cidr-sets";
import { ListedSource, NetworkModel } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, isUnknown, list, prop, str } from "../resource";
import { ALI } from "./tokens";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

/** An entry as declared, with the resource holding it (the ACL, or an entry attachment). */
interface HeldEntry {
  value: unknown;
  from: string;
}

/** Listener URN → the sources it admits (both families); listeners without a white list are absent. */
export function gaListenerAllowLists(m: NetworkModel): Map<string, ListedSource[]> {
  const res = m.resolver;
  const attachedEntries = new Map<string, HeldEntry[]>();
  for (const r of res.ofType(ALI.gaAclEntryAttachment)) {
    const acl = res.one(r, "aclId", r.inputs.aclId, [ALI.gaAcl]);
    if (acl) pushTo(attachedEntries, acl, { value: r.inputs.entry, from: r.urn });
  }
  const perListener = new Map<string, Map<Family, ListedSource[]>>();
  for (const r of res.ofType(ALI.gaAclAttachment)) {
    if ((str(r.inputs.aclType) ?? "").toLowerCase() !== "white") continue;
    const listener = res.one(r, "listenerId", r.inputs.listenerId, [ALI.gaListener]);
    if (!listener) continue;
    const aclUrn = res.one(r, "aclId", r.inputs.aclId, [ALI.gaAcl]);
    const acl = aclUrn ? res.get(aclUrn) : undefined;
    const byFamily = perListener.get(listener) ?? new Map<Family, ListedSource[]>();
    for (const family of aclFamilies(acl)) {
      const admitted = acl
        ? admittedSources(acl, [...inlineEntries(acl), ...(attachedEntries.get(acl.urn) ?? [])], family)
        : [anyAddress(family, `ACL ${aclLabel(r.inputs.aclId)} (outside the stack)`, r.urn)];
      byFamily.set(family, [...(byFamily.get(family) ?? []), ...admitted]);
    }
    perListener.set(listener, byFamily);
  }
  const out = new Map<string, ListedSource[]>();
  for (const [listener, byFamily] of perListener)
    out.set(
      listener,
      FAMILIES.flatMap((f) => byFamily.get(f) ?? [{ cidr: ANY_SOURCE[f] }]),
    );
  return out;
}

/** How a hop names an ACL the stack does not hold: its id, or the field when that is unknown at preview. */
function aclLabel(ref: unknown): string {
  return str(ref) ?? "aclId unknown at preview";
}

/** The family an ACL filters; one outside the stack or unknown at preview may be either. */
function aclFamilies(acl: GenericResource | undefined): Family[] {
  const v = (str(acl?.inputs.addressIpVersion) ?? "").toLowerCase();
  return v === "ipv4" || v === "ipv6" ? [v] : FAMILIES;
}

function inlineEntries(acl: GenericResource): HeldEntry[] {
  return list(acl.inputs.aclEntries).map((e) => ({ value: isUnknown(e) ? e : prop(e, "entry"), from: acl.urn }));
}

/** Any address of the family, standing for what `unknown` names. */
function anyAddress(family: Family, unknown: string, cause: string): ListedSource {
  return { cidr: ANY_SOURCE[family], unknown, cause };
}

/**
 * The sources a white list admits in one family. An empty list forwards every request (the service's documented
 * behaviour); an entry unknown at preview or unreadable may be any address, flagged.
 */
function admittedSources(acl: GenericResource, entries: readonly HeldEntry[], family: Family): ListedSource[] {
  if (entries.length === 0) return [{ cidr: ANY_SOURCE[family], cause: acl.urn }];
  const out: ListedSource[] = [];
  for (const { value, from } of entries) {
    const text = str(value)?.trim();
    const f = text === undefined ? undefined : familyOf(text);
    if (text === undefined) out.push(anyAddress(family, `entries of ACL ${acl.name}`, from));
    else if (f === undefined)
      out.push(anyAddress(family, `white-list entry ${JSON.stringify(text)} (no CIDR block)`, from));
    else if (f === family) out.push({ cidr: text, cause: from });
  }
  return out;
}
