// Alibaba Cloud Global Accelerator access control: a white-list ACL attached to a listener admits only its entries.
// A listener holds at most one IPv4 and one IPv6 ACL, so a white list narrows its own address family and leaves
// the other open. A black list only drops the addresses it names: it narrows nothing here (conservative), nor does
// an ACL type unknown at preview. The provider's listener has no inline ACL fields.
import { ANY_SOURCE, Family } from "../exposure";
import { familyOf } from "../cidr-sets";
import { NetworkModel } from "../model";
import { pushTo } from "../multimap";
import { GenericResource, isUnknown, list, prop, str } from "../resource";
import { ALI } from "./tokens";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

/** Listener URN → the sources it admits (both families); listeners without a white list are absent. */
export function gaListenerAllowLists(m: NetworkModel): Map<string, string[]> {
  const res = m.resolver;
  const attachedEntries = new Map<string, unknown[]>();
  for (const r of res.ofType(ALI.gaAclEntryAttachment)) {
    const acl = res.one(r, "aclId", r.inputs.aclId, [ALI.gaAcl]);
    if (acl) pushTo(attachedEntries, acl, r.inputs.entry);
  }
  const perListener = new Map<string, Map<Family, string[]>>();
  for (const r of res.ofType(ALI.gaAclAttachment)) {
    if ((str(r.inputs.aclType) ?? "").toLowerCase() !== "white") continue;
    const listener = res.one(r, "listenerId", r.inputs.listenerId, [ALI.gaListener]);
    if (!listener) continue;
    const aclUrn = res.one(r, "aclId", r.inputs.aclId, [ALI.gaAcl]);
    const acl = aclUrn ? res.get(aclUrn) : undefined;
    const byFamily = perListener.get(listener) ?? new Map<Family, string[]>();
    for (const family of aclFamilies(acl)) {
      const entries = acl ? [...inlineEntries(acl), ...(attachedEntries.get(acl.urn) ?? [])] : [undefined];
      byFamily.set(family, [...(byFamily.get(family) ?? []), ...admittedSources(entries, family)]);
    }
    perListener.set(listener, byFamily);
  }
  const out = new Map<string, string[]>();
  for (const [listener, byFamily] of perListener)
    out.set(
      listener,
      FAMILIES.flatMap((f) => byFamily.get(f) ?? [ANY_SOURCE[f]]),
    );
  return out;
}

/** The family an ACL filters; one outside the stack or unknown at preview may be either. */
function aclFamilies(acl: GenericResource | undefined): Family[] {
  const v = (str(acl?.inputs.addressIpVersion) ?? "").toLowerCase();
  return v === "ipv4" || v === "ipv6" ? [v] : FAMILIES;
}

function inlineEntries(acl: GenericResource): unknown[] {
  return list(acl.inputs.aclEntries).map((e) => (isUnknown(e) ? e : prop(e, "entry")));
}

/**
 * The sources a white list admits in one family. An empty list forwards every request (the service's documented
 * behaviour); an entry unknown at preview, outside the stack or unreadable may be any address.
 */
function admittedSources(entries: readonly unknown[], family: Family): string[] {
  if (entries.length === 0) return [ANY_SOURCE[family]];
  const out: string[] = [];
  for (const e of entries) {
    const text = str(e);
    const f = text === undefined ? undefined : familyOf(text);
    if (f === undefined) out.push(ANY_SOURCE[family]);
    else if (f === family) out.push(text!);
  }
  return out;
}
