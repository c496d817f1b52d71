// A load balancer listener's access control (listener-acls.ts) as the model's source lists. Whitelists: a client is
// let in when any of them lists it; an entry, reference or setting the plan does not show may be any address
// (`0.0.0.0/0` and `::/0`, flagged). Every whitelist empty admits everyone, as the CLB documentation says (ALB's
// pages disagree with each other: the reading that hides nothing wins). Blacklists: a client their known entries
// cover together is refused; an unknown entry, an ACL outside the stack, or an entry attachment that may belong to
// another ACL (its `aclId` links several) closes nothing.
import { familyOf } from "../cidr-sets";
import { ANY_SOURCE, Family } from "../exposure";
import { ListedSource, Listener } from "../model";
import { GenericResource, str } from "../resource";
import { whitelistBlock } from "../../whitelist-entries";
import { AclRefRead, ListenerAcls } from "./listener-acls";

const FAMILIES: Family[] = ["ipv4", "ipv6"];

/** Any address of the families given, standing for what `unknown` names. */
function anyAddress(unknown: string, families: readonly Family[], cause?: string): ListedSource[] {
  return families.map((f) => ({ cidr: ANY_SOURCE[f], unknown, ...(cause ? { cause } : {}) }));
}

/** The family an ACL's entries belong to; unknown or unset, either. */
function aclFamilies(acl: GenericResource): Family[] {
  const v = (str(acl.inputs.addressIpVersion ?? acl.inputs.ipVersion) ?? "").toLowerCase();
  return v === "ipv4" || v === "ipv6" ? [v] : FAMILIES;
}

/** What the whitelist references admit, entry by entry. */
function whitelisted(reads: readonly AclRefRead[]): ListedSource[] {
  return reads.flatMap((read) => {
    if ("unknown" in read) return anyAddress(read.unknown, FAMILIES);
    return read.acls.flatMap(({ acl, entries }) =>
      entries.flatMap((e): ListedSource[] => {
        if ("unknown" in e) return anyAddress(e.unknown, aclFamilies(acl), e.from);
        const block = whitelistBlock(e.text);
        if (block === undefined)
          return anyAddress(`whitelist entry ${JSON.stringify(e.text)} (no CIDR block)`, aclFamilies(acl), e.from);
        return [{ cidr: block, cause: e.from }];
      }),
    );
  });
}

/** The blocks the blacklist references drop: only entries known to be blocks of the ACL itself. */
function blacklisted(reads: readonly AclRefRead[]): string[] {
  return reads.flatMap((read) =>
    "unknown" in read
      ? []
      : read.acls.flatMap(({ entries }) =>
          entries.flatMap((e) => ("text" in e && !e.uncertain && familyOf(e.text) !== undefined ? [e.text] : [])),
        ),
  );
}

/** The allow and deny lists a listener carries in the model; none when its access control filters nothing. */
export function listenerSourceLists(acls: ListenerAcls): Pick<Listener, "allowList" | "denyList"> {
  if (acls.kind === "anyone") return {};
  if (acls.kind === "unknown") return { allowList: anyAddress(acls.field, FAMILIES) };
  const allowList = whitelisted(acls.white);
  const denyList = blacklisted(acls.black);
  return { ...(allowList.length > 0 ? { allowList } : {}), ...(denyList.length > 0 ? { denyList } : {}) };
}
